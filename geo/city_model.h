// The one metric 3D city every later stage works on: a triangle mesh in the scenario frame with
// per-triangle feature and surface class, the feature table, terrain heights and the line/point
// layers (streets, street lamps) kept for agent paths and pole candidates.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "geo/heightfield.h"
#include "geo/triangulate.h"
#include "geo/vec.h"

namespace geo {

enum class Surface : std::uint8_t {
  ground,      // flat ground plane or ground-like city objects (roads, land use)
  terrain,     // mesh from a DEM/DSM raster
  wall,
  roof,
  underside,   // downward faces: overhang bottoms, building floors
  vegetation,
  water,
  other,
};
inline constexpr int kSurfaceCount = 8;
const char* SurfaceName(Surface s);

struct Tri {
  std::uint32_t a = 0, b = 0, c = 0;  // vertex indices, counter-clockwise seen from outside
};

// How a building's height was obtained, for the info summary and reports.
enum class HeightSource : std::uint8_t { none, attribute, levels, default_value, geometry };

struct Feature {
  std::string kind;       // "building", "road", "vegetation", "terrain", ...
  std::string layer;      // source layer name
  std::string source;     // source file name
  std::string source_id;  // id in the source (OSM way/relation id, FID, CityJSON key)
  std::string name;
  double height_m = 0;      // top above base (buildings)
  double min_height_m = 0;  // bottom of the body above base (overhangs, bridges)
  double base_z = 0;        // z of the base in the frame's vertical datum
  int levels = -1;
  HeightSource height_source = HeightSource::none;
  // Placed on the ground by sightline (an extruded footprint, a 2D water area): it carries no
  // height of its own and is seated by construction.
  bool placed_on_ground = false;
  int parent = -1;  // a BuildingPart's Building (index into features); -1 for none
};

// A polyline kept as a layer (streets, footways), z on the ground.
struct PathFeature {
  std::string kind;  // OSM highway value: "residential", "footway", ...
  std::string source_id;
  std::string name;
  std::vector<Vec3f> points;
};

// A point kept as a layer (street lamps, masts): candidate camera poles.
struct PointFeature {
  std::string kind;  // "street_lamp", "mast", ...
  std::string source_id;
  Vec3f position;
};

// What one input contributed, for `sightline info` and report attribution.
struct SourceSummary {
  std::string path;
  std::string format;  // GDAL driver or "CityJSON"
  std::string crs;     // source CRS name
  Box2d extent_source; // in source CRS units
  Box2d extent_frame;  // local frame metres
  std::vector<std::pair<std::string, std::size_t>> features_per_layer;
  std::size_t buildings = 0;       // Buildings, each counted once however many parts it has
  std::size_t building_parts = 0;  // BuildingParts (CityJSON, CityGML)
  std::vector<std::pair<std::string, std::size_t>> lod_used;  // LoD ("2", "1.2") -> objects
  std::size_t height_from_attribute = 0;
  std::size_t height_from_levels = 0;
  std::size_t height_from_geometry = 0;
  std::size_t height_defaulted = 0;
};

// Where the ground heights (CityModel::terrain) come from, for `info` and reports.
enum class GroundSource : std::uint8_t {
  datum,          // nothing says: flat ground at z = 0
  dem,            // a DEM raster (role terrain)
  dtm_from_dsm,   // derived from a DSM by morphological opening (geo/derived_ground.h)
  model,          // a TIN through the model's terrain objects and building bases
};
const char* GroundSourceName(GroundSource s);

// Buildings (a Building made of parts counts once) and their BuildingParts.
struct BuildingCount {
  std::size_t buildings = 0;
  std::size_t parts = 0;
};

struct CityModel {
  Frame frame;
  std::vector<Vec3f> vertices;
  std::vector<Tri> triangles;
  std::vector<std::uint32_t> triangle_feature;  // index into features
  std::vector<Surface> triangle_surface;
  std::vector<Feature> features;
  std::vector<PathFeature> paths;
  std::vector<PointFeature> poles;
  // The ground people stand on (targets, camera height_m, mounts): a DEM, or derived (see
  // ground_source); absent when the ground is the datum z = 0.
  std::optional<Heightfield> terrain;
  GroundSource ground_source = GroundSource::datum;
  std::optional<Heightfield> surface;  // a DSM raster (role surface), when one was loaded
  std::vector<SourceSummary> sources;
  Box2d area;  // area of interest in frame metres (the loaded extent when none was given)
  // An area given as a polygon (a town boundary): its outline in frame metres; only cells
  // inside it are evaluated, while the city is kept over the whole `area` box (what lies
  // outside the outline still hides what is behind it). Empty for a bbox.
  std::vector<Polygon> area_outline;
  // A window of a larger city (geo/city_window.h, one MPI rank's): the whole city's lowest and
  // highest z, which Bounds() then gives, so that rays cast down from above everything start
  // where a whole load starts them (the same heights, to the last bit). NaN: this is the whole.
  float whole_min_z = NAN, whole_max_z = NAN;

  // The vertices' box (z: the whole city's, for a window).
  Box3f Bounds() const;
  std::size_t CountTriangles(Surface s) const;
  BuildingCount CountBuildings() const;
  // Ground height at a local point: terrain where known, else 0 (the datum).
  double GroundZ(double x, double y) const;
};

}  // namespace geo
