#include "geo/triangulate.h"

#include <CGAL/Constrained_Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Triangulation_face_base_with_info_2.h>
#include <CGAL/Triangulation_vertex_base_with_info_2.h>

#include <limits>
#include <list>
#include <set>

namespace geo {
namespace {

using K = CGAL::Exact_predicates_inexact_constructions_kernel;

struct FaceInfo {
  int nesting_level = -1;
  bool in_domain() const { return nesting_level % 2 == 1; }
};

using Vb = CGAL::Triangulation_vertex_base_with_info_2<std::uint32_t, K>;
using Fbi = CGAL::Triangulation_face_base_with_info_2<FaceInfo, K>;
using Fb = CGAL::Constrained_triangulation_face_base_2<K, Fbi>;
using Tds = CGAL::Triangulation_data_structure_2<Vb, Fb>;
// Exact_intersections_tag: crossing constraints (self-intersecting input) get a new vertex
// instead of an exception.
using CDT = CGAL::Constrained_Delaunay_triangulation_2<K, Tds, CGAL::Exact_intersections_tag>;

// Flood fill from the infinite face; crossing a constrained edge increases the nesting level.
// Faces at odd levels are inside the polygon (between an outer ring and its holes).
void MarkDomains(CDT& cdt) {
  for (auto f = cdt.all_faces_begin(); f != cdt.all_faces_end(); ++f) f->info().nesting_level = -1;
  std::list<CDT::Edge> border;
  auto flood = [&](CDT::Face_handle start, int level) {
    std::list<CDT::Face_handle> queue{start};
    while (!queue.empty()) {
      CDT::Face_handle fh = queue.front();
      queue.pop_front();
      if (fh->info().nesting_level != -1) continue;
      fh->info().nesting_level = level;
      for (int i = 0; i < 3; ++i) {
        CDT::Edge e(fh, i);
        CDT::Face_handle n = fh->neighbor(i);
        if (n->info().nesting_level == -1) {
          if (cdt.is_constrained(e))
            border.push_back(e);
          else
            queue.push_back(n);
        }
      }
    }
  };
  flood(cdt.infinite_face(), 0);
  while (!border.empty()) {
    CDT::Edge e = border.front();
    border.pop_front();
    CDT::Face_handle n = e.first->neighbor(e.second);
    if (n->info().nesting_level == -1) flood(n, e.first->info().nesting_level + 1);
  }
}

}  // namespace

double SignedArea(const Ring& ring) {
  double a = 0;
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
    const Vec2d& p = ring[i];
    const Vec2d& q = ring[(i + 1) % n];
    a += p.x * q.y - q.x * p.y;
  }
  return a / 2;
}

bool PointInRing(const Ring& ring, double x, double y) {
  bool inside = false;
  for (std::size_t i = 0, n = ring.size(), j = n - 1; i < n; j = i++) {
    const Vec2d& a = ring[i];
    const Vec2d& b = ring[j];
    if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

bool PointInPolygons(const std::vector<Polygon>& polygons, double x, double y) {
  for (const Polygon& p : polygons)
    if (!p.empty() && PointInRing(p[0], x, y)) {
      bool in_hole = false;
      for (std::size_t h = 1; h < p.size(); ++h) in_hole |= PointInRing(p[h], x, y);
      if (!in_hole) return true;
    }
  return false;
}

PolygonTriangulation TriangulatePolygon(const std::vector<Ring>& rings) {
  PolygonTriangulation out;
  CDT cdt;
  // All points first, then all constraints: a vertex that is new when its point is inserted is
  // an input point; any vertex that appears later was added at a constraint crossing.
  std::set<CDT::Vertex_handle> input_vertices;
  std::vector<std::vector<CDT::Vertex_handle>> ring_handles;
  for (const Ring& ring : rings) {
    if (ring.size() < 3) continue;
    auto& handles = ring_handles.emplace_back();
    for (const Vec2d& p : ring) {
      const std::size_t before = cdt.number_of_vertices();
      CDT::Vertex_handle v = cdt.insert(K::Point_2(p.x, p.y));
      if (cdt.number_of_vertices() > before) {  // duplicates keep the first point's index
        v->info() = static_cast<std::uint32_t>(out.points.size());
        input_vertices.insert(v);
      }
      handles.push_back(v);
      out.points.push_back(p);
    }
  }
  for (const auto& handles : ring_handles)
    for (std::size_t i = 0; i < handles.size(); ++i) {
      CDT::Vertex_handle a = handles[i], b = handles[(i + 1) % handles.size()];
      if (a != b) cdt.insert_constraint(a, b);
    }
  if (cdt.number_of_faces() == 0) return out;
  for (auto v = cdt.finite_vertices_begin(); v != cdt.finite_vertices_end(); ++v) {
    if (input_vertices.count(v)) continue;
    v->info() = static_cast<std::uint32_t>(out.points.size());
    out.points.push_back({v->point().x(), v->point().y()});
  }
  MarkDomains(cdt);
  for (auto f = cdt.finite_faces_begin(); f != cdt.finite_faces_end(); ++f) {
    if (!f->info().in_domain()) continue;
    // CGAL faces are counter-clockwise.
    out.triangles.push_back({f->vertex(0)->info(), f->vertex(1)->info(), f->vertex(2)->info()});
  }
  return out;
}

}  // namespace geo
