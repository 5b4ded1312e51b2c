// The reference scene: CGAL's AABB tree over the same triangles, in double precision. Slow,
// simple and independent of Embree, so tests can check the engine against it.
#include <CGAL/AABB_traits.h>
#include <CGAL/AABB_tree.h>
#include <CGAL/AABB_triangle_primitive.h>
#include <CGAL/Simple_cartesian.h>

#include <cmath>
#include <vector>

#include "sim/scene.h"

namespace sim {
namespace {

using K = CGAL::Simple_cartesian<double>;
using Triangles = std::vector<K::Triangle_3>;
using Primitive = CGAL::AABB_triangle_primitive<K, Triangles::const_iterator>;
using Tree = CGAL::AABB_tree<CGAL::AABB_traits<K, Primitive>>;

class CgalScene final : public Scene {
 public:
  explicit CgalScene(const geo::CityModel& city) {
    triangles_.reserve(city.triangles.size());
    auto point = [&](std::uint32_t i) {
      const geo::Vec3f& v = city.vertices[i];
      return K::Point_3(v.x, v.y, v.z);
    };
    for (std::size_t i = 0; i < city.triangles.size(); ++i) {
      const geo::Tri& t = city.triangles[i];
      K::Triangle_3 tri(point(t.a), point(t.b), point(t.c));
      if (tri.is_degenerate()) continue;  // the AABB tree cannot intersect those
      triangles_.push_back(tri);
      city_index_.push_back(static_cast<std::uint32_t>(i));
    }
    tree_.insert(triangles_.begin(), triangles_.end());
    tree_.build();  // explicitly, so concurrent queries never trigger the lazy build
  }

  bool Occluded(const Point3f& from, const Point3f& to) const override {
    const double dx = to.x - from.x, dy = to.y - from.y, dz = to.z - from.z;
    const double length = std::sqrt(dx * dx + dy * dy + dz * dz);
    if (length <= 2 * kSegmentEpsilon_m) return false;
    const double t0 = kSegmentEpsilon_m / length, t1 = 1 - t0;
    const K::Segment_3 segment(K::Point_3(from.x + t0 * dx, from.y + t0 * dy, from.z + t0 * dz),
                               K::Point_3(from.x + t1 * dx, from.y + t1 * dy, from.z + t1 * dz));
    return tree_.do_intersect(segment);
  }

  std::optional<Hit> FirstHit(const Point3f& o, const Point3f& d, float max_distance) const override {
    const K::Point_3 a(o.x, o.y, o.z);
    const K::Segment_3 segment(a, K::Point_3(o.x + d.x * max_distance, o.y + d.y * max_distance,
                                             o.z + d.z * max_distance));
    // Nearest of all intersections (first_intersection needs a ray; a segment bounds the search).
    std::vector<Tree::Intersection_and_primitive_id<K::Segment_3>::Type> hits;
    tree_.all_intersections(segment, std::back_inserter(hits));
    std::optional<Hit> best;
    for (const auto& [object, id] : hits) {
      double t;
      if (const K::Point_3* p = boost::get<K::Point_3>(&object))
        t = std::sqrt(CGAL::squared_distance(a, *p));
      else if (const K::Segment_3* s = boost::get<K::Segment_3>(&object))
        t = std::sqrt(std::min(CGAL::squared_distance(a, s->source()), CGAL::squared_distance(a, s->target())));
      else
        continue;
      const auto index = city_index_[static_cast<std::size_t>(id - triangles_.begin())];
      if (!best || t < best->distance || (t == best->distance && index < best->triangle))
        best = Hit{static_cast<float>(t), index};
    }
    return best;
  }

  const char* name() const override { return "cgal"; }

 private:
  Triangles triangles_;
  std::vector<std::uint32_t> city_index_;  // triangles_[i] is city triangle city_index_[i]
  Tree tree_;
};

}  // namespace

std::unique_ptr<Scene> BuildCgalScene(const geo::CityModel& city) {
  return std::make_unique<CgalScene>(city);
}

}  // namespace sim
