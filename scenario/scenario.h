// The scenario file (YAML, versioned): the city to load and where, the evaluation grid, the
// camera catalogue and cameras, and zones. Parsed strictly: unknown keys are errors with their
// line. Positions stay in the CRS they were written in until the city's frame is known
// (see build.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geo/city_sources.h"
#include "geo/tiff_compression.h"
#include "scenario/agents_spec.h"
#include "scenario/feeds_spec.h"
#include "scenario/network_spec.h"
#include "sim/camera.h"
#include "sim/grid.h"
#include "sim/optimise.h"
#include "sim/pixel_density.h"
#include "sim/zones.h"

namespace scenario {

// Camera fields a catalogue model sets and a camera may override; unset fields fall through
// (camera -> model -> sim::Camera defaults).
struct CameraFields {
  std::optional<int> width_px, height_px;
  std::optional<double> hfov_deg, focal_length_mm, sensor_width_mm;
  std::optional<double> min_range_m, max_range_m, cost, bitrate_kbps;
  std::optional<sim::LensModel> lens;
  std::optional<sim::MountType> mount;
  std::optional<sim::Distortion> distortion;
  // Catalogue models only (camera_models: or a catalogue file), not a camera's own fields:
  std::optional<double> sensor_height_mm;
  std::optional<std::pair<double, double>> focal_range_mm;  // varifocal lens [wide, tele]
  std::optional<std::pair<double, double>> hfov_range_deg;  // the data sheet's, else from the focal range
  std::string description;  // "4 MP bullet, 2.8-12 mm varifocal"
  std::string where;        // "cameras.yaml line 12", for messages
};

// A catalogue's price list for what a bill of materials counts besides cameras: one entry per
// mount kind (wall, pole, roof, ceiling, other) and network node kind (switch, recorder...).
struct Accessory {
  std::string item;  // "6 m steel pole with foundation"
  double cost = 0;   // per unit
  std::optional<double> cost_per_tb;  // recorders: disks, per TB of storage_tb
  std::string where;
};

struct CameraSpec {
  std::string id;
  std::string model;         // catalogue key, "" for none
  double x = 0, y = 0;       // position in `crs`
  std::string crs;           // "" = the scenario's CRS
  std::optional<double> height_m;  // above the ground under the camera
  std::optional<double> z;         // absolute, in the city's vertical datum
  double yaw_deg = 0, pitch_deg = 0, roll_deg = 0;
  CameraFields fields;
  std::string where;  // "line 12" or "cameras.gpkg feature 3", for messages
};

struct ZoneSpec {
  std::string name;
  sim::ZoneKind kind = sim::ZoneKind::priority;
  double weight = 1;
  std::string required_level;  // density level name, "" = any coverage counts
  int required_k = 1;
  // Geometry: WKT (inline, in `crs`), or every polygon of a vector file (attributes may set
  // name/kind/weight/dori/k per feature).
  std::string wkt;
  std::string crs;  // "" = the scenario's CRS, else EPSG:4326 for coordinates written inline
  std::filesystem::path source;
  std::string layer;  // with `source`: only this layer of the file ("" = every layer)
  std::string where;
  // Whether the entry wrote `name:` / `kind:`: a file's features without them are then named
  // after the feature and said to be priority zones, not silently all "zone 1" and priority.
  bool name_given = false, kind_given = false;
};

// The `optimise:` section: what the placement optimiser may do.
struct OptimiseSpec {
  std::optional<double> budget;       // total cost of new cameras
  std::optional<int> max_cameras;     // number of new cameras
  std::optional<double> target_coverage_pct;  // minimum cost to reach this share of the weighted ground
  std::vector<std::string> models;    // catalogue models to place; empty = all
  bool facades = true, poles = true, roofs = false;
  bool poles_asked = false;  // `poles:` written in the file (then no poles at all is a warning)
  std::filesystem::path poles_source;  // a points layer of more poles (any CRS)
  double spacing_m = 10;
  std::vector<double> heights_m = {6};
  int yaw_steps = 5;
  std::vector<double> pitches_deg = {-15};
  // Varifocal models (focal_range_mm) tried at this many focal lengths, wide to tele in equal
  // steps of the logarithm (1: the wide end only, as a camera is delivered).
  int focal_steps = 1;
  sim::PrivacyRule privacy = sim::PrivacyRule::hard;
  double privacy_penalty = 10;
  double time_limit_s = 30;
  std::string exact = "auto";  // auto (CBC when small enough), always, never
  // weight_by: flow: ground counts by the pedestrian flow of the `agents:` simulation (people
  // per m2) instead of by area alone.
  bool weight_by_flow = false;
  std::string where;
};

// `background: {file: ortho.tif, opacity: 0.7}`: a raster the planner has (an orthophoto, a
// scanned georeferenced plan) draped on the ground under the coverage, in the workbench and on
// the report's overview map. Any GDAL raster with a CRS; read by geo::LoadBackground.
struct BackgroundSpec {
  std::filesystem::path file;  // resolved against the scenario's folder
  double opacity = 0.7;        // 0: not drawn .. 1: opaque
  std::string where;           // "line 12", for messages
};

// How files are written (`outputs:`), not what they say.
struct OutputSpec {
  geo::TiffCompression geotiff_compression = geo::TiffCompression::zstd;  // coverage.tif's tiles
};

struct Scenario {
  std::filesystem::path file;  // the YAML file; relative paths inside resolve against its folder
  int version = 1;
  std::string name;
  geo::CityLoadOptions city;  // city sources, crs, area, defaults
  sim::GridOptions grid;
  sim::DensityLevels levels = sim::DoriLevels();
  std::map<std::string, CameraFields> camera_models;  // inline and from the catalogue file
  std::filesystem::path catalogue;  // `catalogue: cameras.yaml` ("" = none)
  std::map<std::string, Accessory> accessories;  // by mount or network node kind, from the catalogue
  std::vector<CameraSpec> cameras;
  std::filesystem::path camera_source;  // cameras from a point layer instead of (or besides) inline
  std::string camera_source_crs;    // for a file without CRS (a CSV list with x, y columns)
  std::string camera_source_layer;  // "" = the `cameras` layer if there is one, else every point layer
  std::vector<ZoneSpec> zones;
  std::optional<OptimiseSpec> optimise;
  std::optional<AgentsSpec> agents;
  std::optional<NetworkSpec> network;
  std::optional<FeedsSpec> feeds;
  std::optional<BackgroundSpec> background;
  OutputSpec outputs;
  // Not from the file: the memory a run may take (--max-memory), 0 = what is available.
  std::uint64_t max_memory_bytes = 0;
};

// Throws core::InputError naming the file and line for any problem.
Scenario LoadScenario(const std::filesystem::path& file);
// Same, from text; `file` is used for messages and to resolve relative paths.
Scenario ParseScenario(const std::string& yaml, const std::filesystem::path& file);

}  // namespace scenario
