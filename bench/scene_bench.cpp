// Occlusion queries on the Monaco sample city: the engine's Scene (Embree) against raw Embree
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

const geo::CityModel& City() {
  static const geo::CityModel city = [] {
    geo::CityLoadOptions options;
    geo::CitySource source;
    source.path = std::string(SIGHTLINE_DATA_DIR) + "/monaco-latest.osm.pbf";
    options.sources = {source};
    options.crs = "EPSG:32632";
    core::Diagnostics diag;
    return geo::LoadCity(options, diag);
  }();
  return city;
}

// Camera-like rays: from 4..10 m mounts to 1.7 m targets within 150 m.
const Rays& CameraRays() {
  static const Rays rays = [] {
    Rays r;
    std::mt19937 rng(7);
    const geo::Box2d& a = City().area;
    std::uniform_real_distribution<float> x(a.min_x + 200, a.max_x - 200), y(a.min_y + 200, a.max_y - 200);
    std::uniform_real_distribution<float> h(4, 10), off(-150, 150);
    for (int i = 0; i < 200000; ++i) {
      const sim::Point3f f{x(rng), y(rng), h(rng)};
      r.from.push_back(f);
      r.to.push_back({f.x + off(rng), f.y + off(rng), 1.7f});
    }
    return r;
  }();
  return rays;
}

void RunScene(benchmark::State& state, sim::SceneBackend backend) {
  const auto scene = sim::BuildScene(City(), backend);
  const Rays& rays = CameraRays();
  const std::size_t n = backend == sim::SceneBackend::cgal ? 20000 : rays.from.size();
  std::size_t blocked = 0;
  for (auto _ : state)
    for (std::size_t i = 0; i < n; ++i) blocked += scene->Occluded(rays.from[i], rays.to[i]);
  benchmark::DoNotOptimize(blocked);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.counters["triangles"] = static_cast<double>(City().triangles.size());
}

// The same queries straight through the Embree API, no wrapper: the ceiling for the engine.
void BM_RawEmbreeOccluded1(benchmark::State& state) {
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
void BM_ReferenceSceneCgal(benchmark::State& s) { RunScene(s, sim::SceneBackend::cgal); }

BENCHMARK(BM_RawEmbreeOccluded1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineSceneEmbree)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReferenceSceneCgal)->Unit(benchmark::kMillisecond);

}  // namespace
