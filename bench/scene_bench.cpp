// Occlusion queries on the sample cities: the engine's Scene (Embree) against raw Embree
// rtcOccluded1 on the same rays and against the CGAL AABB reference. Ratios in one run:
// compare the items/s columns.
#include <benchmark/benchmark.h>
#include <embree3/rtcore.h>

#include <cmath>
#include <cstring>
#include <random>

#include "geo/load_city.h"
#include "sim/scene.h"

namespace {

struct Rays {
  std::vector<sim::Point3f> from, to;
};

geo::CityModel Load(const char* file, const char* crs) {
  geo::CityLoadOptions options;
  geo::CitySource source;
  source.path = std::string(SIGHTLINE_DATA_DIR) + "/" + file;
  options.sources = {source};
  options.crs = crs;
  core::Diagnostics diag;
  return geo::LoadCity(options, diag);
}

// Benchmark argument 0: Monaco (OSM extrusions, 28 k triangles); 1: Delft (CityJSON LoD1 with
// triangulated ground, 36 k triangles).
int g_city = 0;
const geo::CityModel& City() {
  static const geo::CityModel monaco = Load("monaco-latest.osm.pbf", "EPSG:32632");
  static const geo::CityModel delft = Load("delft_lod1.city.json", "");
  return g_city == 0 ? monaco : delft;
}

constexpr int kRaysPerCamera = 250;

// Camera-like rays: 800 cameras 4..10 m up, each with 250 rays to 1.7 m targets in a 90 deg fan
// within 150 m (consecutive rays share their origin, as in the coverage engine).
const Rays& CameraRays() {
  static Rays per_city[2];
  Rays& rays = per_city[g_city];
  if (rays.from.empty()) rays = [] {
    Rays r;
    std::mt19937 rng(7);
    const geo::Box2d& a = City().area;
    const float mx = static_cast<float>(a.width() / 4), my = static_cast<float>(a.height() / 4);
    std::uniform_real_distribution<float> x(a.min_x + mx, a.max_x - mx), y(a.min_y + my, a.max_y - my);
    std::uniform_real_distribution<float> h(4, 10), yaw(0, 6.2832f), fan(-0.7854f, 0.7854f), dist(2, 150);
    for (int cam = 0; cam < 800; ++cam) {
      const sim::Point3f f{x(rng), y(rng), h(rng)};
      const float heading = yaw(rng);
      for (int i = 0; i < kRaysPerCamera; ++i) {
        const float az = heading + fan(rng), d = dist(rng);
        r.from.push_back(f);
        r.to.push_back({f.x + d * std::sin(az), f.y + d * std::cos(az), 1.7f});
      }
    }
    return r;
  }();
  return rays;
}

void RunScene(benchmark::State& state, sim::SceneBackend backend) {
  g_city = static_cast<int>(state.range(0));
  const auto scene = sim::BuildScene(City(), backend);
  const Rays& rays = CameraRays();
  const std::size_t n = rays.from.size();
  std::size_t blocked = 0;
  for (auto _ : state)
    for (std::size_t i = 0; i < n; ++i) blocked += scene->Occluded(rays.from[i], rays.to[i]);
  benchmark::DoNotOptimize(blocked);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.counters["triangles"] = static_cast<double>(City().triangles.size());
}

// The same queries straight through the Embree API, no wrapper: the ceiling for the engine.
void BM_RawEmbreeOccluded1(benchmark::State& state) {
  g_city = static_cast<int>(state.range(0));
  const geo::CityModel& city = City();
  RTCDevice device = rtcNewDevice(nullptr);
  RTCScene scene = rtcNewScene(device);
  rtcSetSceneBuildQuality(scene, RTC_BUILD_QUALITY_HIGH);
  rtcSetSceneFlags(scene, RTC_SCENE_FLAG_ROBUST);
  RTCGeometry geom = rtcNewGeometry(device, RTC_GEOMETRY_TYPE_TRIANGLE);
  std::memcpy(rtcSetNewGeometryBuffer(geom, RTC_BUFFER_TYPE_VERTEX, 0, RTC_FORMAT_FLOAT3, 12, city.vertices.size()),
              city.vertices.data(), city.vertices.size() * 12);
  std::memcpy(rtcSetNewGeometryBuffer(geom, RTC_BUFFER_TYPE_INDEX, 0, RTC_FORMAT_UINT3, 12, city.triangles.size()),
              city.triangles.data(), city.triangles.size() * 12);
  rtcCommitGeometry(geom);
  rtcAttachGeometry(scene, geom);
  rtcReleaseGeometry(geom);
  rtcCommitScene(scene);
  const Rays& rays = CameraRays();
  std::size_t blocked = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < rays.from.size(); ++i) {
      const auto& f = rays.from[i];
      const auto& t = rays.to[i];
      const float dx = t.x - f.x, dy = t.y - f.y, dz = t.z - f.z;
      const float len = std::sqrt(dx * dx + dy * dy + dz * dz);
      RTCIntersectContext ctx;
      rtcInitIntersectContext(&ctx);
      RTCRay ray{};
      ray.org_x = f.x, ray.org_y = f.y, ray.org_z = f.z;
      ray.dir_x = dx / len, ray.dir_y = dy / len, ray.dir_z = dz / len;
      ray.tnear = 0.01f;
      ray.tfar = len - 0.01f;
      ray.mask = 0xFFFFFFFFu;
      rtcOccluded1(scene, &ctx, &ray);
      blocked += ray.tfar < 0;
    }
  }
  benchmark::DoNotOptimize(blocked);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rays.from.size()));
  rtcReleaseScene(scene);
  rtcReleaseDevice(device);
}

void BM_EngineSceneEmbree(benchmark::State& s) { RunScene(s, sim::SceneBackend::embree); }

// What the coverage engine calls: each camera's rays at once (Embree stream, coherent flag).
void BM_EngineSceneEmbreeFan(benchmark::State& state) {
  g_city = static_cast<int>(state.range(0));
  const auto scene = sim::BuildScene(City(), sim::SceneBackend::embree);
  const Rays& rays = CameraRays();
  std::vector<std::uint8_t> out(kRaysPerCamera);
  std::size_t blocked = 0;
  for (auto _ : state)
    for (std::size_t i = 0; i < rays.from.size(); i += kRaysPerCamera) {
      scene->OccludedFrom(rays.from[i], std::span(rays.to).subspan(i, kRaysPerCamera), out);
      for (auto b : out) blocked += b;
    }
  benchmark::DoNotOptimize(blocked);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rays.from.size()));
}
void BM_ReferenceSceneCgal(benchmark::State& s) { RunScene(s, sim::SceneBackend::cgal); }

BENCHMARK(BM_RawEmbreeOccluded1)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineSceneEmbree)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineSceneEmbreeFan)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReferenceSceneCgal)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
