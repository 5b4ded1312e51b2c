#include "dist/tiled_coverage.h"

#include <fmt/format.h>
#include <mpi.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "core/output_folder.h"
#include "dist/mpi_session.h"
#include "geo/city_window.h"
#include "geo/load_city.h"
#include "geo/vrt_mosaic.h"
#include "report/coverage_outputs.h"
#include "report/coverage_rasters.h"
#include "report/quick_look.h"
#include "scenario/build.h"
#include "scenario/pipeline.h"
#include "sim/coverage.h"
#include "sim/grid.h"
#include "sim/memory_budget.h"
#include "sim/summary.h"
#include "sim/zones.h"

namespace dist {
namespace {

// One rank's part of the run: the city (a window of it, or whole) and its scene, the grid and
// coverage of its band.
struct Part {
  bool windowed = false;  // the city read over a window around the band (LoadPart)
  core::Diagnostics diagnostics;  // city and cameras (the same on every rank)
  core::Diagnostics zone_diagnostics;
  geo::CityModel city;
  std::unique_ptr<sim::Scene> scene;
  int nx = 0, ny = 0;  // the whole grid
  sim::RowBand band;
  sim::Grid grid;      // the band
  std::vector<sim::Zone> zones;
  std::vector<sim::Camera> cameras;
  std::unique_ptr<sim::Coverage> coverage;
  bool tiled = false;  // outputs as per-rank tiles + coverage.vrt (the same choice on every rank)
};

// In tiles, coverage.png takes every n-th row and column of every rank's band: at most this
// many pixels a side, so rank 0 gathers 64 MB of them, whatever the grid.
constexpr int kTiledQuickLookPx = 4096;

// What rank 0 holds besides its band: with tiles, the quick look's rows gathered from every
// rank (4 bytes a pixel); writing one file, the whole grid's blind-spot mask (1 byte a cell).
// coverage.png itself goes out a row at a time.
double RootExtraBytes(int nx, int ny, bool tiled) {
  if (!tiled) return static_cast<double>(nx) * ny;
  const geo::RasterGrid whole{0, 0, 1, nx, ny};
  const int step = report::QuickLookStep(whole, kTiledQuickLookPx);
  return 4.0 * ((nx + step - 1) / step) * ((ny + step - 1) / step);
}

// How far around its band's rows a rank reads the city, beyond the longest camera range: the
// grid's column tests look a few cells around a cell, a camera's range window is cut at whole
// cells.
constexpr double kWindowMarginM = 16;

// With an `area:`, each rank reads the city only over its band's rows and, around them, the
// longest camera range (a camera further off sees nothing of the band, and no ray to the band
// leaves that window): GDAL's spatial filter, CityJSON and CityGML objects by their box. A
// feature read is kept whole, so inside the window the triangles are those of one process.
// Without an `area:` the grid's area is the extent of everything read, and every rank reads
// everything; so it does when the ground is derived from the whole model (geo/city_window.h).
// Collective: every rank calls it.
void LoadPart(const scenario::Scenario& s, const MpiSession& mpi, Part& p) {
  if (s.city.area) {
    geo::CityWindow window;
    double reach = 0;
    window.choose = [&](const geo::Frame& frame, const geo::Box2d& area) {
      const double cell = s.grid.resolution_m;
      const sim::RowBand band = BandOf(sim::GridSize(area, cell).second, mpi.rank, mpi.size);
      reach = scenario::MaxCameraRange(s, frame) + kWindowMarginM + 2 * cell;
      return geo::Box2d{area.min_x - reach, area.max_y - (band.first + band.count) * cell - reach,
                        area.max_x + reach, area.max_y - band.first * cell + reach};
    };
    geo::CityLoadOptions options = s.city;
    options.window = &window;
    p.diagnostics.KeepEveryDetail();
    AllOrNone(mpi, [&] { p.city = geo::LoadCity(options, p.diagnostics); });
    int exact = window.exact, holds = window.holds_geometry;
    MPI_Allreduce(MPI_IN_PLACE, &exact, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    MPI_Allreduce(MPI_IN_PLACE, &holds, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    if (exact && holds) {
      p.windowed = true;
      // The union of the windows is what one process reads: their z range is the city's.
      const geo::Box3f b = p.city.Bounds();
      float z[2] = {b.empty() ? INFINITY : b.min.z, b.empty() ? INFINITY : -b.max.z};
      MPI_Allreduce(MPI_IN_PLACE, z, 2, MPI_FLOAT, MPI_MIN, MPI_COMM_WORLD);
      p.city.whole_min_z = z[0];
      p.city.whole_max_z = -z[1];
      spdlog::info("each rank reads the city over its rows and {:.0f} m around them", reach);
      return;
    }
    // Nothing anywhere: the whole load says so, naming what was skipped.
    if (!exact) spdlog::info("every rank reads the whole city: its ground is derived from the whole model (no DEM or DSM)");
    p.city = {};
    p.diagnostics = {};
  }
  if (!s.city.area) spdlog::info("every rank reads the whole city: the scenario has no `area:` (the grid's area is the extent of everything read)");
  AllOrNone(mpi, [&] { p.city = geo::LoadCity(s.city, p.diagnostics); });
}

// `available_bytes`: the least memory available on any rank's node (MPI_MIN), so that every rank
// takes the same decisions from it.
void ComputePart(const scenario::Scenario& s, const MpiSession& mpi, TileOutput tiles, std::uint64_t available_bytes,
                 Part& p) {
  scenario::RequireExtent(s, p.city);
  std::tie(p.nx, p.ny) = sim::GridSize(p.city.area, s.grid.resolution_m);
  // Every rank checks the largest band against its share of the node's memory, so all stop
  // together with the same message.
  const geo::Box2d band_area = LargestBandArea(p.city.area, p.ny, s.grid.resolution_m, mpi);
  sim::MemoryBudget budget = RankBudget(s.max_memory_bytes, available_bytes, s.file.string(), mpi);
  // Tiles when asked, or when the grid is big, or when rank 0 could not hold the whole grid's
  // blind-spot mask beside its band and tiles need less (decided from figures every rank
  // has: the same everywhere).
  const double band_bytes = static_cast<double>(LargestBandRows(p.ny, mpi)) * p.nx * sim::kCoverageBytesPerCell;
  const double one_file_extra = RootExtraBytes(p.nx, p.ny, false), tiles_extra = RootExtraBytes(p.nx, p.ny, true);
  p.tiled = tiles == TileOutput::always ||
            (tiles == TileOutput::automatic &&
             (static_cast<double>(p.nx) * p.ny > kTilesAboveCells ||
              (budget.limit_bytes > 0 && tiles_extra < one_file_extra &&
               band_bytes + one_file_extra > static_cast<double>(budget.limit_bytes))));
  budget.extra_bytes = p.tiled ? tiles_extra : one_file_extra;
  budget.extra_text = p.tiled ? "on rank 0 for the quick look's rows"
                              : "on rank 0 for the whole grid's blind-spot mask";
  if (!p.tiled && tiles_extra < one_file_extra) budget.extra_text += "; --tiles always writes per-rank tiles without them";
  budget.grid_text = "the largest rank's band of the coverage grid";
  sim::CheckCoverageMemory(band_area, s.grid.resolution_m, budget);
  p.scene = sim::BuildScene(p.city);
  p.band = BandOf(p.ny, mpi.rank, mpi.size);
  p.grid = sim::MakeGrid(p.city, *p.scene, s.grid, p.band);
  p.zones = scenario::BuildZones(s, p.city, p.grid, p.zone_diagnostics);
  sim::ApplyExcludeZones(p.zones, p.grid);
  // With a window, a camera is checked against the scene (inside a building?) by the rank
  // whose rows hold it: the others may not have read what stands around it.
  std::function<bool(double, double)> checks_here;
  if (p.windowed)
    checks_here = [&](double, double y) {
      const int row = std::clamp(static_cast<int>(std::floor((p.city.area.max_y - y) / s.grid.resolution_m)), 0, p.ny - 1);
      return row >= p.band.first && row < p.band.first + p.band.count;
    };
  p.cameras = scenario::BuildCameras(s, p.city, *p.scene, p.diagnostics, checks_here);
  // Cameras whose range window misses the band return at once with an empty layer.
  p.coverage = std::make_unique<sim::Coverage>(*p.scene, p.grid, s.levels, p.cameras);
}

// Integer counts of the band, in one array so that one MPI_Reduce adds them all up:
// targets, covered, level cells [L], k cells [C + 1], per camera (visible, at level [L]),
// per zone (cells, area, covered, level met, k met, requirement met).
struct Counts {
  std::size_t levels = 0, cameras = 0, zones = 0;
  std::vector<std::uint64_t> v;
  std::vector<std::uint8_t> zone_sees;  // [zone * cameras + camera]

  Counts(std::size_t l, std::size_t c, std::size_t z)
      : levels(l), cameras(c), zones(z), v(2 + l + (c + 1) + c * (1 + l) + z * 6, 0), zone_sees(z * c, 0) {}
  std::uint64_t* level_cells() { return v.data() + 2; }
  std::uint64_t* k_cells() { return level_cells() + levels; }
  std::uint64_t* camera(std::size_t i) { return k_cells() + cameras + 1 + i * (1 + levels); }
  std::uint64_t* zone(std::size_t i) { return camera(cameras) + i * 6; }
};

Counts CountPart(const Part& p) {
  const sim::Coverage& cov = *p.coverage;
  Counts c(cov.levels().levels.size(), p.cameras.size(), p.zones.size());
  const sim::CoverageTally t = sim::TallyCells(p.grid, cov.aggregate(), static_cast<int>(c.levels));
  c.v[0] = t.targets;
  c.v[1] = t.covered;
  std::copy(t.level_cells.begin(), t.level_cells.end(), c.level_cells());
  for (std::size_t k = 0; k < t.k_cells.size() && k <= c.cameras; ++k) c.k_cells()[k] = t.k_cells[k];
  const std::vector<sim::CameraTally> cams = sim::TallyCameras(cov);
  for (std::size_t i = 0; i < cams.size(); ++i) {
    c.camera(i)[0] = cams[i].visible;
    std::copy(cams[i].at_level.begin(), cams[i].at_level.end(), c.camera(i) + 1);
  }
  const std::vector<sim::ZoneTally> zones = sim::TallyZones(p.zones, cov);
  for (std::size_t z = 0; z < zones.size(); ++z) {
    const sim::ZoneTally& zt = zones[z];
    std::uint64_t* out = c.zone(z);
    out[0] = p.zones[z].cells.size();
    out[1] = zt.area, out[2] = zt.covered, out[3] = zt.level_met, out[4] = zt.k_met, out[5] = zt.requirement_met;
    std::copy(zt.camera_sees.begin(), zt.camera_sees.end(), c.zone_sees.begin() + z * c.cameras);
  }
  return c;
}

void ReduceToRoot(Counts& c, int rank) {
  if (rank == 0) {
    MPI_Reduce(MPI_IN_PLACE, c.v.data(), static_cast<int>(c.v.size()), MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    MPI_Reduce(MPI_IN_PLACE, c.zone_sees.data(), static_cast<int>(c.zone_sees.size()), MPI_UINT8_T, MPI_MAX, 0,
               MPI_COMM_WORLD);
  } else {
    MPI_Reduce(c.v.data(), nullptr, static_cast<int>(c.v.size()), MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    MPI_Reduce(c.zone_sees.data(), nullptr, static_cast<int>(c.zone_sees.size()), MPI_UINT8_T, MPI_MAX, 0,
               MPI_COMM_WORLD);
  }
}

// The band's per-cell values, a strip of rows at a time, packed for sending: ground z, k,
// px/m, best camera, best level, priority scope.
constexpr std::size_t kBytesPerCell = 4 + 2 + 4 + 4 + 1 + 1;

int StripRows(int nx) { return std::max(1, (1 << 21) / std::max(1, nx)); }  // ~2 M cells, 32 MB

void Pack(const Part& p, const std::vector<std::uint8_t>& scope, int row0, int rows, std::vector<std::uint8_t>& out) {
  const std::size_t nx = static_cast<std::size_t>(p.grid.nx), n = nx * rows, at = nx * row0;
  const sim::Aggregate& a = p.coverage->aggregate();
  out.resize(n * kBytesPerCell);
  std::uint8_t* o = out.data();
  auto put = [&](const void* src, std::size_t bytes) {
    std::memcpy(o, src, bytes);
    o += bytes;
  };
  put(p.grid.ground_z.data() + at, n * 4);
  put(a.k.data() + at, n * 2);
  put(a.best_px_per_m.data() + at, n * 4);
  put(a.best_camera.data() + at, n * 4);
  put(a.best_level.data() + at, n);
  if (scope.empty()) std::memset(o, 0, n);
  else put(scope.data() + at, n);
}

report::CellStrip Unpack(const std::vector<std::uint8_t>& in, int rows, int nx, bool any_priority) {
  const std::size_t n = static_cast<std::size_t>(nx) * rows;
  const std::uint8_t* i = in.data();
  auto take = [&](std::size_t bytes) {
    const std::uint8_t* at = i;
    i += bytes;
    return at;
  };
  report::CellStrip s;
  s.rows = rows;
  s.ground_z = {reinterpret_cast<const float*>(take(n * 4)), n};
  s.k = {reinterpret_cast<const std::uint16_t*>(take(n * 2)), n};
  s.best_px_per_m = {reinterpret_cast<const float*>(take(n * 4)), n};
  s.best_camera = {reinterpret_cast<const sim::IndexOrNone<std::int32_t>*>(take(n * 4)), n};
  s.best_level = {reinterpret_cast<const sim::IndexOrNone<std::int8_t>*>(take(n)), n};
  if (any_priority) s.scope = {take(n), n};
  return s;
}

// Rank 0 feeds the raster writer band after band; every other rank sends its band when asked.
std::vector<geo::Polygon> WriteRasters(const Part& p, const scenario::Scenario& s, const MpiSession& mpi,
                                       const std::filesystem::path& folder) {
  const std::vector<std::uint8_t> scope = report::PriorityScope(p.zones, p.grid);
  const bool any_priority = std::any_of(p.zones.begin(), p.zones.end(),
                                        [](const sim::Zone& z) { return z.kind == sim::ZoneKind::priority; });
  const int strip = StripRows(p.nx);
  std::vector<std::uint8_t> buffer;
  if (mpi.rank != 0) {
    for (int row = 0; row < p.band.count; row += strip) {
      const int rows = std::min(strip, p.band.count - row);
      Pack(p, scope, row, rows, buffer);
      MPI_Send(buffer.data(), static_cast<int>(buffer.size()), MPI_BYTE, 0, 0, MPI_COMM_WORLD);
    }
    return {};
  }
  geo::RasterGrid whole{p.city.area.min_x, p.city.area.max_y, s.grid.resolution_m, p.nx, p.ny};
  report::CoverageRasterOptions options;
  options.compression = s.outputs.geotiff_compression;
  report::CoverageRasterWriter writer(folder, p.city.frame, whole, s.levels, any_priority, options);
  for (int r = 0; r < mpi.size; ++r) {
    const sim::RowBand band = BandOf(p.ny, r, mpi.size);
    for (int row = 0; row < band.count; row += strip) {
      const int rows = std::min(strip, band.count - row);
      if (r == 0) Pack(p, scope, row, rows, buffer);
      else {
        buffer.resize(static_cast<std::size_t>(p.nx) * rows * kBytesPerCell);
        MPI_Recv(buffer.data(), static_cast<int>(buffer.size()), MPI_BYTE, r, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      }
      writer.Add(Unpack(buffer, rows, p.nx, any_priority));
    }
  }
  return writer.Finish();
}

// --- tiles: every rank writes its own band ---

std::filesystem::path TileName(int rank) { return fmt::format("tiles/coverage_{:04d}.tif", rank); }

// Rank 0's staging folder, as an absolute path, on every rank.
std::filesystem::path SharedFolder(const std::filesystem::path& root_folder, const MpiSession& mpi) {
  std::string text = mpi.rank == 0 ? std::filesystem::absolute(root_folder).string() : std::string();
  int size = static_cast<int>(text.size());
  MPI_Bcast(&size, 1, MPI_INT, 0, MPI_COMM_WORLD);
  text.resize(static_cast<std::size_t>(size));
  MPI_Bcast(text.data(), size, MPI_CHAR, 0, MPI_COMM_WORLD);
  return text;
}

// This rank's band as tiles/coverage_RRRR.tif, through the same writer as coverage.tif (so its
// pixels are coverage.tif's rows); returns the band's blind spots.
std::vector<geo::Polygon> WriteTile(const Part& p, const scenario::Scenario& s, const MpiSession& mpi,
                                    const std::filesystem::path& folder) {
  if (p.band.count <= 0) return {};
  if (!std::filesystem::is_directory(folder / "tiles"))
    throw core::InputError(folder.string(), "",
                           "rank " + std::to_string(mpi.rank) +
                               " cannot see the output folder: with tiles, every rank writes its own, so the "
                               "output folder must be on a file system all ranks share");
  const std::vector<std::uint8_t> scope = report::PriorityScope(p.zones, p.grid);
  report::CoverageRasterOptions options;
  options.tif = TileName(mpi.rank);
  options.quick_look = false;  // rank 0 draws coverage.png from every rank's rows
  options.compression = s.outputs.geotiff_compression;
  report::CoverageRasterWriter writer(folder, p.city.frame, p.grid.Raster(), s.levels, !scope.empty(), options);
  const sim::Aggregate& a = p.coverage->aggregate();
  const std::size_t nx = static_cast<std::size_t>(p.grid.nx);
  constexpr int kStripRows = 64;
  for (int row = 0; row < p.grid.ny; row += kStripRows) {
    const int rows = std::min(kStripRows, p.grid.ny - row);
    const std::size_t at = row * nx, n = rows * nx;
    writer.Add({rows, std::span(p.grid.ground_z).subspan(at, n), std::span(a.k).subspan(at, n),
                std::span(a.best_px_per_m).subspan(at, n), std::span(a.best_camera).subspan(at, n),
                std::span(a.best_level).subspan(at, n),
                scope.empty() ? std::span<const std::uint8_t>() : std::span(scope).subspan(at, n)});
  }
  return writer.Finish();
}

// coverage.png: each rank colours its band's every step-th row and column; rank 0 draws them.
void WriteTiledQuickLook(const Part& p, const scenario::Scenario& s, const MpiSession& mpi,
                         const std::filesystem::path& folder) {
  const geo::RasterGrid whole{p.city.area.min_x, p.city.area.max_y, s.grid.resolution_m, p.nx, p.ny};
  const int step = report::QuickLookStep(whole, kTiledQuickLookPx);
  const report::QuickLookColours colour(static_cast<int>(s.levels.levels.size()));
  const sim::Aggregate& a = p.coverage->aggregate();
  const std::size_t nx = static_cast<std::size_t>(p.nx);
  std::vector<std::uint8_t> mine;
  for (int r = 0; r < p.band.count; ++r) {
    if ((p.band.first + r) % step) continue;
    const std::size_t base = static_cast<std::size_t>(r) * nx;
    for (std::size_t col = 0; col < nx; col += step)
      mine.push_back(colour(p.grid.ground_z[base + col], a.k[base + col], a.best_level[base + col]));
  }
  const std::vector<std::uint8_t> all = GatherOnRoot(mine, MPI_UINT8_T, mpi);
  if (mpi.rank != 0) return;
  report::QuickLook look(folder / "coverage.png", whole, s.levels, kTiledQuickLookPx);
  const std::size_t columns = static_cast<std::size_t>(look.columns());
  for (std::size_t at = 0, row = 0; at + columns <= all.size(); at += columns, row += step)
    look.Row(static_cast<int>(row), std::span(all).subspan(at, columns));
  look.Commit();
}

// Blind spots from a rank to rank 0, in messages of at most ~32 MB, each whole polygons
// (rings: count, then x y pairs), then an empty message.
constexpr int kBlindSpotTag = 7;

void SendBlindSpots(const std::vector<geo::Polygon>& spots) {
  constexpr std::size_t kBatchDoubles = std::size_t{1} << 22;
  std::vector<double> buffer;
  const auto send = [&] {
    MPI_Send(buffer.data(), static_cast<int>(buffer.size()), MPI_DOUBLE, 0, kBlindSpotTag, MPI_COMM_WORLD);
    buffer.clear();
  };
  for (const geo::Polygon& polygon : spots) {
    buffer.push_back(static_cast<double>(polygon.size()));
    for (const geo::Ring& ring : polygon) {
      buffer.push_back(static_cast<double>(ring.size()));
      for (const geo::Vec2d& v : ring) buffer.insert(buffer.end(), {v.x, v.y});
    }
    if (buffer.size() >= kBatchDoubles) send();
  }
  if (!buffer.empty()) send();
  send();  // the end
}

// The next message of blind spots from `rank`; false at its end.
bool ReceiveBlindSpots(int rank, std::vector<geo::Polygon>& spots) {
  MPI_Status status;
  MPI_Probe(rank, kBlindSpotTag, MPI_COMM_WORLD, &status);
  int count = 0;
  MPI_Get_count(&status, MPI_DOUBLE, &count);
  std::vector<double> buffer(static_cast<std::size_t>(count));
  MPI_Recv(buffer.data(), count, MPI_DOUBLE, rank, kBlindSpotTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  for (std::size_t i = 0; i < buffer.size();) {
    geo::Polygon& polygon = spots.emplace_back(static_cast<std::size_t>(buffer[i++]));
    for (geo::Ring& ring : polygon) {
      ring.resize(static_cast<std::size_t>(buffer[i++]));
      for (geo::Vec2d& v : ring) v = {buffer[i], buffer[i + 1]}, i += 2;
    }
  }
  return count > 0;
}

// Camera i's visible cells over all bands, in whole-grid indices (rank order = row order, so
// sorted): gathered on rank 0 one camera at a time. 64-bit: the whole grid may pass 4.29 G
// cells (a band's own indices are 32-bit).
std::vector<std::uint64_t> GatherCells(const Part& p, const MpiSession& mpi, std::size_t i) {
  const auto& local = p.coverage->layers()[i].cells;
  const std::uint64_t offset = static_cast<std::uint64_t>(p.band.first) * static_cast<std::uint64_t>(p.nx);
  std::vector<std::uint64_t> mine(local.size());
  for (std::size_t j = 0; j < local.size(); ++j) mine[j] = offset + local[j];
  return GatherOnRoot(mine, MPI_UINT64_T, mpi);
}

// Text of warnings kept with every detail, for sending: per kind its name, its count, then each
// detail, each string led by its length.
std::vector<char> PackDiagnostics(const core::Diagnostics& d) {
  std::vector<char> out;
  const auto put = [&](const std::string& text) {
    const std::uint64_t n = text.size();
    out.insert(out.end(), reinterpret_cast<const char*>(&n), reinterpret_cast<const char*>(&n) + sizeof n);
    out.insert(out.end(), text.begin(), text.end());
  };
  for (const auto& [kind, k] : d.kinds()) {
    put(kind);
    put(std::to_string(k.every.size()));
    for (const std::string& detail : k.every) put(detail);
  }
  return out;
}

// Reads PackDiagnostics' text from `at` up to `end` (one rank's part of the gathered text).
core::Diagnostics UnpackDiagnostics(const char* at, const char* end) {
  core::Diagnostics d;
  d.KeepEveryDetail();
  const auto take = [&] {
    std::uint64_t n = 0;
    std::memcpy(&n, at, sizeof n);
    std::string text(at + sizeof n, at + sizeof n + n);
    at += sizeof n + n;
    return text;
  };
  while (at < end) {
    const std::string kind = take();
    const std::size_t count = std::stoull(take());
    for (std::size_t i = 0; i < count; ++i) d.Warn(kind, take());
  }
  return d;
}

// The city's and cameras' warnings of the whole run, on rank 0. With windows every rank warned
// of what it read, and the features their windows share alike: gathered, and each detail counted
// as often as the rank that warned it most (core::Diagnostics::MergeDistinct). Collective.
core::Diagnostics GatherDiagnostics(const Part& p, const MpiSession& mpi) {
  if (!p.windowed) return p.diagnostics;  // the same on every rank
  std::vector<int> sizes;  // each rank's part of `all`
  const std::vector<char> all = GatherOnRoot(PackDiagnostics(p.diagnostics), MPI_CHAR, mpi, &sizes);
  core::Diagnostics merged;
  merged.KeepEveryDetail();
  std::size_t at = 0;
  for (int r = 0; r < static_cast<int>(sizes.size()); ++r) {
    merged.MergeDistinct(UnpackDiagnostics(all.data() + at, all.data() + at + sizes[r]));
    at += static_cast<std::size_t>(sizes[r]);
  }
  return merged;
}

// The same warnings as one process: the band's zone warnings minus those of a zone without
// cells, which only the whole grid can tell; `city_diagnostics` from GatherDiagnostics.
core::Diagnostics RootDiagnostics(const scenario::Scenario& s, const Part& p, const core::Diagnostics& city_diagnostics,
                                  Counts& c) {
  core::Diagnostics d;
  for (const auto& [kind, k] : p.zone_diagnostics.kinds()) {
    if (scenario::IsEmptyZoneWarning(kind)) continue;
    for (std::size_t i = 0; i < k.count; ++i) d.Warn(kind, k.examples.empty() ? "" : k.examples[std::min(i, k.examples.size() - 1)]);
  }
  for (std::size_t z = 0; z < p.zones.size(); ++z)
    if (c.zone(z)[0] == 0)
      d.Warn(scenario::EmptyZoneWarning(p.zones[z], p.city.area, s.grid.resolution_m),
             s.file.string() + ": zone '" + p.zones[z].name + "'");
  d.Merge(city_diagnostics);
  if (p.cameras.empty()) d.Warn("scenario without cameras: everything is a blind spot", s.file.string());
  for (std::size_t i = 0; i < p.cameras.size(); ++i)
    if (c.camera(i)[0] == 0)
      d.Warn("camera sees no evaluated ground (blocked, aimed away or out of the area)",
             s.file.string() + ": camera '" + p.cameras[i].id + "'");
  return d;
}

}  // namespace

double PeakBytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) * 1024;
}

TiledCoverageResult RunTiledCoverage(scenario::Scenario s, const TiledCoverageOptions& options) {
  MpiSession mpi;
  const auto start = std::chrono::steady_clock::now();
  if (mpi.rank != 0) spdlog::set_level(spdlog::level::err);  // one log, rank 0's
  TiledCoverageResult result;
  result.root = mpi.rank == 0;
  result.ranks = mpi.size;

  // Phase 1, each rank on its own: errors here are the input's (the same on every rank) or a
  // rank's own (its output folder, its memory). The lowest rank that failed reports.
  std::uint64_t available = sim::AvailableMemoryBytes(), least_available = 0;
  MPI_Allreduce(&available, &least_available, 1, MPI_UINT64_T, MPI_MIN, MPI_COMM_WORLD);
  std::unique_ptr<core::OutputFolder> out;
  Part p;
  AllOrNone(mpi, [&] {
    if (mpi.rank == 0) out = std::make_unique<core::OutputFolder>(options.output);
  });
  LoadPart(s, mpi, p);
  AllOrNone(mpi, [&] { ComputePart(s, mpi, options.tiles, least_available, p); });

  // Phase 2, together: counts reduced on rank 0, outputs written by rank 0 from every band.
  Counts counts = CountPart(p);
  ReduceToRoot(counts, mpi.rank);
  std::uint64_t targets = counts.v[0];
  MPI_Bcast(&targets, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  if (targets == 0) {
    if (mpi.rank != 0) throw QuietExit{};
    throw core::InputError(s.file.string(), "", scenario::NothingToEvaluate(p.city, s.grid.resolution_m, p.nx, p.ny));
  }
  const core::Diagnostics city_diagnostics = GatherDiagnostics(p, mpi);
  // A failure from here on (a full disk) aborts every rank; the staging folder is removed first.
  try {
    const double cell = p.grid.CellArea();
    sim::CoverageSummary summary;
    std::vector<sim::ZoneStats> zone_stats;
    core::Diagnostics diagnostics;
    if (mpi.rank == 0) {
      sim::CoverageTally t;
      t.targets = counts.v[0];
      t.covered = counts.v[1];
      t.level_cells.assign(counts.level_cells(), counts.level_cells() + counts.levels);
      t.k_cells.assign(counts.k_cells(), counts.k_cells() + counts.cameras + 1);
      std::vector<sim::CameraTally> cams(p.cameras.size());
      for (std::size_t i = 0; i < cams.size(); ++i) {
        cams[i].visible = counts.camera(i)[0];
        cams[i].at_level.assign(counts.camera(i) + 1, counts.camera(i) + 1 + counts.levels);
      }
      summary = sim::SummaryOf(t, cams, p.cameras, cell);
      std::vector<sim::ZoneTally> zones(p.zones.size());
      for (std::size_t z = 0; z < zones.size(); ++z) {
        const std::uint64_t* v = counts.zone(z);
        zones[z].area = v[1], zones[z].covered = v[2], zones[z].level_met = v[3], zones[z].k_met = v[4];
        zones[z].requirement_met = v[5];
        zones[z].camera_sees.assign(counts.zone_sees.begin() + z * counts.cameras,
                                    counts.zone_sees.begin() + (z + 1) * counts.cameras);
      }
      zone_stats = sim::ZoneStatsOf(p.zones, zones, p.cameras, cell);
      diagnostics = RootDiagnostics(s, p, city_diagnostics, counts);
    }
    const report::CoverageFacts facts{s, p.city, diagnostics,
                                      {p.city.area.min_x, p.city.area.max_y, s.grid.resolution_m, p.nx, p.ny},
                                      s.grid.height_m, s.levels, p.cameras, summary, p.zones, zone_stats};
    const auto cells = [&](std::size_t i) { return GatherCells(p, mpi, i); };
    const auto write_one_file = [&](const std::filesystem::path& folder) {
      std::vector<geo::Polygon> blind_spots = WriteRasters(p, s, mpi, folder);
      if (mpi.rank != 0) {
        for (std::size_t i = 0; i < p.cameras.size(); ++i) GatherCells(p, mpi, i);
        return;
      }
      report::WriteCoverageVectors(facts, std::move(blind_spots), cells, folder);
      result.summary = report::SummaryJson(facts);
    };
    const auto write_tiles = [&](const std::filesystem::path& root_folder) {
      if (mpi.rank == 0) std::filesystem::create_directories(root_folder / "tiles");
      const std::filesystem::path folder = SharedFolder(root_folder, mpi);
      std::vector<geo::Polygon> own_spots = WriteTile(p, s, mpi, folder);
      WriteTiledQuickLook(p, s, mpi, folder);  // also: every tile is written when it returns
      if (mpi.rank != 0) {
        for (std::size_t i = 0; i < p.cameras.size(); ++i) GatherCells(p, mpi, i);
        SendBlindSpots(own_spots);
        return;
      }
      std::vector<std::filesystem::path> tiles;
      for (int r = 0; r < mpi.size; ++r)
        if (BandOf(p.ny, r, mpi.size).count > 0) tiles.push_back(folder / TileName(r));
      geo::WriteVrtMosaic(folder / "coverage.vrt", tiles, {report::CoverageBandNames(s.levels), report::kCoverageNoData});
      // Rank 0's blind spots, then each rank's in turn, as they arrive.
      int from = 0;
      const auto blind_spots = [&](std::vector<geo::Polygon>& batch) {
        if (from == 0) {
          from = 1;
          batch = std::move(own_spots);
          return true;
        }
        for (; from < mpi.size; ++from)
          if (ReceiveBlindSpots(from, batch)) return true;
        return false;
      };
      report::WriteCoverageVectors(facts, blind_spots, cells, folder);
      result.summary = report::SummaryJson(facts);
    };
    const auto write = [&](const std::filesystem::path& folder) {
      if (p.tiled) write_tiles(folder);
      else write_one_file(folder);
    };
    if (mpi.rank == 0) out->Write(write);
    else write({});
    // Every rank has sent everything and rank 0 has written everything: one commit.
    MPI_Barrier(MPI_COMM_WORLD);
    if (mpi.rank == 0) out->Commit();
    double peak = PeakBytes(), max_peak = 0;
    MPI_Reduce(&peak, &max_peak, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    std::vector<double> peaks(mpi.rank == 0 ? mpi.size : 0);
    MPI_Gather(&peak, 1, MPI_DOUBLE, peaks.data(), 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    const std::uint64_t triangles = p.city.triangles.size();
    const std::vector<std::uint64_t> city_triangles = GatherOnRoot(std::vector{triangles}, MPI_UINT64_T, mpi);
    result.max_peak_bytes = max_peak;
    result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (mpi.rank == 0) {
      for (int r = 0; r < mpi.size; ++r) {
        const sim::RowBand b = BandOf(p.ny, r, mpi.size);
        spdlog::info("rank {}: rows {}..{} of {} ({} cells), city {} triangles, peak memory {}", r, b.first,
                     b.first + b.count, p.ny, std::uint64_t(b.count) * p.nx, city_triangles[r], sim::MemoryText(peaks[r]));
      }
      result.diagnostics = std::move(diagnostics);
      result.tiled = p.tiled;
    }
  } catch (const std::exception& e) {
    out.reset();  // the staging folder goes before the abort
    spdlog::error("rank {}: {}", mpi.rank, e.what());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  return result;
}

}  // namespace dist
