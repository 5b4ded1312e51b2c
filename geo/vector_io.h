// Reading extra vector layers (zones, camera positions) into the frame, and writing result
// layers (cameras, fields of view, blind spots, zones) as a GeoPackage.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/diagnostics.h"
#include "geo/frame.h"
#include "geo/triangulate.h"

namespace geo {

// One feature read into the frame: polygons (local metres) or a point, plus its attributes as
// text.
struct VectorRecord {
  std::vector<Polygon> polygons;
  std::optional<Vec2d> point;
  double z = 0;
  bool has_z = false;
  std::map<std::string, std::string> attributes;
  std::string where;  // "zones.geojson: feature 3", for messages
};

// Every polygon feature of a vector file (all polygon layers), validated and repaired like
// footprints. `fallback_crs` is assumed for files without a CRS ("" = error).
std::vector<VectorRecord> ReadPolygonFile(const std::filesystem::path& path, const Frame& frame,
                                          const std::string& fallback_crs,
                                          core::Diagnostics& diagnostics);

// One polygon given as WKT in `crs`; `context` names it in messages (file and line).
VectorRecord ReadPolygonWkt(const std::string& wkt, const std::string& crs, const Frame& frame,
                            const std::string& context, core::Diagnostics& diagnostics);

// Every point feature of a vector file (cameras, poles).
std::vector<VectorRecord> ReadPointFile(const std::filesystem::path& path, const Frame& frame,
                                        const std::string& fallback_crs);

// --- writing ---

using FieldValue = std::variant<std::int64_t, double, std::string>;

struct OutputField {
  enum class Type { integer, real, text };
  std::string name;
  Type type = Type::text;
};

struct OutputFeature {
  std::vector<Polygon> polygons;  // local metres; empty for point layers
  Vec2d point;                    // point layers
  std::vector<Vec2d> line;        // line layers (local metres)
  std::vector<double> line_m;     // measure per line vertex (e.g. time in s); empty: no M
  std::vector<FieldValue> values; // one per layer field, in order
};

struct OutputLayer {
  enum class Geometry { point, polygon, line_m };  // line_m: LineStringM (x, y, measure)
  std::string name;
  Geometry geometry = Geometry::polygon;
  std::vector<OutputField> fields;
  std::vector<OutputFeature> features;
};

// Writes all layers into one GeoPackage in the frame's CRS (temp file, then renamed).
void WriteGeoPackage(const std::filesystem::path& path, const Frame& frame,
                     const std::vector<OutputLayer>& layers);

}  // namespace geo
