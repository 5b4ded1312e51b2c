// Private to geo/: from a footprint geometry and its attributes to an extruded building.
// Shared by the OSM and the generic OGR readers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/readers.h"
#include "geo/triangulate.h"

class OGRGeometry;
class OGRCoordinateTransformation;

namespace geo::detail {

// One polygon of a footprint in local frame coordinates: outer ring counter-clockwise first,
// then holes clockwise.
using PolygonRings = Polygon;

// Validates, repairs and reprojects a footprint geometry (in source CRS) into local polygons.
// Invalid rings are repaired with GEOS MakeValid, unclosed rings closed, NaN / zero-area
// geometry skipped; each counted in diagnostics with `where` ("file: feature 12").
// Returns no polygons when the geometry is unusable or lies outside the area.
std::vector<PolygonRings> PrepareFootprint(const OGRGeometry& geometry,
                                           OGRCoordinateTransformation* to_frame_crs,
                                           const std::string& where, const Frame& frame,
                                           const AreaClip& area, core::Diagnostics& diagnostics);

// Raw height attributes as found in the data, before interpretation.
struct HeightTags {
  std::optional<std::string> height;      // height, building:height, measuredHeight...
  std::optional<std::string> min_height;  // min_height
  std::optional<std::string> levels;      // building:levels
  std::optional<std::string> min_level;   // building:min_level
  std::optional<std::string> roof_levels; // roof:levels
  // Metres per unit of a height or min_height written as a bare number: 1, or a foot's 0.3048
  // for a layer in a feet CRS (NYC's footprints give roof heights in feet). "12 m" stays 12 m.
  double bare_number_m = 1;
};

struct BuildingHeight {
  double height_m = 0;
  double min_height_m = 0;
  int levels = -1;
  HeightSource source = HeightSource::none;
};

// "12", "12.5 m", "12,5", "40 ft", "40'", "12'6\"" (also 12' 6", 12'-6", 12'6, 12'6'', with
// prime marks, 12 ft 6 in), "30\"", "350 cm", "3500 mm" -> metres; nullopt when it is not a
// length. A bare number is in units of `bare_number_m` metres.
std::optional<double> ParseLength(const std::string& text, double bare_number_m = 1);

// Height from explicit height, else levels x level height (+ roof levels), else the default;
// absurd values (negative, NaN, above defaults.max_height_m) fall through with a warning.
BuildingHeight ResolveHeight(const HeightTags& tags, const CityDefaults& defaults,
                             const std::string& where, core::Diagnostics& diagnostics);

// True, with a warning naming the size, when a footprint spans more than a building can
// (kMaxBuildingSpan_m): a coordinate GDAL read as 0 from text ("lat=abc") or a shifted
// column makes a "building" thousands of km across, which would swallow the whole area.
inline constexpr double kMaxBuildingSpan_m = 5000;
bool TooLargeForABuilding(const std::vector<PolygonRings>& polygons, const std::string& where,
                          core::Diagnostics& diagnostics);

// Extrudes one building (all its polygons) onto the terrain and appends it to the city:
// walls, roof, and an underside when the body floats (min_height > 0).
// Returns the feature index.
std::uint32_t AddBuilding(const std::vector<PolygonRings>& polygons, Feature feature,
                          const BuildingHeight& height, const std::string& where,
                          ReadContext& ctx);

// Appends a vertex given in local metres.
std::uint32_t AddVertex(CityModel& city, double x, double y, double z);
void AddTriangle(CityModel& city, std::uint32_t a, std::uint32_t b, std::uint32_t c,
                 std::uint32_t feature, Surface surface);

}  // namespace geo::detail
