#include "sim/column_cover.h"

#include <algorithm>
#include <cmath>

#include "sim/grid.h"

namespace sim {
namespace {

struct Corner {
  double x, y;
};

// The x extent of a triangle's footprint within the slab y0 <= y <= y1; false when it misses.
bool SlabExtent(const Corner (&c)[3], double y0, double y1, double& x_min, double& x_max) {
  x_min = INFINITY;
  x_max = -INFINITY;
  auto take = [&](double x) {
    x_min = std::min(x_min, x);
    x_max = std::max(x_max, x);
  };
  for (int i = 0; i < 3; ++i) {
    const Corner& a = c[i];
    const Corner& b = c[(i + 1) % 3];
    if (a.y >= y0 && a.y <= y1) take(a.x);
    for (const double y : {y0, y1}) {  // where the edge crosses the slab's sides
      if ((a.y < y && b.y > y) || (a.y > y && b.y < y)) take(a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y));
    }
  }
  return x_min <= x_max;
}

// Twice the footprint's signed area (counter-clockwise positive).
double Area2(const Corner (&c)[3]) {
  return (c[1].x - c[0].x) * (c[2].y - c[0].y) - (c[1].y - c[0].y) * (c[2].x - c[0].x);
}

// A triangle's footprint as three edges, each with its length, to ask of many points whether
// they lie inside it with a margin to spare from every edge.
struct Footprint {
  Corner c[3];
  double length[3];
  double sign;

  explicit Footprint(const Corner (&corners)[3]) {
    for (int i = 0; i < 3; ++i) {
      c[i] = corners[i];
      length[i] = std::hypot(corners[(i + 1) % 3].x - corners[i].x, corners[(i + 1) % 3].y - corners[i].y);
    }
    sign = Area2(c) > 0 ? 1 : -1;
  }

  // The x interval of the line at `y` whose points lie inside with `margin` to spare from every
  // edge, narrowed by a micrometre against rounding (the margin is a centimetre and more);
  // false when there is none. Each edge's distance is linear in x along the line.
  bool InsideSpan(double margin, double y, double& x_min, double& x_max) const {
    x_min = -INFINITY;
    x_max = INFINITY;
    for (int i = 0; i < 3; ++i) {
      const Corner& a = c[i];
      const Corner& b = c[(i + 1) % 3];
      // sign * (dx * (y - a.y) - dy * (x - a.x)) / length >= margin
      const double slope = -sign * (b.y - a.y);  // of the edge's scaled distance in x
      const double need = margin * length[i] - sign * (b.x - a.x) * (y - a.y);
      if (slope > 0) x_min = std::max(x_min, a.x + need / slope);
      else if (slope < 0) x_max = std::min(x_max, a.x + need / slope);
      else if (!(need <= 0)) return false;  // parallel to the line, and too near or outside
    }
    constexpr double kRounding = 1e-6;
    x_min += kRounding;
    x_max -= kRounding;
    return x_min <= x_max;
  }
};

}  // namespace

ColumnCover::ColumnCover(const geo::CityModel& city, const Grid& grid, const SurfaceKinds& kinds, int chunk_rows)
    : city_(city), grid_(grid), kinds_(kinds), chunk_rows_(chunk_rows) {
  const double x1 = grid.min_x + grid.nx * grid.resolution_m;
  const double y1 = grid.max_y - (grid.first_row + grid.ny) * grid.resolution_m;
  grid_magnitude_ = std::max({std::abs(grid.min_x), std::abs(x1), std::abs(grid.max_y), std::abs(y1)});
  by_chunk_.resize((grid.ny + chunk_rows - 1) / chunk_rows);
  if (grid.nx <= 0 || grid.ny <= 0) return;
  for (std::uint32_t t = 0; t < city.triangles.size(); ++t) {
    if (!kinds_[static_cast<int>(city.triangle_surface[t])]) continue;
    const geo::Tri& tri = city.triangles[t];
    double lo = INFINITY, hi = -INFINITY, left = INFINITY, right = -INFINITY, magnitude = 0;
    for (const std::uint32_t v : {tri.a, tri.b, tri.c}) {
      const geo::Vec3f& p = city.vertices[v];
      lo = std::min(lo, double{p.y});
      hi = std::max(hi, double{p.y});
      left = std::min(left, double{p.x});
      right = std::max(right, double{p.x});
      magnitude = std::max({magnitude, std::abs(double{p.x}), std::abs(double{p.y})});
    }
    const double margin = Margin(magnitude);
    const double res = grid.resolution_m;
    // Rows whose centre lies in [lo, hi] widened, one more each side against rounding.
    const double first = std::floor((grid.max_y - (hi + margin)) / res - 0.5 - grid.first_row);
    const double last = std::ceil((grid.max_y - (lo - margin)) / res - 0.5 - grid.first_row);
    const double first_col = std::floor((left - margin - grid.min_x) / res - 0.5);
    const double last_col = std::ceil((right + margin - grid.min_x) / res - 0.5);
    if (last < 0 || first > grid.ny - 1 || last_col < 0 || first_col > grid.nx - 1) continue;
    const int r0 = static_cast<int>(std::max(first, 0.0));
    const int r1 = static_cast<int>(std::min(last, grid.ny - 1.0));
    for (int chunk = r0 / chunk_rows; chunk <= r1 / chunk_rows; ++chunk) by_chunk_[chunk].push_back(t);
  }
}

double ColumnCover::Margin(double vertex_magnitude) const {
  // Embree decides a vertical ray's hit in float, from differences of coordinates of this size:
  // 1 cm plus 1e-5 of them is a hundred float ulps and more.
  return 0.01 + 1e-5 * (vertex_magnitude + grid_magnitude_);
}

template <typename RowSpan, typename Inside>
void ColumnCover::VisitCells(int chunk, std::uint32_t t, bool inside_asked, RowSpan&& row_span, Inside&& inside) const {
  const Grid& g = grid_;
  const int row0 = chunk * chunk_rows_;
  const int rows = std::min(chunk_rows_, g.ny - row0);
  const geo::Tri& tri = city_.triangles[t];
  Corner c[3];
  double magnitude = 0;
  int k = 0;
  for (const std::uint32_t v : {tri.a, tri.b, tri.c}) {
    const geo::Vec3f& p = city_.vertices[v];
    c[k++] = {p.x, p.y};
    magnitude = std::max({magnitude, std::abs(double{p.x}), std::abs(double{p.y})});
  }
  const double margin = Margin(magnitude);
  const bool containing = inside_asked && std::abs(Area2(c)) > 4 * margin * margin;
  const Footprint footprint(c);
  for (int r = 0; r < rows; ++r) {
    const double y = g.CellY(row0 + r);
    double x0, x1;
    if (!SlabExtent(c, y - margin, y + margin, x0, x1)) continue;
    const double first = std::floor((x0 - margin - g.min_x) / g.resolution_m - 0.5);
    const double last = std::ceil((x1 + margin - g.min_x) / g.resolution_m - 0.5);
    if (last < 0 || first > g.nx - 1) continue;
    const int c0 = static_cast<int>(std::max(first, 0.0)), c1 = static_cast<int>(std::min(last, g.nx - 1.0));
    row_span(r, c0, c1);
    double inside_min, inside_max;
    if (!containing || !footprint.InsideSpan(margin, y, inside_min, inside_max)) continue;
    // The columns whose centres lie in the span (within the columns the footprint touches).
    const double from = std::ceil((inside_min - g.min_x) / g.resolution_m - 0.5);
    const double to = std::floor((inside_max - g.min_x) / g.resolution_m - 0.5);
    if (!(from <= c1) || !(to >= c0)) continue;
    const int col_to = static_cast<int>(std::min<double>(to, c1));
    for (int col = static_cast<int>(std::max<double>(from, c0)); col <= col_to; ++col) {
      const double x = g.CellX(col);
      if (x < inside_min || x > inside_max) continue;  // the division above rounded
      inside(r, col);
    }
  }
}

void ColumnCover::Rasterise(int chunk, std::vector<std::uint8_t>& flags, Heights* heights) const {
  const Grid& g = grid_;
  const int rows = std::min(chunk_rows_, g.ny - chunk * chunk_rows_);
  flags.assign(static_cast<std::size_t>(rows) * g.nx, 0);
  if (heights) {
    for (KindHeights& h : *heights) {
      h.covering_top.assign(flags.size(), -INFINITY);
      h.containing_bottom.assign(flags.size(), -INFINITY);
    }
  }
  std::vector<KindHeights*> mine;  // the heights a triangle of this kind updates
  for (const std::uint32_t t : by_chunk_[chunk]) {
    const std::uint8_t kind = kinds_[static_cast<int>(city_.triangle_surface[t])];
    const geo::Tri& tri = city_.triangles[t];
    mine.clear();
    if (heights)
      for (KindHeights& h : *heights)
        if (kind & h.kind) mine.push_back(&h);
    const float top = std::max({city_.vertices[tri.a].z, city_.vertices[tri.b].z, city_.vertices[tri.c].z});
    const float bottom = std::min({city_.vertices[tri.a].z, city_.vertices[tri.b].z, city_.vertices[tri.c].z});
    VisitCells(
        chunk, t, !mine.empty(),
        [&](int r, int c0, int c1) {
          const std::size_t at = static_cast<std::size_t>(r) * g.nx;
          for (int col = c0; col <= c1; ++col) flags[at + col] |= kind;
          for (KindHeights* h : mine)
            for (int col = c0; col <= c1; ++col) h->covering_top[at + col] = std::max(h->covering_top[at + col], top);
        },
        [&](int r, int col) {
          const std::size_t i = static_cast<std::size_t>(r) * g.nx + col;
          for (KindHeights* h : mine) h->containing_bottom[i] = std::max(h->containing_bottom[i], bottom);
        });
  }
}

void ColumnCover::FindLowestAbove(int chunk, std::uint8_t kind, std::span<const float> from_z, float z_margin,
                                  LowestAbove& out) const {
  const Grid& g = grid_;
  const std::size_t n = from_z.size();
  out.bottom.assign(n, INFINITY);
  out.next_bottom.assign(n, INFINITY);
  out.triangle.assign(n, 0);
  out.level_and_containing.assign(n, 0);
  for (const std::uint32_t t : by_chunk_[chunk]) {
    if (!(kinds_[static_cast<int>(city_.triangle_surface[t])] & kind)) continue;
    const geo::Tri& tri = city_.triangles[t];
    const float za = city_.vertices[tri.a].z, zb = city_.vertices[tri.b].z, zc = city_.vertices[tri.c].z;
    const float top = std::max({za, zb, zc}), bottom = std::min({za, zb, zc});
    const bool level = za == zb && zb == zc;
    VisitCells(
        chunk, t, level,
        [&](int r, int c0, int c1) {
          const std::size_t at = static_cast<std::size_t>(r) * g.nx;
          for (int col = c0; col <= c1; ++col) {
            const std::size_t i = at + col;
            if (!(top >= from_z[i] - z_margin)) continue;  // below the ray's start, or not asked
            if (bottom < out.bottom[i]) {
              out.next_bottom[i] = out.bottom[i];
              out.bottom[i] = bottom;
              out.triangle[i] = t;
              out.level_and_containing[i] = 0;
            } else {
              out.next_bottom[i] = std::min(out.next_bottom[i], bottom);
            }
          }
        },
        [&](int r, int col) {
          const std::size_t i = static_cast<std::size_t>(r) * g.nx + col;
          if (out.triangle[i] == t && out.bottom[i] == bottom) out.level_and_containing[i] = 1;
        });
  }
}

}  // namespace sim
