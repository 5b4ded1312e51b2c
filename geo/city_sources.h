// What to load: the city's input files and how to read them. Filled from the scenario's `city:`
// list or from `sightline info` arguments.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace geo {

struct CityWindow;

enum class SourceRole {
  automatic,  // raster -> terrain; *.city.json -> CityJSON; *.osm/*.pbf -> OSM; else footprints
  buildings,  // vector footprints (or OSM / CityJSON) extruded to height
  terrain,    // DEM: ground mesh, and buildings are seated on it
  surface,    // DSM: meshed as given (already contains buildings); nothing is seated on it
};

struct CitySource {
  std::filesystem::path path;
  SourceRole role = SourceRole::automatic;
  std::string layer;  // OGR layer; empty: every polygon layer (OSM: multipolygons)
  std::string where;  // OGR attribute filter, e.g. "building IS NOT NULL"
  std::string crs;    // assigned CRS for files that have none (overrides nothing else)
  // Attribute names; empty: try the usual ones (height, building:height, measuredHeight...).
  std::string height_attribute;
  std::string levels_attribute;
  std::string min_height_attribute;
  // Level of detail of CityJSON/CityGML objects: "2", "1.2"... ("2" takes the highest 2.x);
  // empty: the highest each object has.
  std::string lod;
  // Licence/attribution line for reports ("© OpenStreetMap contributors, ODbL 1.0" is the
  // default for OSM files).
  std::string attribution;
};

// Defaults used where the data is silent.
struct CityDefaults {
  double level_height_m = 3.0;     // storey height for building:levels
  double building_height_m = 9.0;  // height of a building with no height and no levels
  double max_height_m = 1000.0;    // heights above this are rejected as absurd
};

// Area of interest: everything outside is not loaded (buildings are kept whole when they
// intersect it). Either a bbox or a polygon (WKT or the polygons of a vector file).
struct AreaOfInterest {
  std::optional<std::array<double, 4>> bbox;  // min_x, min_y, max_x, max_y in `crs`
  std::string polygon_wkt;
  std::filesystem::path polygon_file;
  // CRS of bbox / WKT (a polygon file carries its own); "": the scenario's `crs:`, else
  // EPSG:4326, and LoadCity says which it assumed.
  std::string crs;
};

// How the ground is found when no DEM gives it, and how buildings are seated on it.
struct GroundOptions {
  double snap_tolerance_m = 0.5;  // building bases this close above/below the ground are put on it
  double float_warning_m = 1.0;   // bases further above (floating) or below (sinking) are reported
  // DTM from a DSM alone: grey-scale opening with a square window this wide removes every
  // object narrower than it (buildings, tree crowns) and keeps planar slopes.
  double dsm_opening_window_m = 40.0;
  // Ground heightfields (a DEM's or DSM's mesh, the derived ground): coarser spacing beyond this
  // many nodes (~2000 x 2000: a mesh of 8 M triangles).
  double max_nodes = 4e6;
};

struct CityLoadOptions {
  std::vector<CitySource> sources;
  std::string crs;  // frame CRS; empty: first projected source CRS, else the area's UTM zone
  std::optional<AreaOfInterest> area;
  CityDefaults defaults;
  // Add a ground over the area when no DEM is given: derived from the model's own heights
  // (terrain objects, building bases) or a flat plane at z = 0 when it has none.
  bool ground_plane = true;
  GroundOptions ground;
  // Read only a window of the area (geo/city_window.h; needs `area`); null: everything.
  CityWindow* window = nullptr;
};

}  // namespace geo
