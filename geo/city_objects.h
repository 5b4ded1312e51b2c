// Private to geo/: what the CityJSON and CityGML readers share. Semantic classes of city
// objects and their surfaces, planar polygons into the mesh, the choice of a LoD, the area
// test, and Buildings made of BuildingParts.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/readers.h"

namespace geo::detail {

struct Vec3d {
  double x = 0, y = 0, z = 0;
};

// Surface class from the object type ("TINRelief", "Road"...) when the geometry carries no
// semantics; nullopt: decide by the face normal (wall, roof or underside).
std::optional<Surface> ClassOfObjectType(const std::string& type);
// Surface class of a semantic surface ("RoofSurface", "WallSurface"...); nullopt: by normal.
std::optional<Surface> ClassOfSemanticSurface(const std::string& type);
// "BuildingPart" -> "building_part": Feature::kind of a city object type.
std::string KindOfObjectType(const std::string& type);

// One planar polygon: rings of point ids (outer ring first, then holes, not closed), with the
// point (local x/y, z in the source datum) and the mesh vertex of each id. Triangulated in
// its own plane and appended with `cls`, else the class its Newell normal gives.
// Returns the number of triangles added (0: degenerate).
struct PlanarSurface {
  const std::vector<std::vector<std::int64_t>>& rings;
  const std::function<const Vec3d&(std::int64_t)>& point;
  const std::function<std::uint32_t(std::int64_t)>& mesh_vertex;
};
std::size_t AddPlanarSurface(const PlanarSurface& surface, std::optional<Surface> cls,
                             std::uint32_t feature, CityModel& city);

// Which of an object's LoDs to use. `requested` is the source's `lod:` ("" = the highest
// the object has); "2" also matches 2.x (the highest of them). Without a match the nearest
// LoD below is used, else the lowest above, and `exact` is false.
struct LodChoice {
  int index = -1;  // into the list given; -1 when it is empty
  bool exact = true;
};
LodChoice ChooseLod(const std::vector<double>& lods, const std::string& requested);
// "2", "1.2": how LoDs are printed.
std::string LodText(double lod);
// Counts one object read at `lod` into the source summary.
void CountLod(SourceSummary& summary, double lod);

// Whether a box in local frame metres touches the area of interest (always without one).
bool BoxInArea(const Box2d& local, const ReadContext& ctx);

// A BuildingPart read from a source, and the key of the Building it belongs to.
struct PartOfBuilding {
  std::uint32_t part_feature = 0;
  std::string building_key;
};
// Links parts to their Building (Feature::parent), making a Building feature (no triangles
// of its own) where it had no geometry of its own, and gives every Building with parts the
// extent of all of them: base the lowest base, height up to the highest top. Counts the
// Buildings it made and the parts in `summary`. `building_feature` maps keys of Buildings
// that have a feature already to it.
void LinkBuildingParts(const std::vector<PartOfBuilding>& parts,
                       std::map<std::string, std::uint32_t> building_feature,
                       const std::string& source_file, SourceSummary& summary, CityModel& city);

}  // namespace geo::detail
