// The nearest hits of many rays in one call (the grid set-up's rows of vertical rays): one
// Embree stream call per 256 rays instead of a call per ray; ray by ray on other backends.
// (A free function rather than a Scene method, so that adding it did not rebuild every user of
// sim/scene.h; it can move into Scene when that header changes next.)
#pragma once

#include <optional>
#include <span>

#include "sim/scene.h"

namespace sim {

struct HitQuery {
  Point3f origin;
  Point3f direction;  // unit
  float max_distance = 0;
};

// out[i] = scene.FirstHitOf(rays[i]..., surfaces): the same distance and triangle, bit for bit
// (a test checks this on Delft); all surfaces: scene.FirstHit.
void FirstHits(const Scene& scene, std::span<const HitQuery> rays, std::span<std::optional<Scene::Hit>> out,
               Scene::SurfaceSet surfaces = ~Scene::SurfaceSet{0}, const geo::CityModel* city = nullptr);

}  // namespace sim
