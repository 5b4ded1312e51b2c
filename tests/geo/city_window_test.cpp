#include "geo/city_window.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <set>

#include "geo/load_city.h"
#include "sim/grid.h"
#include "sim/scene.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

// A feature's triangles as coordinates, sorted: what a ray can meet of it.
using Corners = std::array<float, 9>;
std::map<std::string, std::vector<Corners>> TrianglesByFeature(const CityModel& city) {
  std::map<std::string, std::vector<Corners>> out;
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    const Feature& f = city.features[city.triangle_feature[t]];
    const Tri& tri = city.triangles[t];
    Corners c{};
    int k = 0;
    for (std::uint32_t v : {tri.a, tri.b, tri.c})
      for (float x : {city.vertices[v].x, city.vertices[v].y, city.vertices[v].z}) c[k++] = x;
    out[f.kind + " " + f.source_id].push_back(c);
  }
  for (auto& [id, corners] : out) std::sort(corners.begin(), corners.end());
  return out;
}

CityLoadOptions DelftFootprints() {
  CityLoadOptions o;
  o.sources = {Source(DataPath("delft_buildings_footprints_height.geojson"))};
  o.sources[0].height_attribute = "height";
  o.area = AreaOfInterest{};
  o.area->bbox = std::array<double, 4>{84800, 447430, 85090, 447640};
  o.area->crs = "EPSG:28992";
  return o;
}

// Two windows, the south and the north half of the area: each reads fewer features than the
// whole load, together all of them, and every feature (and the ground plane) the very triangles
// of the whole load, so rays in a window meet what they meet in one process.
void ExpectHalvesReadTheWholeLoadsTriangles(const CityLoadOptions& options) {
  core::Diagnostics diag;
  const CityModel whole = LoadCity(options, diag);
  const auto whole_triangles = TrianglesByFeature(whole);
  std::set<std::string> read;
  for (int half = 0; half < 2; ++half) {
    CityWindow window;
    Box2d asked_area;
    window.choose = [&](const Frame& frame, const Box2d& area) {
      EXPECT_EQ(frame.origin_x, whole.frame.origin_x);
      asked_area = area;
      const double mid = (area.min_y + area.max_y) / 2;
      return half == 0 ? Box2d{area.min_x, area.min_y, area.max_x, mid} : Box2d{area.min_x, mid, area.max_x, area.max_y};
    };
    CityLoadOptions windowed = options;
    windowed.window = &window;
    core::Diagnostics window_diag;
    const CityModel part = LoadCity(windowed, window_diag);
    EXPECT_TRUE(window.exact);
    EXPECT_TRUE(window.holds_geometry);
    EXPECT_EQ(asked_area.min_x, whole.area.min_x);
    EXPECT_EQ(part.area.min_x, whole.area.min_x);
    EXPECT_EQ(part.area.max_y, whole.area.max_y);
    const auto part_triangles = TrianglesByFeature(part);
    EXPECT_LT(part_triangles.size(), whole_triangles.size());
    for (const auto& [id, corners] : part_triangles) {
      ASSERT_TRUE(whole_triangles.count(id)) << id << " is not in the whole load";
      EXPECT_EQ(corners, whole_triangles.at(id)) << id;
      read.insert(id);
    }
  }
  EXPECT_EQ(read.size(), whole_triangles.size()) << "the two halves read every feature between them";
}

TEST(CityWindow, HalvesOfFootprintsReadTheWholeLoadsTrianglesBetweenThem) {
  ExpectHalvesReadTheWholeLoadsTriangles(DelftFootprints());
}

// CityJSON objects by their box, seated on a DEM read whole by every window.
TEST(CityWindow, HalvesOfCityJsonOnADemReadTheWholeLoadsTrianglesBetweenThem) {
  CityLoadOptions options = DelftFootprints();
  options.sources = {Source(DataPath("delft_lod1.city.json")), Source(DataPath("delft_dsm_1m_from_lod1.tif"))};
  options.sources[1].role = SourceRole::terrain;
  ExpectHalvesReadTheWholeLoadsTriangles(options);
}

// A window with nothing in it (open fields, sea) is no error: whether the area holds anything
// is for all windows to say.
TEST(CityWindow, EmptyWindowHoldsNothingWithoutError) {
  CityWindow window;
  window.choose = [](const Frame&, const Box2d& area) {
    return Box2d{area.max_x + 500, area.max_y + 500, area.max_x + 600, area.max_y + 600};
  };
  CityLoadOptions options = DelftFootprints();
  options.window = &window;
  core::Diagnostics diag;
  const CityModel part = LoadCity(options, diag);
  EXPECT_FALSE(window.holds_geometry);
  EXPECT_TRUE(window.exact);
  EXPECT_EQ(CountFeatures(part, "building"), 0u);
}

// A model with heights of its own and no DEM derives its ground from every base and terrain
// object: no window has them all, so a window says it is not exact.
TEST(CityWindow, GroundDerivedFromTheModelIsNotExact) {
  CityWindow window;
  window.choose = [](const Frame&, const Box2d& area) { return area; };
  CityLoadOptions options = DelftFootprints();
  options.sources = {Source(DataPath("delft_lod1.city.json"))};
  options.window = &window;
  core::Diagnostics diag;
  LoadCity(options, diag);
  EXPECT_FALSE(window.exact);
}

TEST(CityWindow, NeedsAnArea) {
  CityWindow window;
  window.choose = [](const Frame&, const Box2d& area) { return area; };
  CityLoadOptions options = DelftFootprints();
  options.area.reset();
  options.window = &window;
  core::Diagnostics diag;
  EXPECT_THROW(LoadCity(options, diag), std::logic_error);
}



// The grid of a band laid over a window of the city (the band's rows and `reach` around them)
// equals, cell for cell and bit for bit, the same band laid over the whole city: CityJSON's
// roads, land use and water lie on one another, and which of two surfaces met at the same
// height a ray takes is not left to the BVH (sim/scene_embree.cpp, TieRank).
void ExpectBandGridsEqual(const CityLoadOptions& options, double resolution_m, int first_row, int rows, double reach) {
  core::Diagnostics diag;
  const CityModel whole = LoadCity(options, diag);
  CityWindow window;
  window.choose = [&](const Frame&, const Box2d& area) {
    return Box2d{area.min_x - reach, area.max_y - (first_row + rows) * resolution_m - reach, area.max_x + reach,
                 area.max_y - first_row * resolution_m + reach};
  };
  CityLoadOptions windowed = options;
  windowed.window = &window;
  CityModel part = LoadCity(windowed, diag);
  ASSERT_TRUE(window.exact);
  ASSERT_LT(part.triangles.size(), whole.triangles.size());
  part.whole_min_z = whole.Bounds().min.z;
  part.whole_max_z = whole.Bounds().max.z;
  sim::GridOptions grid;
  grid.resolution_m = resolution_m;
  const auto whole_scene = sim::BuildScene(whole), part_scene = sim::BuildScene(part);
  const sim::Grid a = sim::MakeGrid(whole, *whole_scene, grid, {first_row, rows});
  const sim::Grid b = sim::MakeGrid(part, *part_scene, grid, {first_row, rows});
  ASSERT_EQ(a.ground_z.size(), b.ground_z.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.ground_z.size(); ++i)
    if (std::memcmp(&a.ground_z[i], &b.ground_z[i], sizeof(float)) != 0 && ++differ <= 3)
      ADD_FAILURE() << "cell " << i % a.nx << ", row " << first_row + i / a.nx << ": whole " << a.ground_z[i]
                    << ", window " << b.ground_z[i];
  EXPECT_EQ(differ, 0u);
}

TEST(CityWindow, BandGridOverAWindowOfCityJsonOnADemIsTheWholeCitys) {
  CityLoadOptions options = DelftFootprints();
  options.sources = {Source(DataPath("delft_lod1.city.json")), Source(DataPath("delft_dsm_1m_from_lod1.tif"))};
  options.sources[1].role = SourceRole::terrain;
  ExpectBandGridsEqual(options, 1.0, 160, 50, 48);
}

}  // namespace
}  // namespace geo
