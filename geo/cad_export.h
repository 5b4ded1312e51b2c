// The plan as a CAD drawing: AutoCAD DXF through OGR's DXF driver, in the scenario CRS's
// coordinates (metres), one DXF layer per kind of entity, for CAD-based installers.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "geo/triangulate.h"

namespace geo {

struct CadEntity {
  std::string layer;              // DXF layer: "cameras", "fov", "zones_priority"...
  std::vector<Polygon> polygons;  // closed outlines (local metres)
  std::vector<Vec2d> line;        // an open polyline (local metres)
  std::optional<Vec2d> point;     // a point; with `text`, a label there
  std::string text;
  double text_height_m = 1;
};

// Writes `entities` as a DXF file (atomically); coordinates leave the local frame for the
// frame's CRS. DXF carries no CRS: the caller says which in its documentation.
void WriteDxf(const std::filesystem::path& path, const Frame& frame,
              const std::vector<CadEntity>& entities);

}  // namespace geo
