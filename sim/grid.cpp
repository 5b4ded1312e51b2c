#include "sim/grid.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>

#include "geo/raster_io.h"
#include "sim/column_cover.h"
#include "sim/first_hits.h"

namespace sim {
namespace {

// Upward-facing component of a triangle's (counter-clockwise, outward) normal.
float NormalZ(const geo::CityModel& city, std::uint32_t t) {
  const geo::Tri& tri = city.triangles[t];
  const geo::Vec3f& a = city.vertices[tri.a];
  const geo::Vec3f& b = city.vertices[tri.b];
  const geo::Vec3f& c = city.vertices[tri.c];
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

// Surfaces people stand on or over; everything else is part of a structure.
bool IsGroundLike(geo::Surface s) {
  return s == geo::Surface::ground || s == geo::Surface::terrain || s == geo::Surface::water ||
         s == geo::Surface::vegetation;
}

constexpr Scene::SurfaceSet kGroundLike = Scene::Of(geo::Surface::ground) | Scene::Of(geo::Surface::terrain) |
                                          Scene::Of(geo::Surface::water) | Scene::Of(geo::Surface::vegetation);

// First hit along a vertical ray that is (or is not) ground-like, the others as if absent: a
// floor lying on the ground, or a road on a roof, no longer hides what is looked for (stepping
// past the first hit by a millimetre skipped both), nor do 16 stacked surfaces.
// `first`: the answer when it was traced already (with a row of others, FirstHits).
std::optional<Scene::Hit> FirstHitOfKind(const Scene& scene, const geo::CityModel& city, Point3f from,
                                         float dir_z, float max_distance, bool ground_like,
                                         const std::optional<Scene::Hit>* first = nullptr) {
  if (first) return *first;
  return scene.FirstHitOf(from, {0, 0, dir_z}, max_distance, ground_like ? kGroundLike : ~kGroundLike, city);
}

// A water surface within a metre above or 1.5 m below the ground z at (x, y). Asked of the water
// alone: stepping down past each hit, water lying on the ground (a DEM node, a road) was missed
// whenever the ground's triangle came a float's last bit nearer, and which did depended on the BVH.
bool WaterNear(const Scene& scene, const geo::CityModel& city, double x, double y, double z) {
  const Point3f from{static_cast<float>(x), static_cast<float>(y), static_cast<float>(z + 1.0)};
  return scene.FirstHitOf(from, {0, 0, -1}, 2.5f, Scene::Of(geo::Surface::water), city).has_value();
}

// Structure surfaces a ray crosses (ground-like ones do not count), up to max_distance.
int CountCrossings(const geo::CityModel& city, const Scene& scene, Point3f from, const Point3f& dir,
                   float max_distance) {
  int crossings = 0;
  float travelled = 0;
  for (int step = 0; step < 64 && travelled < max_distance; ++step) {
    const auto hit = scene.FirstHit(from, dir, max_distance - travelled);
    if (!hit) break;
    crossings += !IsGroundLike(city.triangle_surface[hit->triangle]);
    const float skip = hit->distance + 0.001f;
    from = {from.x + dir.x * skip, from.y + dir.y * skip, from.z + dir.z * skip};
    travelled += skip;
  }
  return crossings;
}

// What the grid set-up's rays look for, as ColumnCover kinds.
// kGround: the other ground-like surfaces, rasterised only for their heights (no terrain).
constexpr std::uint8_t kWater = 1, kStructure = 2, kTerrain = 4, kGround = 8;
constexpr int kChunkRows = 32;

SurfaceKinds CoverKinds(bool with_ground) {
  SurfaceKinds kinds{};
  for (int s = 0; s < geo::kSurfaceCount; ++s) {
    const auto surface = static_cast<geo::Surface>(s);
    const bool ground = IsGroundLike(surface) && surface != geo::Surface::water;
    kinds[s] = (surface == geo::Surface::water ? kWater : 0) | (IsGroundLike(surface) ? 0 : kStructure) |
               (surface == geo::Surface::terrain ? kTerrain : 0) | (with_ground && ground ? kGround : 0);
  }
  return kinds;
}

// A row's ground rays (without terrain), and room to cast them.
struct GroundRow {
  std::vector<std::optional<Scene::Hit>> hits;  // per column: the ground ray's first hit
  std::vector<std::uint8_t> open_water;         // per column: no ground ray needed, no target
  std::vector<float> flat_z;                    // per column: the ground's height known without a ray (NaN: cast)
  std::vector<HitQuery> rays;
  std::vector<int> cols;
  std::vector<std::optional<Scene::Hit>> out;
};

// Which of ColumnCover::Heights is which.
enum HeightsOf { kGroundHeights, kWaterHeights };

// What one chunk of rows is worked out in.
struct ChunkScratch {
  std::vector<std::uint8_t> flags;
  ColumnCover::Heights heights = {{kGround, {}, {}}, {kWater, {}, {}}};
  GroundRow ground;
  std::vector<double> z;         // the cells' ground heights (NaN: none)
  std::vector<float> ray_from;   // where a cell's structure ray starts (NaN: none to ask)
  ColumnCover::LowestAbove lowest;
};

// The grid set-up's rays: one cell's (the kernel), and the first casts of a row's ground rays.
struct CellRays {
  const geo::CityModel& city;
  const Scene& scene;
  const Grid& g;
  const GridOptions& options;
  float top, depth;

  // Float error in a hit distance is a few ulps of the heights: far below this.
  float ZMargin() const { return 0.01f + 1e-5f * (std::abs(top) + std::abs(top - depth)); }

  // Two kinds of cells need no ground ray. Open water: with no structure over the cell, its
  // centre well inside a water triangle and all other ground below that triangle, the first hit
  // is water, whatever its distance. Level ground: with the cell's centre well inside a ground
  // triangle that is level, the highest ground and well above any water, the first ground-like
  // hit is that triangle, at its height (exactly; the ray's own distance would carry float
  // rounding of a few ulps), under a roof or a floor lying on it too. The other cells' rays go
  // to Embree together, asking for ground-like surfaces alone.
  void CastGroundRow(int row, const std::uint8_t* covered, const ColumnCover::Heights& heights, std::size_t at,
                     GroundRow& r) const {
    const float z_margin = ZMargin();
    const ColumnCover::KindHeights& ground = heights[kGroundHeights];
    const ColumnCover::KindHeights& water = heights[kWaterHeights];
    r.hits.assign(g.nx, std::nullopt);
    r.open_water.assign(g.nx, 0);
    r.flat_z.assign(g.nx, NAN);
    r.rays.clear();
    r.cols.clear();
    for (int col = 0; col < g.nx; ++col) {
      const std::size_t i = at + col;
      if (!(covered[col] & kStructure)) {
        r.open_water[col] = water.containing_bottom[i] > ground.covering_top[i] + z_margin;
        if (r.open_water[col]) continue;
      }
      const float level = ground.containing_bottom[i];
      if (level > -INFINITY && level >= ground.covering_top[i] && water.covering_top[i] < level - z_margin) {
        r.flat_z[col] = level;
        continue;
      }
      r.rays.push_back({{static_cast<float>(g.CellX(col)), static_cast<float>(g.CellY(row)), top}, {0, 0, -1}, depth});
      r.cols.push_back(col);
    }
    r.out.resize(r.rays.size());
    FirstHits(scene, r.rays, r.out, kGroundLike, &city);
    for (std::size_t i = 0; i < r.rays.size(); ++i) r.hits[r.cols[i]] = r.out[i];
  }

  // The cell's ground height, NaN when it has none or is water (no target), before the
  // structures over it are asked. `covered`: its ColumnCover flags; `ground`: its row's ground
  // rays (null with terrain).
  double Ground(int col, int row, std::uint8_t covered, const GroundRow* ground) const {
    if (!city.terrain && ground->open_water[col]) return NAN;
    // Level ground under no water, most cells: nothing more to ask.
    if (!city.terrain && !(covered & kWater) && !std::isnan(ground->flat_z[col])) return ground->flat_z[col];
    const double x = g.CellX(col), y = g.CellY(row);
    double z;
    if (city.terrain) {
      z = city.terrain->Sample(x, y);
      if (std::isnan(z)) return NAN;  // no terrain data
      if ((covered & kWater) && WaterNear(scene, city, x, y, z)) return NAN;
      const Point3f target{static_cast<float>(x), static_cast<float>(y), static_cast<float>(z + g.height_m)};
      // Inside the DSM's buildings and crowns.
      if ((covered & kTerrain) && UnderTerrainSurface(city, scene, target)) return NAN;
    } else {
      // The ground is the highest ground-like surface (road, land use, ground plane) under
      // the cell, looking down through roofs; none: the datum.
      if (!std::isnan(ground->flat_z[col])) {
        z = ground->flat_z[col];
      } else {
        const Point3f above{static_cast<float>(x), static_cast<float>(y), top};
        const auto hit = FirstHitOfKind(scene, city, above, -1, depth, true, &ground->hits[col]);
        if (hit && city.triangle_surface[hit->triangle] == geo::Surface::water) return NAN;
        z = hit ? top - hit->distance : 0.0;
      }
      if ((covered & kWater) && WaterNear(scene, city, x, y, z)) return NAN;  // water laid on the ground plane
    }
    return z;
  }

  // Where the structure ray of a cell starts: a little above its ground.
  static float StructureRayStart(double ground_z) { return static_cast<float>(ground_z + 0.05); }

  // Whether a structure over the cell's ground takes it out: the first structure surface above
  // is a roof seen from inside, or lower than the clear height.
  bool UnderStructure(int col, int row, double ground_z) const {
    const Point3f from{static_cast<float>(g.CellX(col)), static_cast<float>(g.CellY(row)), StructureRayStart(ground_z)};
    const auto structure = FirstHitOfKind(scene, city, from, 1, top - from.z, false);
    return structure && (NormalZ(city, structure->triangle) > 0 ||  // a roof seen from inside
                         structure->distance + 0.05 < options.min_clear_height_m);
  }

  // UnderStructure's answer when it is known without the ray (no terrain): the lowest structure
  // triangle the ray could meet is level, holds the cell's centre with the margin to spare and
  // lies clear of every other structure triangle and of any ground-like surface the ray would
  // step past, so the ray meets it first, at its height, as Embree would; and that height is
  // not within the margin of the clear height. -1: cast the ray.
  int UnderStructureKnown(std::size_t i, double ground_z, const ColumnCover::LowestAbove& lowest,
                          const ColumnCover::Heights& heights) const {
    const float margin = ZMargin();
    const float from = StructureRayStart(ground_z);
    if (!lowest.level_and_containing[i]) return -1;
    const float z = lowest.bottom[i];
    if (!(z >= from + margin) || !(lowest.next_bottom[i] > z + margin)) return -1;
    if (!(heights[kGroundHeights].covering_top[i] < from - margin) ||
        !(heights[kWaterHeights].covering_top[i] < from - margin))
      return -1;
    const double clearance = double{z} - from + 0.05;  // the ray's distance + 0.05
    if (std::abs(clearance - options.min_clear_height_m) <= margin) return -1;
    return NormalZ(city, lowest.triangle[i]) > 0 || clearance < options.min_clear_height_m;
  }
};

}  // namespace

bool InsideSolid(const geo::CityModel& city, const Scene& scene, const Point3f& p) {
  const geo::Box3f b = city.Bounds();
  const float reach = std::hypot(b.max.x - b.min.x, b.max.y - b.min.y, b.max.z - b.min.z) + 1.0f;
  int odd = 0, rays = 0;
  auto cast = [&](const Point3f& dir) {
    odd += CountCrossings(city, scene, p, dir, reach) % 2;
    ++rays;
  };
  cast({0, 0, 1});
  const float rise = 0.5f, run = std::sqrt(1 - rise * rise);  // 30 degrees up
  for (int k = 0; k < 8; ++k) {
    const double azimuth = (k + 0.37) * 2 * 3.14159265358979 / 8;  // off the axes walls follow
    cast({static_cast<float>(run * std::sin(azimuth)), static_cast<float>(run * std::cos(azimuth)), rise});
  }
  return 2 * odd > rays;
}

bool UnderTerrainSurface(const geo::CityModel& city, const Scene& scene, const Point3f& p) {
  // An unbounded ray: CityModel::Bounds walks every vertex, and this runs once per grid cell.
  // The terrain alone is asked (see WaterNear).
  const auto hit = scene.FirstHitOf(p, {0, 0, 1}, std::numeric_limits<float>::infinity(),
                                    Scene::Of(geo::Surface::terrain), city);
  return hit && NormalZ(city, hit->triangle) > 0;
}

bool InsideStructure(const geo::CityModel& city, const Scene& scene, const Point3f& p, float max_up) {
  const auto hit = FirstHitOfKind(scene, city, p, 1, max_up, false);
  return hit && NormalZ(city, hit->triangle) > 0;  // a roof seen from below
}

std::vector<float> SurfaceHeights(const geo::CityModel& city, const Scene& scene, const Grid& g) {
  const geo::Box3f bounds = city.Bounds();
  const float top = bounds.max.z + 1.0f, depth = bounds.max.z - bounds.min.z + 2.0f;
  std::vector<float> z(g.size(), 0.0f);
  tbb::parallel_for(0, g.ny, [&](int row) {
    for (int col = 0; col < g.nx; ++col) {
      const Point3f above{static_cast<float>(g.CellX(col)), static_cast<float>(g.CellY(row)), top};
      if (const auto hit = scene.FirstHit(above, {0, 0, -1}, depth)) z[g.Index(col, row)] = top - hit->distance;
    }
  });
  return z;
}

std::size_t Grid::CountTargets() const {
  std::size_t n = 0;
  for (std::uint32_t i = 0; i < size(); ++i) n += IsTarget(i);
  return n;
}

std::vector<std::uint8_t> CellsInside(const std::vector<geo::Polygon>& polygons, const Grid& g) {
  if (g.nx <= 0 || g.ny <= 0) return {};  // an empty band (more MPI ranks than row tiles)
  std::vector<std::uint8_t> inside(static_cast<std::size_t>(g.nx) * g.ny, 0);
  struct Edge {
    double x_low, y_low, x_high, y_high;  // y_low < y_high
  };
  // Each edge listed on the rows whose centre line it crosses, y_low <= y < y_high (so a vertex
  // on a row's line counts once, and horizontal edges never).
  std::vector<std::vector<Edge>> by_row(g.ny);
  const auto row_near = [&](double y) { return (g.max_y - y) / g.resolution_m - 0.5 - g.first_row; };
  const auto index_in = [](double estimate, int count) {  // clamped before the cast: no overflow
    return static_cast<int>(std::clamp(estimate, 0.0, static_cast<double>(count)));
  };
  for (const geo::Polygon& polygon : polygons)
    for (const geo::Ring& ring : polygon)
      for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
        const geo::Vec2d& a = ring[i];
        const geo::Vec2d& b = ring[(i + 1) % n];
        if (a.y == b.y || !std::isfinite(a.x + a.y + b.x + b.y)) continue;  // horizontal, or broken
        const Edge e = a.y < b.y ? Edge{a.x, a.y, b.x, b.y} : Edge{b.x, b.y, a.x, a.y};
        // Rows from the estimate, one more each side; the exact test decides.
        const int first = index_in(std::floor(row_near(e.y_high)) - 1, g.ny);
        const int last = index_in(std::ceil(row_near(e.y_low)) + 1, g.ny - 1);
        for (int row = first; row <= last; ++row) {
          const double y = g.CellY(row);
          if (e.y_low <= y && y < e.y_high) by_row[row].push_back(e);
        }
      }
  std::vector<double> crossings;
  for (int row = 0; row < g.ny; ++row) {
    const double y = g.CellY(row);
    crossings.clear();
    for (const Edge& e : by_row[row])
      crossings.push_back(e.x_low + (y - e.y_low) * (e.x_high - e.x_low) / (e.y_high - e.y_low));
    std::sort(crossings.begin(), crossings.end());
    std::uint8_t* out = inside.data() + static_cast<std::size_t>(row) * g.nx;
    for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
      // Centres in [enter, leave): estimate the columns, then test each end exactly.
      const double enter = crossings[k], leave = crossings[k + 1];
      int col = index_in(std::floor((enter - g.min_x) / g.resolution_m - 0.5) - 1, g.nx);
      while (col < g.nx && g.CellX(col) < enter) ++col;
      for (; col < g.nx && g.CellX(col) < leave; ++col) out[col] = 1;
    }
  }
  return inside;
}

std::pair<int, int> GridSize(const geo::Box2d& a, double resolution_m) {
  return {std::max(1, static_cast<int>(std::ceil(a.width() / resolution_m))),
          std::max(1, static_cast<int>(std::ceil(a.height() / resolution_m)))};
}

Grid MakeGrid(const geo::CityModel& city, const Scene& scene, const GridOptions& options, RowBand band) {
  Grid g;
  g.resolution_m = options.resolution_m;
  g.height_m = options.height_m;
  const geo::Box2d& a = city.area;
  g.min_x = a.min_x;
  g.max_y = a.max_y;
  std::tie(g.nx, g.ny) = GridSize(a, g.resolution_m);
  if (band.count >= 0) {
    g.first_row = std::clamp(band.first, 0, g.ny);
    g.ny = std::clamp(band.count, 0, g.ny - g.first_row);
  }
  g.ground_z.resize(static_cast<std::size_t>(g.nx) * g.ny);  // not zeroed: the chunks below set every cell
  const geo::Box3f bounds = city.Bounds();
  const float top = bounds.max.z + 1.0f, depth = bounds.max.z - bounds.min.z + 2.0f;
  // Where no water, structure or terrain triangle can lie under or over a cell, the rays that
  // look for one are not cast: their answer (none) is known. Most cells of a city are open
  // street, and water is rare, so this leaves the ground ray and the rays under roofs.
  const ColumnCover cover(city, g, CoverKinds(!city.terrain), kChunkRows);
  const CellRays rays{city, scene, g, options, top, depth};
  // A chunk's working rows (~7 MB on a 5,000-column grid), kept per thread: fresh ones for
  // each chunk cost more in the kernel's page clearing than the chunk's rays.
  tbb::enumerable_thread_specific<ChunkScratch> scratch;
  tbb::parallel_for(0, cover.chunks(), [&](int chunk) {
    ChunkScratch& s = scratch.local();
    std::vector<std::uint8_t>& flags = s.flags;
    ColumnCover::Heights& heights = s.heights;
    cover.Rasterise(chunk, flags, city.terrain ? nullptr : &heights);
    GroundRow& ground = s.ground;
    const int first = chunk * kChunkRows, last = std::min(g.ny, first + kChunkRows);
    // The ground first, then the structures over it: without terrain, most structure rays'
    // answers are known from the footprints (flat roofs over level ground).
    std::vector<double>& z = s.z;
    std::vector<float>& ray_from = s.ray_from;
    z.resize(flags.size());  // every cell set below
    ray_from.assign(flags.size(), NAN);
    for (int row = first; row < last; ++row) {
      const std::size_t at = static_cast<std::size_t>(row - first) * g.nx;
      if (!city.terrain) rays.CastGroundRow(row, flags.data() + at, heights, at, ground);
      for (int col = 0; col < g.nx; ++col) {
        z[at + col] = rays.Ground(col, row, flags[at + col], city.terrain ? nullptr : &ground);
        if ((flags[at + col] & kStructure) && !std::isnan(z[at + col]))
          ray_from[at + col] = CellRays::StructureRayStart(z[at + col]);
      }
    }
    ColumnCover::LowestAbove& lowest = s.lowest;
    if (!city.terrain) cover.FindLowestAbove(chunk, kStructure, ray_from, rays.ZMargin(), lowest);
    for (int row = first; row < last; ++row) {
      const std::size_t at = static_cast<std::size_t>(row - first) * g.nx;
      float* out = &g.ground_z[g.Index(0, row)];
      for (int col = 0; col < g.nx; ++col) {
        const double ground_z = z[at + col];
        float cell = static_cast<float>(ground_z);
        if (!std::isnan(ray_from[at + col])) {
          const int known = city.terrain ? -1 : rays.UnderStructureKnown(at + col, ground_z, lowest, heights);
          if (known == 1 || (known < 0 && rays.UnderStructure(col, row, ground_z))) cell = NAN;
        }
        out[col] = cell;
      }
    }
  });
  if (!city.area_outline.empty()) {  // an area drawn as a polygon: no target outside it
    const std::vector<std::uint8_t> inside = CellsInside(city.area_outline, g);
    for (std::size_t i = 0; i < inside.size(); ++i)
      if (!inside[i]) g.ground_z[i] = NAN;
  }
  return g;
}

}  // namespace sim
