// The engine's scene: one Embree triangle geometry with a high-quality BVH (the city is
// static), queried with rtcOccluded1; nearest hits that do not depend on the triangles' order.
#include <embree3/rtcore.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/limits.h"
#include "sim/first_hits.h"
#include "sim/scene.h"

namespace sim {

std::unique_ptr<Scene> BuildCgalScene(const geo::CityModel& city);

namespace {

// Embree reports errors through this callback; we keep the first for the exception.
void OnEmbreeError(void* user, RTCError code, const char* message) {
  auto* first = static_cast<std::string*>(user);
  if (first->empty()) first->assign("Embree error " + std::to_string(code) + ": " + (message ? message : ""));
}

// A nearest-hit query from o along unit d up to max_distance, as FirstHit and FirstHits send it.
RTCRayHit NearestHitQuery(const Point3f& o, const Point3f& d, float max_distance) {
  RTCRayHit rh{};
  rh.ray.org_x = o.x;
  rh.ray.org_y = o.y;
  rh.ray.org_z = o.z;
  rh.ray.dir_x = d.x;
  rh.ray.dir_y = d.y;
  rh.ray.dir_z = d.z;
  rh.ray.tnear = 0;
  rh.ray.tfar = max_distance;
  rh.ray.mask = 0xFFFFFFFFu;
  rh.hit.geomID = RTC_INVALID_GEOMETRY_ID;
  rh.ray.id = 0;
  return rh;
}

// Nearest hits that do not depend on where the triangles sit in the BVH. Embree keeps the first
// of two triangles it meets at the same distance (a road laid on a land-use area, water on the
// ground plane, a floor on the roof below), and which comes first is the BVH's doing: another
// order of the same triangles, or a window of the city (an MPI rank's), answered otherwise. So
// every triangle along the ray is looked at (the filter takes none, and the ray goes on to its
// end), and of those at the nearest distance the one of lowest TieRank is the hit.
constexpr Scene::SurfaceSet kAllSurfaces = ~Scene::SurfaceSet{0};

struct NearestOfRay {
  float distance = INFINITY;
  std::uint32_t triangle = 0;
  bool found = false;
};

struct CanonicalContext {
  RTCIntersectContext embree;  // first: Embree hands the filter a pointer to it
  const std::uint8_t* tie_rank = nullptr;
  NearestOfRay* nearest = nullptr;  // by the ray's id
  std::uint32_t ranks_looked_for = 0;  // bit r: triangles of TieRank r count (RanksOf)
};

void KeepCanonicalNearest(const RTCFilterFunctionNArguments* args) {
  const auto* c = reinterpret_cast<const CanonicalContext*>(args->context);
  for (unsigned i = 0; i < args->N; ++i) {
    if (args->valid[i] != -1) continue;
    args->valid[i] = 0;  // seen, not taken: the traversal goes on
    const float t = RTCRayN_tfar(args->ray, args->N, i);
    const std::uint32_t triangle = RTCHitN_primID(args->hit, args->N, i);
    if (!(c->ranks_looked_for & (std::uint32_t{1} << c->tie_rank[triangle]))) continue;
    NearestOfRay& n = c->nearest[RTCRayN_id(args->ray, args->N, i)];
    const auto key = [&](std::uint32_t tri) { return std::pair{c->tie_rank[tri], tri}; };
    if (!n.found || t < n.distance || (t == n.distance && key(triangle) < key(n.triangle))) n = {t, triangle, true};
  }
}

// Of triangles met at the same distance, which is the hit: water first (a cell on water is no
// target), then roofs (seen from below: inside a building) before floors, then terrain,
// ground, walls, vegetation and the rest; an upward face before a downward one. Only the class
// and the facing are what callers read of a hit; between two of the same both, the lower index.
constexpr std::uint8_t kClassRank[geo::kSurfaceCount] = {
    /*ground*/ 4, /*terrain*/ 3, /*wall*/ 5, /*roof*/ 1, /*underside*/ 2, /*vegetation*/ 6, /*water*/ 0, /*other*/ 7};

std::uint8_t TieRank(const geo::CityModel& city, std::size_t t) {
  const geo::Tri& tri = city.triangles[t];
  const geo::Vec3f &a = city.vertices[tri.a], &b = city.vertices[tri.b], &c = city.vertices[tri.c];
  const float normal_z = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  return static_cast<std::uint8_t>(2 * kClassRank[static_cast<int>(city.triangle_surface[t])] + (normal_z > 0 ? 0 : 1));
}

// The TieRanks of the surface classes in `surfaces` (each class, upward and downward faces).
std::uint32_t RanksOf(Scene::SurfaceSet surfaces) {
  std::uint32_t ranks = 0;
  for (int s = 0; s < geo::kSurfaceCount; ++s)
    if (surfaces & Scene::Of(static_cast<geo::Surface>(s))) ranks |= std::uint32_t{3} << (2 * kClassRank[s]);
  return ranks;
}

std::optional<Scene::Hit> HitOf(const NearestOfRay& n) {
  if (!n.found) return std::nullopt;
  return Scene::Hit{n.distance, n.triangle};
}

class EmbreeScene final : public Scene {
 public:
  explicit EmbreeScene(const geo::CityModel& city) {
    // No "threads=N": Embree would cap TBB for the whole process with it.
    device_ = rtcNewDevice(nullptr);
    if (!device_) throw std::runtime_error("cannot create the Embree device");
    rtcSetDeviceErrorFunction(device_, OnEmbreeError, &error_);
    scene_ = rtcNewScene(device_);
    rtcSetSceneBuildQuality(scene_, RTC_BUILD_QUALITY_HIGH);
    // Robust: no cracks between adjacent triangles. The context filter: nearest hits by TieRank.
    rtcSetSceneFlags(scene_, RTC_SCENE_FLAG_ROBUST | RTC_SCENE_FLAG_CONTEXT_FILTER_FUNCTION);
    tie_rank_.resize(city.triangles.size());
    for (std::size_t t = 0; t < city.triangles.size(); ++t) tie_rank_[t] = TieRank(city, t);
    RTCGeometry geom = rtcNewGeometry(device_, RTC_GEOMETRY_TYPE_TRIANGLE);
    // Embree owns these buffers (it pads the vertex buffer as its SIMD loads require).
    auto* vertices = static_cast<float*>(rtcSetNewGeometryBuffer(
        geom, RTC_BUFFER_TYPE_VERTEX, 0, RTC_FORMAT_FLOAT3, 3 * sizeof(float), city.vertices.size()));
    auto* indices = static_cast<unsigned*>(rtcSetNewGeometryBuffer(
        geom, RTC_BUFFER_TYPE_INDEX, 0, RTC_FORMAT_UINT3, 3 * sizeof(unsigned), city.triangles.size()));
    if (vertices && indices) {
      std::memcpy(vertices, city.vertices.data(), city.vertices.size() * sizeof(geo::Vec3f));
      std::memcpy(indices, city.triangles.data(), city.triangles.size() * sizeof(geo::Tri));
    }
    rtcCommitGeometry(geom);
    rtcAttachGeometry(scene_, geom);
    rtcReleaseGeometry(geom);  // the scene holds the reference now
    rtcCommitScene(scene_);
    if (!error_.empty()) throw std::runtime_error(error_);
  }

  ~EmbreeScene() override {
    rtcReleaseScene(scene_);
    rtcReleaseDevice(device_);
  }

  bool Occluded(const Point3f& from, const Point3f& to) const override {
    const float dx = to.x - from.x, dy = to.y - from.y, dz = to.z - from.z;
    const float length = std::sqrt(dx * dx + dy * dy + dz * dz);
    if (length <= 2 * kSegmentEpsilon_m) return false;
    RTCIntersectContext context;
    rtcInitIntersectContext(&context);
    RTCRay ray{};
    ray.org_x = from.x;
    ray.org_y = from.y;
    ray.org_z = from.z;
    ray.dir_x = dx / length;
    ray.dir_y = dy / length;
    ray.dir_z = dz / length;
    ray.tnear = kSegmentEpsilon_m;
    ray.tfar = length - kSegmentEpsilon_m;
    ray.mask = 0xFFFFFFFFu;
    rtcOccluded1(scene_, &context, &ray);
    return ray.tfar < 0;  // Embree sets tfar = -inf on a hit
  }

  // Rays from one camera go through Embree's stream API in chunks. Measured (bench/README.md):
  // the incoherent mode beats both rtcOccluded1 and the coherent mode on the sample cities.
  void OccludedFrom(const Point3f& from, std::span<const Point3f> to,
                    std::span<std::uint8_t> out) const override {
    constexpr std::size_t kChunk = 256;
    RTCRay rays[kChunk];
    for (std::size_t base = 0; base < to.size(); base += kChunk) {
      const std::size_t n = std::min(kChunk, to.size() - base);
      for (std::size_t i = 0; i < n; ++i) {
        const Point3f& t = to[base + i];
        const float dx = t.x - from.x, dy = t.y - from.y, dz = t.z - from.z;
        const float length = std::sqrt(dx * dx + dy * dy + dz * dz);
        RTCRay& ray = rays[i];
        ray = RTCRay{};
        ray.org_x = from.x;
        ray.org_y = from.y;
        ray.org_z = from.z;
        const float inv = length > 0 ? 1 / length : 0;
        ray.dir_x = dx * inv;
        ray.dir_y = dy * inv;
        ray.dir_z = dz * inv;
        ray.tnear = kSegmentEpsilon_m;
        // Too short to test (<= 2 cm): tfar below tnear, so Embree skips it as unoccluded.
        ray.tfar = length > 2 * kSegmentEpsilon_m ? length - kSegmentEpsilon_m : 0.0f;
        ray.mask = 0xFFFFFFFFu;
      }
      RTCIntersectContext context;
      rtcInitIntersectContext(&context);
      context.flags = RTC_INTERSECT_CONTEXT_FLAG_INCOHERENT;
      rtcOccluded1M(scene_, &context, rays, static_cast<unsigned>(n), sizeof(RTCRay));
      for (std::size_t i = 0; i < n; ++i) out[base + i] = rays[i].tfar < 0;
    }
  }

  std::optional<Hit> FirstHitOf(const Point3f& o, const Point3f& d, float max_distance, SurfaceSet surfaces,
                                const geo::CityModel&) const override {
    return Nearest(o, d, max_distance, surfaces);
  }

  std::optional<Hit> FirstHit(const Point3f& o, const Point3f& d, float max_distance) const override {
    return Nearest(o, d, max_distance, kAllSurfaces);
  }

  // Rows of rays go through the stream API in incoherent mode, which answers exactly as
  // rtcIntersect1 does (the coherent mode traces packets whose kernel decides rays through a
  // triangle's edge differently: other cells on Delft and the test scenes) and saves the call
  // per ray.
  void FirstHits(std::span<const HitQuery> rays, std::span<std::optional<Hit>> out, SurfaceSet surfaces) const {
    constexpr std::size_t kChunk = 256;
    RTCRayHit batch[kChunk];
    NearestOfRay nearest[kChunk];
    for (std::size_t base = 0; base < rays.size(); base += kChunk) {
      const std::size_t n = std::min(kChunk, rays.size() - base);
      for (std::size_t i = 0; i < n; ++i) {
        const HitQuery& q = rays[base + i];
        batch[i] = NearestHitQuery(q.origin, q.direction, q.max_distance);
        batch[i].ray.id = static_cast<unsigned>(i);
        nearest[i] = {};
      }
      CanonicalContext context = Canonical(nearest, surfaces);
      context.embree.flags = RTC_INTERSECT_CONTEXT_FLAG_INCOHERENT;
      rtcIntersect1M(scene_, &context.embree, batch, static_cast<unsigned>(n), sizeof(RTCRayHit));
      for (std::size_t i = 0; i < n; ++i) out[base + i] = HitOf(nearest[i]);
    }
  }

  const char* name() const override { return "embree"; }

 private:
  std::optional<Hit> Nearest(const Point3f& o, const Point3f& d, float max_distance, SurfaceSet surfaces) const {
    NearestOfRay nearest;
    CanonicalContext context = Canonical(&nearest, surfaces);
    RTCRayHit rh = NearestHitQuery(o, d, max_distance);
    rtcIntersect1(scene_, &context.embree, &rh);
    return HitOf(nearest);
  }

  CanonicalContext Canonical(NearestOfRay* nearest, SurfaceSet surfaces) const {
    CanonicalContext c;
    rtcInitIntersectContext(&c.embree);
    c.embree.filter = KeepCanonicalNearest;
    c.tie_rank = tie_rank_.data();
    c.nearest = nearest;
    c.ranks_looked_for = RanksOf(surfaces);
    return c;
  }

  RTCDevice device_ = nullptr;
  RTCScene scene_ = nullptr;
  std::string error_;
  std::vector<std::uint8_t> tie_rank_;  // TieRank of each triangle (its class and facing)
};

// The last guard before Embree, which aborts (instead of failing) on vertices that overflow
// its float bounds: the readers should have refused them, so name the feature they came from.
void CheckMeshRange(const geo::CityModel& city) {
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    const geo::Tri& tri = city.triangles[t];
    for (std::uint32_t v : {tri.a, tri.b, tri.c}) {
      const bool sane = v < city.vertices.size() && core::SaneXY(city.vertices[v].x) &&
                        core::SaneXY(city.vertices[v].y) && core::SaneZ(city.vertices[v].z);
      if (sane) continue;
      const std::uint32_t fid = t < city.triangle_feature.size() ? city.triangle_feature[t] : 0;
      const geo::Feature* f = fid < city.features.size() ? &city.features[fid] : nullptr;
      throw core::InputError(f ? f->source : "", f ? "feature " + f->source_id : "city mesh",
                             "a vertex lies outside the supported range (|x|, |y| < 1e7 m, |z| < 1e4 m "
                             "in the frame) or does not exist");
    }
  }
}

}  // namespace

// Other backends (CGAL, the reference): step past the triangles of other classes.
std::optional<Scene::Hit> Scene::FirstHitOf(const Point3f& origin, const Point3f& direction, float max_distance,
                                            SurfaceSet surfaces, const geo::CityModel& city) const {
  Point3f from = origin;
  float travelled = 0;
  for (int step = 0; step < 64 && travelled < max_distance; ++step) {
    const auto hit = FirstHit(from, direction, max_distance - travelled);
    if (!hit) return std::nullopt;
    if (surfaces & Of(city.triangle_surface[hit->triangle])) return Hit{travelled + hit->distance, hit->triangle};
    const float skip = hit->distance + 0.001f;
    from = {from.x + direction.x * skip, from.y + direction.y * skip, from.z + direction.z * skip};
    travelled += skip;
  }
  return std::nullopt;
}

void FirstHits(const Scene& scene, std::span<const HitQuery> rays, std::span<std::optional<Scene::Hit>> out,
               Scene::SurfaceSet surfaces, const geo::CityModel* city) {
  if (const auto* embree = dynamic_cast<const EmbreeScene*>(&scene)) return embree->FirstHits(rays, out, surfaces);
  const bool all = surfaces == kAllSurfaces;
  if (!all && !city) throw std::logic_error("FirstHits: a surface set needs the city");
  for (std::size_t i = 0; i < rays.size(); ++i)
    out[i] = all ? scene.FirstHit(rays[i].origin, rays[i].direction, rays[i].max_distance)
                 : scene.FirstHitOf(rays[i].origin, rays[i].direction, rays[i].max_distance, surfaces, *city);
}

std::unique_ptr<Scene> BuildScene(const geo::CityModel& city, SceneBackend backend) {
  CheckMeshRange(city);
  if (backend == SceneBackend::cgal) return BuildCgalScene(city);
  return std::make_unique<EmbreeScene>(city);
}

}  // namespace sim
