#include "geo/derived_ground.h"

#include <CGAL/Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Projection_traits_xy_3.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <utility>
#include <vector>
#include <fmt/format.h>

#include "geo/footprint.h"

namespace geo {
namespace {

using K = CGAL::Exact_predicates_inexact_constructions_kernel;
using Tin = CGAL::Delaunay_triangulation_2<CGAL::Projection_traits_xy_3<K>>;

// Sliding-window minimum (or maximum) along one line of `n` values `stride` apart, over a
// window of 2 * radius + 1 values (monotonic deque: O(n)). NaN values are skipped.
void SlidingExtreme(std::vector<float>& z, std::size_t first, std::size_t stride, int n, int radius,
                    bool minimum) {
  std::vector<float> line(n), out(n);
  for (int i = 0; i < n; ++i) line[i] = z[first + i * stride];
  auto better = [&](float a, float b) { return minimum ? a <= b : a >= b; };
  std::deque<int> window;  // indices, values monotonic from the front
  int next = 0;
  for (int i = 0; i < n; ++i) {
    for (; next < n && next <= i + radius; ++next) {
      if (std::isnan(line[next])) continue;
      while (!window.empty() && better(line[next], line[window.back()])) window.pop_back();
      window.push_back(next);
    }
    while (!window.empty() && window.front() < i - radius) window.pop_front();
    out[i] = std::isnan(line[i]) || window.empty() ? line[i] : line[window.front()];
  }
  for (int i = 0; i < n; ++i) z[first + i * stride] = out[i];
}

// Square-window erosion (minimum) or dilation (maximum), separable in rows and columns.
void Morph(Heightfield& h, int radius, bool minimum) {
  for (int j = 0; j < h.ny; ++j)
    SlidingExtreme(h.z, static_cast<std::size_t>(j) * h.nx, 1, h.nx, radius, minimum);
  for (int i = 0; i < h.nx; ++i)
    SlidingExtreme(h.z, static_cast<std::size_t>(i), static_cast<std::size_t>(h.nx), h.ny, radius,
                   minimum);
}

// The 2D triangles of the model's terrain objects in buckets, to ask "is this point on a
// terrain object?".
class TerrainCover {
 public:
  TerrainCover(const CityModel& city, const std::vector<std::uint32_t>& triangles, const Box2d& box)
      : city_(city), box_(box) {
    // A box of NaN or infinite size (degenerate input) gets one bucket, not an undefined cast.
    const double w = std::isfinite(box.width()) ? box.width() : 0, h = std::isfinite(box.height()) ? box.height() : 0;
    cell_ = std::max(5.0, std::sqrt(std::max(1.0, w * h) / 250000.0));
    nx_ = std::max(1, static_cast<int>(std::min(1e5, std::ceil(w / cell_))) + 1);
    ny_ = std::max(1, static_cast<int>(std::min(1e5, std::ceil(h / cell_))) + 1);
    buckets_.resize(static_cast<std::size_t>(nx_) * ny_);
    for (std::uint32_t t : triangles) {
      Box2d b;
      for (std::uint32_t v : Corners(t)) b.Extend(city.vertices[v].x, city.vertices[v].y);
      for (int j = Cell(b.min_y - box_.min_y, ny_); j <= Cell(b.max_y - box_.min_y, ny_); ++j)
        for (int i = Cell(b.min_x - box_.min_x, nx_); i <= Cell(b.max_x - box_.min_x, nx_); ++i)
          buckets_[static_cast<std::size_t>(j) * nx_ + i].push_back(t);
    }
  }

  // Strictly inside some terrain triangle (by more than 1 cm): points on a terrain object's
  // border (a building's footprint edge in a LandUse hole) are not covered.
  bool Covers(double x, double y) const {
    const int i = Cell(x - box_.min_x, nx_), j = Cell(y - box_.min_y, ny_);
    for (std::uint32_t t : buckets_[static_cast<std::size_t>(j) * nx_ + i]) {
      const auto c = Corners(t);
      const Vec3f& a = city_.vertices[c[0]];
      const Vec3f& b = city_.vertices[c[1]];
      const Vec3f& d = city_.vertices[c[2]];
      const double area = (b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x);
      if (std::abs(area) < 1e-9) continue;
      const double s = area > 0 ? 1 : -1;
      auto edge = [&](const Vec3f& p, const Vec3f& q) {
        const double len = std::hypot(q.x - p.x, q.y - p.y);
        return s * ((q.x - p.x) * (y - p.y) - (q.y - p.y) * (x - p.x)) / std::max(len, 1e-9);
      };
      if (edge(a, b) > 0.01 && edge(b, d) > 0.01 && edge(d, a) > 0.01) return true;
    }
    return false;
  }

 private:
  std::array<std::uint32_t, 3> Corners(std::uint32_t t) const {
    const Tri& tri = city_.triangles[t];
    return {tri.a, tri.b, tri.c};
  }
  int Cell(double offset, int n) const {
    const double c = std::floor(offset / cell_);
    if (!(c >= 0)) return 0;  // NaN too: casting it to int is undefined
    return c >= n - 1 ? n - 1 : static_cast<int>(c);
  }
  const CityModel& city_;
  Box2d box_;
  double cell_ = 10;
  int nx_ = 1, ny_ = 1;
  std::vector<std::vector<std::uint32_t>> buckets_;
};

// Objects that carry the ground: terrain relief, land use, roads, water; not bridges, tunnels
// or buildings, whose traffic areas and floors are above or below it.
bool IsTerrainObject(const Feature& f, Surface s) {
  if (s != Surface::terrain && s != Surface::ground && s != Surface::water) return false;
  if (f.placed_on_ground) return false;  // laid at z = 0 before the ground was known
  return !IsBuildingKind(f.kind) && f.kind.rfind("bridge", 0) != 0 && f.kind.rfind("tunnel", 0) != 0;
}

// Vertices of each feature, by feature index.
std::vector<std::vector<std::uint32_t>> VerticesPerFeature(const CityModel& city) {
  std::vector<std::vector<std::uint32_t>> out(city.features.size());
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    const Tri& tri = city.triangles[t];
    auto& v = out[city.triangle_feature[t]];
    v.insert(v.end(), {tri.a, tri.b, tri.c});
  }
  for (auto& v : out) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  return out;
}

// A building's base: the vertices of its downward faces within 1 m of its lowest point (the
// GroundSurface), else every vertex within 0.3 m of its lowest point (the lowest ring).
std::vector<std::vector<std::uint32_t>> BuildingBases(const CityModel& city) {
  const auto per_feature = VerticesPerFeature(city);
  std::vector<float> min_z(city.features.size(), INFINITY);
  for (std::size_t f = 0; f < per_feature.size(); ++f)
    for (std::uint32_t v : per_feature[f]) min_z[f] = std::min(min_z[f], city.vertices[v].z);
  std::vector<std::vector<std::uint32_t>> bases(city.features.size());
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    const std::uint32_t f = city.triangle_feature[t];
    if (!IsBuildingKind(city.features[f].kind) || city.triangle_surface[t] != Surface::underside)
      continue;
    const Tri& tri = city.triangles[t];
    const Vec3f &a = city.vertices[tri.a], &b = city.vertices[tri.b], &c = city.vertices[tri.c];
    const double nx = (b.y - a.y) * (c.z - a.z) - (b.z - a.z) * (c.y - a.y);
    const double ny = (b.z - a.z) * (c.x - a.x) - (b.x - a.x) * (c.z - a.z);
    const double nz = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (nz > -0.9 * std::sqrt(nx * nx + ny * ny + nz * nz)) continue;  // not facing down
    if (std::max({a.z, b.z, c.z}) > min_z[f] + 1.0f) continue;           // an overhang's bottom
    bases[f].insert(bases[f].end(), {tri.a, tri.b, tri.c});
  }
  for (std::size_t f = 0; f < bases.size(); ++f) {
    if (!IsBuildingKind(city.features[f].kind)) continue;
    auto& b = bases[f];
    if (b.empty())
      for (std::uint32_t v : per_feature[f])
        if (city.vertices[v].z <= min_z[f] + 0.3f) b.push_back(v);
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
  }
  return bases;
}

double Interpolate(const Tin::Face_handle& face, double x, double y) {
  const auto& p = face->vertex(0)->point();
  const auto& q = face->vertex(1)->point();
  const auto& r = face->vertex(2)->point();
  const double det = (q.x() - p.x()) * (r.y() - p.y()) - (r.x() - p.x()) * (q.y() - p.y());
  if (std::abs(det) < 1e-12) return p.z();
  const double u = ((x - p.x()) * (r.y() - p.y()) - (r.x() - p.x()) * (y - p.y())) / det;
  const double v = ((q.x() - p.x()) * (y - p.y()) - (x - p.x()) * (q.y() - p.y())) / det;
  return p.z() + u * (q.z() - p.z()) + v * (r.z() - p.z());
}

// CGAL's Delaunay_triangulation_2::nearest_vertex, with its recursive walk over the faces whose
// circumcircle holds p made iterative, in the same order (so the same vertex on ties), and
// bounded: past the hull of a thin TIN that region is most of the faces, and the recursion
// overflowed the stack (fuzz_citygml: coordinates shifted by a broken posList made a TIN
// 5,000 km long and 100 m wide), or, iterative, took a minute over the heightfield's nodes.
// Past the hull of a sane TIN the region is a few faces; past kMaxFaces the nearest vertex
// found so far is taken.
Tin::Vertex_handle NearestVertex(const Tin& tin, const K::Point_3& p, Tin::Face_handle located) {
  constexpr int kMaxFaces = 64;
  if (tin.dimension() < 2) return tin.nearest_vertex(p);  // a linear scan in CGAL
  const auto compare_distance = tin.geom_traits().compare_distance_2_object();
  const auto closer = [&](const Tin::Vertex_handle& v, const Tin::Vertex_handle& than) {
    return compare_distance(p, v->point(), than->point()) == CGAL::SMALLER;
  };
  const Tin::Face_handle f = located;
  Tin::Vertex_handle nearest = !tin.is_infinite(f->vertex(0)) ? f->vertex(0) : f->vertex(1);
  for (int k = 1; k < 3; ++k)
    if (!tin.is_infinite(f->vertex(k)) && closer(f->vertex(k), nearest)) nearest = f->vertex(k);
  std::vector<std::pair<Tin::Face_handle, int>> stack = {{f, 2}, {f, 1}, {f, 0}};
  for (int faces = 0; !stack.empty() && faces < kMaxFaces; ++faces) {
    const auto [face, i] = stack.back();
    stack.pop_back();
    const Tin::Face_handle next = face->neighbor(i);
    if (tin.side_of_oriented_circle(next, p, true) != CGAL::ON_POSITIVE_SIDE) continue;
    const int j = next->index(face);
    if (!tin.is_infinite(next->vertex(j)) && closer(next->vertex(j), nearest)) nearest = next->vertex(j);
    stack.emplace_back(next, Tin::cw(j));  // visited after the ccw side, as the recursion does
    stack.emplace_back(next, Tin::ccw(j));
  }
  return nearest;
}

// The TIN's height at (x, y): inside it interpolated, outside (or in a TIN of collinear points,
// which has no faces: locate gives a null face then, found by fuzz_cityjson) the nearest point's.
double HeightAt(const Tin& tin, double x, double y, Tin::Face_handle& hint) {
  if (tin.number_of_vertices() == 0) return 0.0;
  const K::Point_3 p(x, y, 0);
  if (tin.dimension() == 2) {
    hint = tin.locate(p, hint);
    if (hint != Tin::Face_handle() && !tin.is_infinite(hint)) return Interpolate(hint, x, y);
    if (hint != Tin::Face_handle()) return NearestVertex(tin, p, hint)->point().z();
  }
  return tin.nearest_vertex(p)->point().z();
}

// Footprints and 2D water read before the ground was derived sit on z = 0: move extruded
// bodies onto the lowest ground under their base, and flat areas onto the ground itself.
void ReseatPlacedFeatures(CityModel& city) {
  const auto per_feature = VerticesPerFeature(city);
  for (std::size_t f = 0; f < city.features.size(); ++f) {
    Feature& feature = city.features[f];
    if (!feature.placed_on_ground || per_feature[f].empty()) continue;
    if (!IsBuildingKind(feature.kind)) {
      for (std::uint32_t v : per_feature[f])
        city.vertices[v].z = static_cast<float>(city.GroundZ(city.vertices[v].x, city.vertices[v].y));
      continue;
    }
    double lowest = INFINITY;
    for (std::uint32_t v : per_feature[f])
      if (std::abs(city.vertices[v].z - feature.base_z) < 1e-3)
        lowest = std::min(lowest, city.GroundZ(city.vertices[v].x, city.vertices[v].y));
    if (!std::isfinite(lowest)) continue;
    const double shift = lowest - feature.base_z;
    for (std::uint32_t v : per_feature[f]) city.vertices[v].z += static_cast<float>(shift);
    feature.base_z = lowest;
  }
  for (PathFeature& path : city.paths)
    for (Vec3f& p : path.points) p.z = static_cast<float>(city.GroundZ(p.x, p.y));
  for (PointFeature& pole : city.poles)
    pole.position.z = static_cast<float>(city.GroundZ(pole.position.x, pole.position.y));
}

}  // namespace

bool IsBuildingKind(const std::string& kind) { return kind.rfind("building", 0) == 0; }

Heightfield GroundFromSurface(const Heightfield& dsm, double window_m) {
  const int radius = std::max(1, static_cast<int>(std::lround(window_m / 2 / dsm.spacing)));
  // Padded by the radius with the edge values: the opening of a plane is then the plane up to
  // the border (without padding the uphill border strip would come out flat).
  Heightfield padded;
  padded.nx = dsm.nx + 2 * radius;
  padded.ny = dsm.ny + 2 * radius;
  padded.z.resize(static_cast<std::size_t>(padded.nx) * padded.ny);
  for (int j = 0; j < padded.ny; ++j)
    for (int i = 0; i < padded.nx; ++i)
      padded.z[static_cast<std::size_t>(j) * padded.nx + i] =
          dsm.At(std::clamp(i - radius, 0, dsm.nx - 1), std::clamp(j - radius, 0, dsm.ny - 1));
  Morph(padded, radius, true);
  Morph(padded, radius, false);
  Heightfield dtm = dsm;
  for (int j = 0; j < dsm.ny; ++j)
    for (int i = 0; i < dsm.nx; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * dsm.nx + i;
      // Opening never rises above the surface; keep it so where float rounding might.
      dtm.z[k] = std::min(padded.At(i + radius, j + radius), dsm.z[k]);
    }
  return dtm;
}

bool DeriveGroundFromModel(CityModel& city, const GroundOptions& options) {
  if (city.area.empty()) return false;
  std::vector<std::uint32_t> terrain_triangles;
  std::vector<std::uint32_t> terrain_vertices;
  for (std::size_t t = 0; t < city.triangles.size(); ++t)
    if (IsTerrainObject(city.features[city.triangle_feature[t]], city.triangle_surface[t])) {
      terrain_triangles.push_back(static_cast<std::uint32_t>(t));
      const Tri& tri = city.triangles[t];
      terrain_vertices.insert(terrain_vertices.end(), {tri.a, tri.b, tri.c});
    }
  std::sort(terrain_vertices.begin(), terrain_vertices.end());
  terrain_vertices.erase(std::unique(terrain_vertices.begin(), terrain_vertices.end()),
                         terrain_vertices.end());

  Box2d box = city.area;
  for (std::uint32_t v : terrain_vertices) box.Extend(city.vertices[v].x, city.vertices[v].y);
  const TerrainCover cover(city, terrain_triangles, box);
  std::vector<K::Point_3> points;
  bool any_height = false;
  auto add = [&](const Vec3f& p) {
    points.emplace_back(p.x, p.y, p.z);
    any_height |= std::abs(p.z) > 0.01f;
  };
  // Terrain objects first; a building's base only where no terrain object lies under or over it.
  for (std::uint32_t v : terrain_vertices) add(city.vertices[v]);
  const auto bases = BuildingBases(city);
  for (std::size_t f = 0; f < bases.size(); ++f)
    for (std::uint32_t v : bases[f])
      if (!city.features[f].placed_on_ground && !cover.Covers(city.vertices[v].x, city.vertices[v].y)) add(city.vertices[v]);
  if (!any_height) return false;

  Tin tin(points.begin(), points.end());
  // The area's border, at the height of the nearest point, so the TIN spans the whole area.
  {
    const Box2d& a = city.area;
    // Every 50 m of the longer side, on both sides. Past 50 km (an area of thousands of km
    // from broken coordinates) at most 1,000 steps, each side by its own length: a million
    // border points, or a short side cut as finely as a long one (slivers a walk crosses by
    // the hundred), would cost more than the whole import.
    const auto steps_for = [&](double side) {
      const double longer = std::max(a.width(), a.height());
      return longer / 50 <= 1000 ? std::max(4, static_cast<int>(longer / 50))
                                 : std::clamp(static_cast<int>(side / 50), 4, 1000);
    };
    const int steps_x = steps_for(a.width()), steps_y = steps_for(a.height());
    std::vector<std::pair<double, double>> ring;
    for (int k = 0; k <= steps_x; ++k) {
      const double fx = a.min_x + a.width() * k / steps_x;
      ring.insert(ring.end(), {{fx, a.min_y}, {fx, a.max_y}});
    }
    for (int k = 0; k <= steps_y; ++k) {
      const double fy = a.min_y + a.height() * k / steps_y;
      ring.insert(ring.end(), {{a.min_x, fy}, {a.max_x, fy}});
    }
    std::vector<K::Point_3> border;
    for (const auto& [x, y] : ring) {
      // Inside the TIN: its own height (a border point must not bend it); outside: the height
      // of the nearest point.
      Tin::Face_handle face;
      border.emplace_back(x, y, HeightAt(tin, x, y, face));
    }
    tin.insert(border.begin(), border.end());
  }

  // Heights on a regular grid over the area, for seating and look-ups.
  Heightfield hf;
  const Box2d& a = city.area;
  hf.spacing = std::max(1.0, std::sqrt((a.width() + 1) * (a.height() + 1) / options.max_nodes));
  hf.x0 = a.min_x;
  hf.y0 = a.min_y;
  hf.nx = static_cast<int>(std::ceil(a.width() / hf.spacing)) + 1;
  hf.ny = static_cast<int>(std::ceil(a.height() / hf.spacing)) + 1;
  hf.z.assign(static_cast<std::size_t>(hf.nx) * hf.ny, NAN);
  Tin::Face_handle hint;
  for (int j = 0; j < hf.ny; ++j)
    for (int i = 0; i < hf.nx; ++i) {
      const double x = hf.x0 + i * hf.spacing, y = hf.y0 + j * hf.spacing;
      const double z = HeightAt(tin, x, y, hint);
      hf.z[static_cast<std::size_t>(j) * hf.nx + i] = static_cast<float>(z);
    }

  // The mesh: TIN faces that no terrain object covers already.
  Feature f;
  f.kind = "ground";
  f.layer = "derived ground";
  const auto fid = static_cast<std::uint32_t>(city.features.size());
  city.features.push_back(f);
  std::map<Tin::Vertex_handle, std::uint32_t> vid;
  auto vertex = [&](const Tin::Vertex_handle& v) {
    auto [it, inserted] = vid.try_emplace(v, 0);
    if (inserted) it->second = detail::AddVertex(city, v->point().x(), v->point().y(), v->point().z());
    return it->second;
  };
  for (auto face = tin.finite_faces_begin(); face != tin.finite_faces_end(); ++face) {
    const auto &p = face->vertex(0)->point(), &q = face->vertex(1)->point(), &r = face->vertex(2)->point();
    if (cover.Covers((p.x() + q.x() + r.x()) / 3, (p.y() + q.y() + r.y()) / 3)) continue;
    detail::AddTriangle(city, vertex(face->vertex(0)), vertex(face->vertex(1)),
                        vertex(face->vertex(2)), fid, Surface::ground);
  }
  city.terrain = std::move(hf);
  city.ground_source = GroundSource::model;
  ReseatPlacedFeatures(city);
  return true;
}

void SeatBuildingsOnGround(CityModel& city, const GroundOptions& options,
                           core::Diagnostics& diagnostics) {
  if (!city.terrain) return;
  const auto bases = BuildingBases(city);
  for (std::size_t f = 0; f < bases.size(); ++f) {
    const auto& base = bases[f];
    if (base.empty() || city.features[f].placed_on_ground) continue;
    // Base height above the lowest ground under its vertices: 0 for a building on a slope.
    float base_z = INFINITY;
    double ground_z = INFINITY;
    for (std::uint32_t v : base) {
      const Vec3f& p = city.vertices[v];
      const double g = city.terrain->Sample(p.x, p.y);
      if (!std::isfinite(g)) continue;
      base_z = std::min(base_z, p.z);
      ground_z = std::min(ground_z, g);
    }
    if (!std::isfinite(ground_z)) continue;
    Feature& feature = city.features[f];
    const double offset = base_z - ground_z;
    const std::string where = fmt::format("{}: {} {}: {:+.2f} m", feature.source, feature.layer,
                                          feature.source_id, offset);
    if (std::abs(offset) <= options.snap_tolerance_m) {
      for (std::uint32_t v : base) city.vertices[v].z -= static_cast<float>(offset);
      feature.base_z -= offset;
      if (std::abs(offset) >= 0.01)  // below a centimetre is the heightfield's own rounding
        diagnostics.Warn("building base snapped onto the ground (within " +
                           fmt::format("{:g}", options.snap_tolerance_m) + " m)",
                       where);
    } else if (offset > options.float_warning_m) {
      diagnostics.Warn("building floats above the ground in use (" +
                           std::string(GroundSourceName(city.ground_source)) + ")",
                       where);
    } else if (offset < -options.float_warning_m) {
      diagnostics.Warn("building sinks below the ground in use (" +
                           std::string(GroundSourceName(city.ground_source)) + ")",
                       where);
    }
  }
}

}  // namespace geo
