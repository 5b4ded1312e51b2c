// The city as a ray-casting scene: built once, then queried from many threads at once.
// Two implementations behind one interface: Embree (the engine) and CGAL's AABB tree (the
// reference that tests cross-check the engine against).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "geo/city_model.h"

namespace sim {

struct Point3f {
  float x = 0, y = 0, z = 0;
};

class Scene {
 public:
  virtual ~Scene() = default;

  // True when any city triangle blocks the open segment from `from` to `to`. The segment is
  // shortened by kSegmentEpsilon_m at both ends so a camera on a wall or a target on the
  // ground does not hit the surface it sits on. Thread safe.
  virtual bool Occluded(const Point3f& from, const Point3f& to) const = 0;

  // The nearest triangle hit along a ray (unit direction), within max_distance; for telling
  // whether a ground point lies inside a building (it then sees a roof from below).
  struct Hit {
    float distance = 0;
    std::uint32_t triangle = 0;  // index into CityModel::triangles
  };
  virtual std::optional<Hit> FirstHit(const Point3f& origin, const Point3f& direction,
                                      float max_distance) const = 0;

  // Surface classes as bits, 1 << geo::Surface, for FirstHitOf.
  using SurfaceSet = std::uint32_t;
  static constexpr SurfaceSet Of(geo::Surface s) { return SurfaceSet{1} << static_cast<int>(s); }
  // The nearest hit on a triangle of `surfaces`, the others as if absent. "Is there water just
  // below?" asked of the water alone is not lost to a terrain triangle a float's last bit
  // nearer: a ray through a DEM node meets six terrain triangles, each at its own rounding of
  // the same distance, and which of them Embree reports depends on how its BVH was built.
  virtual std::optional<Hit> FirstHitOf(const Point3f& origin, const Point3f& direction, float max_distance,
                                        SurfaceSet surfaces, const geo::CityModel& city) const;

  // Occlusion of many segments from one point (a camera) to `to[i]`: out[i] = 1 when blocked.
  // Same answers as Occluded, faster on backends that trace coherent rays together.
  virtual void OccludedFrom(const Point3f& from, std::span<const Point3f> to,
                            std::span<std::uint8_t> out) const {
    for (std::size_t i = 0; i < to.size(); ++i) out[i] = Occluded(from, to[i]);
  }

  virtual const char* name() const = 0;

  static constexpr float kSegmentEpsilon_m = 0.01f;
};

enum class SceneBackend { embree, cgal };

// Throws std::runtime_error if the backend cannot be set up (e.g. Embree device failure).
std::unique_ptr<Scene> BuildScene(const geo::CityModel& city,
                                  SceneBackend backend = SceneBackend::embree);

}  // namespace sim
