#include "report/coverage_outputs.h"

#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <future>
#include <numbers>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/thread_priority.h"
#include "geo/raster_io.h"
#include "geo/vector_io.h"
#include "report/coverage_rasters.h"
#include "report/quick_look.h"
#include "scenario/camera_fields.h"

namespace report {
namespace {

using nlohmann::json;

// Field values built one by one: GCC 12 warns falsely on initializer lists of variants.
template <typename... Args>
std::vector<geo::FieldValue> Values(Args&&... args) {
  std::vector<geo::FieldValue> v;
  v.reserve(sizeof...(args));
  (v.emplace_back(std::forward<Args>(args)), ...);
  return v;
}

geo::OutputFeature Feature(std::vector<geo::Polygon> polygons, std::vector<geo::FieldValue> values) {
  geo::OutputFeature f;
  f.polygons = std::move(polygons);
  f.values = std::move(values);
  return f;
}


double Round(double v, double step = 0.01) { return std::round(v / step) * step; }

json LevelAreas(const sim::DensityLevels& levels, const std::vector<double>& areas) {
  json j = json::object();
  for (std::size_t l = 0; l < levels.levels.size(); ++l) j[levels.levels[l].name] = Round(areas[l]);
  return j;
}

// The camera field table's columns (read back by `cameras: {source: coverage.gpkg}`), then
// what each camera sees.
geo::OutputLayer CameraLayer(const CoverageFacts& run) {
  using T = geo::OutputField::Type;
  geo::OutputLayer layer{"cameras", geo::OutputLayer::Geometry::point, {{"index", T::integer}}, {}};
  for (const geo::OutputField& f : scenario::CameraLayerFields()) layer.fields.push_back(f);
  layer.fields.push_back({"visible_m2", T::real});
  for (const auto& l : run.levels.levels) layer.fields.push_back({l.name + "_m2", T::real});
  for (std::size_t i = 0; i < run.cameras.size(); ++i) {
    const sim::Camera& c = run.cameras[i];
    const sim::CameraSummary& s = run.summary.cameras[i];
    geo::OutputFeature f;
    f.point = {c.position.x, c.position.y};
    f.values = Values(static_cast<std::int64_t>(i));
    for (geo::FieldValue& v : scenario::CameraLayerValues(c, run.city.GroundZ(c.position.x, c.position.y)))
      f.values.push_back(std::move(v));
    f.values.emplace_back(Round(s.visible_m2));
    for (double m2 : s.at_level_m2) f.values.emplace_back(Round(m2));
    layer.features.push_back(std::move(f));
  }
  return layer;
}

geo::OutputLayer FovLayer(const CoverageFacts& run) {
  geo::OutputLayer layer{"fov", geo::OutputLayer::Geometry::polygon, {{"id", geo::OutputField::Type::text}}, {}};
  for (const sim::Camera& c : run.cameras) layer.features.push_back(Feature({FovWedge(c)}, Values(c.id)));
  return layer;
}

// Each camera's visible cells as polygons, polygonised in the camera's own range window.
geo::OutputLayer VisibilityLayer(const CoverageFacts& run, const VisibleCellsFn& visible_cells) {
  using T = geo::OutputField::Type;
  geo::OutputLayer layer{"visibility", geo::OutputLayer::Geometry::polygon,
                         {{"id", T::text}, {"visible_m2", T::real}}, {}};
  const geo::RasterGrid& g = run.grid;
  for (std::size_t i = 0; i < run.cameras.size(); ++i) {
    const std::vector<std::uint64_t> cells = visible_cells(i);
    if (cells.empty()) continue;
    const auto nx = static_cast<std::uint64_t>(g.nx);
    int c0 = g.nx, c1 = 0, r0 = g.ny, r1 = 0;
    for (std::uint64_t c : cells) {
      const int col = static_cast<int>(c % nx), row = static_cast<int>(c / nx);
      c0 = std::min(c0, col), c1 = std::max(c1, col), r0 = std::min(r0, row), r1 = std::max(r1, row);
    }
    const geo::RasterGrid window{g.min_x + c0 * g.cell_m, g.max_y - r0 * g.cell_m, g.cell_m, c1 - c0 + 1,
                                 r1 - r0 + 1};
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(window.nx) * window.ny, 0);
    for (std::uint64_t c : cells)
      mask[static_cast<std::size_t>(c / nx - r0) * window.nx + (c % nx - c0)] = 1;
    geo::OutputFeature f;
    f.polygons = geo::PolygonizeMask(mask, window);
    f.values = Values(run.cameras[i].id, Round(run.summary.cameras[i].visible_m2));
    layer.features.push_back(std::move(f));
  }
  return layer;
}

geo::OutputFeature BlindSpotFeature(geo::Polygon p) {
  double area = std::abs(geo::SignedArea(p[0]));
  for (std::size_t h = 1; h < p.size(); ++h) area -= std::abs(geo::SignedArea(p[h]));
  return Feature({std::move(p)}, Values(Round(area)));
}

// Written batch by batch as they come, never all held at once.
geo::OutputLayer BlindSpotLayer(const PolygonBatchFn& blind_spots) {
  geo::OutputLayer layer{"blind_spots", geo::OutputLayer::Geometry::polygon, {{"area_m2", geo::OutputField::Type::real}}, {}};
  layer.more_features = [&blind_spots](std::vector<geo::OutputFeature>& batch) {
    std::vector<geo::Polygon> polygons;
    if (!blind_spots(polygons)) return false;
    for (geo::Polygon& p : polygons) batch.push_back(BlindSpotFeature(std::move(p)));
    return true;
  };
  return layer;
}

geo::OutputLayer ZoneLayer(const CoverageFacts& run) {
  using T = geo::OutputField::Type;
  geo::OutputLayer layer{"zones", geo::OutputLayer::Geometry::polygon,
                         {{"name", T::text}, {"kind", T::text}, {"area_m2", T::real}, {"covered_m2", T::real},
                          {"requirement_met_m2", T::real}, {"requirement_met_pct", T::real},
                          {"cameras_seeing", T::text}},
                         {}};
  for (std::size_t i = 0; i < run.zones.size(); ++i) {
    const sim::ZoneStats& s = run.zone_stats[i];
    std::string ids;
    for (const auto& id : s.cameras_seeing) ids += (ids.empty() ? "" : ",") + id;
    layer.features.push_back(Feature(
        run.zones[i].outline,
        Values(s.name, std::string(sim::ZoneKindName(s.kind)), Round(s.area_m2), Round(s.covered_m2),
               Round(s.requirement_met_m2),
               s.area_m2 > 0 ? Round(100 * s.requirement_met_m2 / s.area_m2) : 0.0, ids)));
  }
  return layer;
}

}  // namespace

std::vector<std::uint8_t> PriorityScope(const std::vector<sim::Zone>& zones, const sim::Grid& grid) {
  std::vector<std::uint8_t> scope;
  for (const sim::Zone& z : zones)
    if (z.kind == sim::ZoneKind::priority) {
      scope.resize(grid.size(), 0);
      for (std::uint32_t c : z.cells) scope[c] = 1;
    }
  return scope;
}

namespace {

// Target ground no camera sees, inside the priority zones when there are some (`scope`, as
// PriorityScope gives it).
std::vector<geo::Polygon> BlindSpotsIn(const CoverageRun& run, const std::vector<std::uint8_t>& scope) {
  const sim::Grid& g = run.coverage->grid();
  const sim::Aggregate& a = run.coverage->aggregate();
  std::vector<std::uint8_t> mask(g.size(), 0);
  // Without branches, so that the compiler vectorises the pass over every cell (it comes
  // before the polygonising, the outputs' longest task).
  const float* z = g.ground_z.data();
  const std::uint16_t* k = a.k.data();
  for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = static_cast<std::uint8_t>((z[i] == z[i]) & (k[i] == 0));
  if (!scope.empty())
    for (std::size_t i = 0; i < mask.size(); ++i) mask[i] &= scope[i];
  return geo::PolygonizeMask(mask, g.Raster());
}

}  // namespace

std::vector<geo::Polygon> BlindSpots(const CoverageRun& run) {
  return BlindSpotsIn(run, PriorityScope(run.zones, run.coverage->grid()));
}

geo::Polygon FovWedge(const sim::Camera& c) {
  const double half = std::min(c.hfov_deg, 359.0) / 2, yaw = c.yaw_deg;
  geo::Ring ring;
  if (c.hfov_deg < 359) ring.push_back({c.position.x, c.position.y});
  const int steps = std::max(4, static_cast<int>(c.hfov_deg / 5));
  for (int s = 0; s <= steps; ++s) {
    const double a = (yaw - half + 2 * half * s / steps) * std::numbers::pi / 180;
    ring.push_back({c.position.x + c.max_range_m * std::sin(a), c.position.y + c.max_range_m * std::cos(a)});
  }
  if (geo::SignedArea(ring) < 0) std::reverse(ring.begin(), ring.end());
  return {ring};
}

CoverageFacts FactsOf(const CoverageRun& run) {
  const sim::Grid& g = run.coverage->grid();
  return {run.scenario, run.city, run.diagnostics, g.Raster(), g.height_m, run.coverage->levels(),
          run.coverage->cameras(), run.summary, run.zones, run.zone_stats};
}

json SummaryJson(const CoverageRun& run) { return SummaryJson(FactsOf(run)); }

json SummaryJson(const CoverageFacts& run) {
  const sim::CoverageSummary& s = run.summary;
  const geo::RasterGrid& g = run.grid;
  const sim::DensityLevels& levels = run.levels;
  const geo::Frame& f = run.city.frame;
  json j;
  j["scenario"] = run.scenario.name;
  j["crs"] = f.Label();
  j["grid"] = {{"resolution_m", g.cell_m}, {"target_height_m", run.target_height_m}, {"columns", g.nx},
               {"rows", g.ny}, {"west", g.min_x + f.origin_x}, {"north", g.max_y + f.origin_y}};
  j["density_levels"] = {{"name", levels.name}, {"levels", json::array()}};
  for (const auto& l : levels.levels) j["density_levels"]["levels"].push_back({{"name", l.name}, {"min_px_per_m", l.min_px_per_m}});
  j["area_m2"] = {{"evaluated", Round(s.target_m2)}, {"covered", Round(s.covered_m2)},
                  {"at_level", LevelAreas(levels, s.at_level_m2)}};
  j["covered_pct"] = s.target_m2 > 0 ? Round(100 * s.covered_m2 / s.target_m2) : 0.0;
  j["k_histogram_m2"] = json::object();
  for (std::size_t k = 0; k < s.k_histogram_m2.size(); ++k) j["k_histogram_m2"][std::to_string(k)] = Round(s.k_histogram_m2[k]);
  j["zones"] = json::array();
  j["privacy"] = json::array();
  for (const sim::ZoneStats& z : run.zone_stats) {
    json jz = {{"name", z.name}, {"kind", sim::ZoneKindName(z.kind)}, {"area_m2", Round(z.area_m2)},
               {"covered_m2", Round(z.covered_m2)}, {"level_met_m2", Round(z.level_met_m2)},
               {"k_met_m2", Round(z.k_met_m2)}, {"requirement_met_m2", Round(z.requirement_met_m2)},
               {"cameras_seeing", z.cameras_seeing}};
    j["zones"].push_back(jz);
    if (z.kind == sim::ZoneKind::privacy)
      j["privacy"].push_back({{"zone", z.name}, {"exposed_m2", Round(z.covered_m2)}, {"cameras", z.cameras_seeing}});
  }
  j["cameras"] = json::array();
  for (std::size_t i = 0; i < s.cameras.size(); ++i) {
    const sim::Camera& c = run.cameras[i];
    const sim::CameraSummary& cs = s.cameras[i];
    j["cameras"].push_back({{"id", cs.id}, {"model", cs.model},
                            {"position", {Round(c.position.x + f.origin_x), Round(c.position.y + f.origin_y), Round(c.position.z)}},
                            {"yaw_deg", c.yaw_deg}, {"pitch_deg", c.pitch_deg}, {"hfov_deg", Round(c.hfov_deg, 0.001)},
                            {"range_m", c.max_range_m}, {"cost", cs.cost}, {"visible_m2", Round(cs.visible_m2)},
                            {"at_level_m2", LevelAreas(levels, cs.at_level_m2)}});
  }
  j["total_cost"] = s.total_cost;
  j["warnings"] = json::object();
  for (const auto& [kind, k] : run.diagnostics.kinds()) j["warnings"][kind] = k.count;
  j["sources"] = json::array();
  for (const auto& src : run.city.sources) j["sources"].push_back({{"path", src.path}, {"format", src.format}});
  return j;
}

void WriteCoverageVectors(const CoverageFacts& facts, std::vector<geo::Polygon> blind_spots,
                          const VisibleCellsFn& visible_cells, const std::filesystem::path& dir) {
  bool given = false;
  WriteCoverageVectors(facts,
                       [&](std::vector<geo::Polygon>& batch) {
                         if (given) return false;
                         batch = std::move(blind_spots);
                         return given = true;
                       },
                       visible_cells, dir);
}

void WriteCoverageVectors(const CoverageFacts& facts, const PolygonBatchFn& blind_spots,
                          const VisibleCellsFn& visible_cells, const std::filesystem::path& dir) {
  geo::WriteGeoPackage(dir / "coverage.gpkg", facts.city.frame,
                       {CameraLayer(facts), FovLayer(facts), VisibilityLayer(facts, visible_cells),
                        BlindSpotLayer(blind_spots), ZoneLayer(facts)});
  core::AtomicOutput out(dir / "summary.json");
  // Text from the sources is checked for UTF-8 where it is read; replace is the last guard.
  out.WriteText(SummaryJson(facts).dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  out.Commit();
}

std::vector<std::filesystem::path> WriteCoverageOutputs(const CoverageRun& run, const std::filesystem::path& dir,
                                                        std::vector<geo::Polygon>* blind_spots_out) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw core::InputError(dir.string(), "", "cannot create the output folder: " + ec.message());
  const sim::Grid& g = run.coverage->grid();
  const sim::Aggregate& a = run.coverage->aggregate();
  const std::vector<std::uint8_t> scope = PriorityScope(run.zones, g);
  // The whole grid is here: the blind spots are polygonised and the quick look drawn on threads
  // of their own from the start (GDAL's polygonising and zlib are single-threaded), beside the
  // strips' writing. The polygonising is the longest of the three (0.7 s of Monaco's ~1.6
  // CPU-s of outputs on 2 cores): the quick look yields to it and the strips.
  auto blind_spots = std::async(std::launch::async, [&run, &scope] { return BlindSpotsIn(run, scope); });
  const std::size_t cells = static_cast<std::size_t>(g.nx) * g.ny;
  auto quick_look = std::async(std::launch::async, [&] {
    core::YieldToOtherThreads();
    QuickLook look(dir / "coverage.png", g.Raster(), run.coverage->levels());
    std::vector<std::uint8_t> colours;
    DrawQuickLookRows(look, 0,
                      {g.ny, std::span(g.ground_z).first(cells), std::span(a.k).first(cells),
                       std::span(a.best_px_per_m).first(cells), std::span(a.best_camera).first(cells),
                       std::span(a.best_level).first(cells), {}},
                      static_cast<int>(run.coverage->levels().levels.size()), colours);
    look.Commit();
  });
  CoverageRasterOptions options;
  options.blind_spots = false;
  options.quick_look = false;
  options.compression = run.scenario.outputs.geotiff_compression;
  CoverageRasterWriter rasters(dir, run.city.frame, g.Raster(), run.coverage->levels(), !scope.empty(), options);
  // Strips of rows straight from the aggregate: no copy of the grid.
  constexpr int kStripRows = 256;
  const std::size_t nx = static_cast<std::size_t>(g.nx);
  for (int row = 0; row < g.ny; row += kStripRows) {
    const int rows = std::min(kStripRows, g.ny - row);
    const std::size_t at = row * nx, n = rows * nx;
    rasters.Add({rows, std::span(g.ground_z).subspan(at, n), std::span(a.k).subspan(at, n),
                 std::span(a.best_px_per_m).subspan(at, n), std::span(a.best_camera).subspan(at, n),
                 std::span(a.best_level).subspan(at, n),
                 scope.empty() ? std::span<const std::uint8_t>() : std::span(scope).subspan(at, n)});
  }
  rasters.Finish();
  quick_look.get();
  // The GeoPackage's first layers (the cameras' visibility polygonised one by one) are written
  // while the blind spots are still being polygonised; their layer waits for them.
  bool given = false;
  WriteCoverageVectors(FactsOf(run),
                       [&](std::vector<geo::Polygon>& batch) {
                         if (given) return false;
                         batch = blind_spots.get();
                         if (blind_spots_out) *blind_spots_out = batch;
                         return given = true;
                       },
                       [&](std::size_t i) {
                         const auto& cells = run.coverage->layers()[i].cells;
                         return std::vector<std::uint64_t>(cells.begin(), cells.end());
                       },
                       dir);
  return {dir / "coverage.tif", dir / "coverage.gpkg", dir / "summary.json", dir / "coverage.png"};
}

}  // namespace report
