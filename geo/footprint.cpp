#include "geo/footprint.h"

#include <ogr_geometry.h>

#include <cctype>
#include <cmath>
#include <functional>

#include "core/limits.h"

namespace geo::detail {
namespace {

constexpr double kMinPolygonArea_m2 = 0.01;  // below this a footprint is treated as degenerate

void ForEachPolygon(OGRGeometry& g, const std::function<void(OGRPolygon&)>& fn) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      fn(*g.toPolygon());
      break;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (OGRGeometry* part : *g.toGeometryCollection()) ForEachPolygon(*part, fn);
      break;
    default:
      break;  // points and lines left over by MakeValid carry no area
  }
}

bool AllFinite(OGRGeometry& g) {
  bool finite = true;
  ForEachPolygon(g, [&](OGRPolygon& poly) {
    for (OGRLinearRing* ring : poly)
      for (int i = 0; i < ring->getNumPoints(); ++i)
        if (!std::isfinite(ring->getX(i)) || !std::isfinite(ring->getY(i))) finite = false;
  });
  return finite;
}

bool CloseRings(OGRGeometry& g) {
  bool closed_any = false;
  ForEachPolygon(g, [&](OGRPolygon& poly) {
    for (OGRLinearRing* ring : poly)
      if (ring->getNumPoints() > 0 && !ring->get_IsClosed()) {
        ring->closeRings();
        closed_any = true;
      }
  });
  return closed_any;
}

// Local open ring without repeated consecutive points.
Ring ToLocalRing(const OGRLinearRing& ring, const Frame& frame) {
  Ring out;
  const int n = ring.getNumPoints();
  for (int i = 0; i < n; ++i) {
    Vec2d p{ring.getX(i) - frame.origin_x, ring.getY(i) - frame.origin_y};
    if (!out.empty() && std::abs(out.back().x - p.x) < 1e-9 && std::abs(out.back().y - p.y) < 1e-9)
      continue;
    out.push_back(p);
  }
  if (out.size() > 1 && std::abs(out.front().x - out.back().x) < 1e-9 &&
      std::abs(out.front().y - out.back().y) < 1e-9)
    out.pop_back();
  return out;
}

void Orient(Ring& ring, bool counter_clockwise) {
  if ((SignedArea(ring) > 0) != counter_clockwise) std::reverse(ring.begin(), ring.end());
}

}  // namespace

std::vector<PolygonRings> PrepareFootprint(const OGRGeometry& geometry,
                                           OGRCoordinateTransformation* to_frame_crs,
                                           const std::string& where, const Frame& frame,
                                           const AreaClip& area, core::Diagnostics& diag) {
  std::unique_ptr<OGRGeometry> g(geometry.hasCurveGeometry() ? geometry.getLinearGeometry()
                                                             : geometry.clone());
  if (!g || g->IsEmpty()) {
    diag.Warn("feature without geometry skipped", where);
    return {};
  }
  if (!AllFinite(*g)) {
    diag.Warn("feature with NaN/infinite coordinates skipped", where);
    return {};
  }
  g->flattenTo2D();
  if (CloseRings(*g)) diag.Warn("unclosed ring closed", where);
  if (to_frame_crs && g->transform(to_frame_crs) != OGRERR_NONE) {
    diag.Warn("feature that could not be reprojected skipped", where);
    return {};
  }
  OGREnvelope extent;
  g->getEnvelope(&extent);
  if (!core::SaneXY(extent.MinX - frame.origin_x) || !core::SaneXY(extent.MaxX - frame.origin_x) ||
      !core::SaneXY(extent.MinY - frame.origin_y) || !core::SaneXY(extent.MaxY - frame.origin_y)) {
    diag.Warn("feature outside the supported range skipped (|x|, |y| < 1e7 m from the frame origin)", where);
    return {};
  }
  if (area.polygon && !g->Intersects(area.polygon.get())) return {};
  if (!area.InWindow(*g)) return {};  // read by another process, said there
  bool repaired = false;
  if (!g->IsValid()) {
    std::unique_ptr<OGRGeometry> fixed(g->MakeValid());
    if (!fixed || fixed->IsEmpty()) {
      diag.Warn("invalid polygon that could not be repaired skipped", where);
      return {};
    }
    repaired = true;
    g = std::move(fixed);
  }
  std::vector<PolygonRings> polygons;
  bool degenerate = false;
  ForEachPolygon(*g, [&](OGRPolygon& poly) {
    PolygonRings rings;
    for (OGRLinearRing* ogr_ring : poly) {
      Ring ring = ToLocalRing(*ogr_ring, frame);
      const bool outer = rings.empty();
      if (ring.size() < 3 || std::abs(SignedArea(ring)) < kMinPolygonArea_m2) {
        if (outer) {
          degenerate = true;
          return;  // no outer ring: the holes mean nothing
        }
        continue;
      }
      Orient(ring, outer);
      rings.push_back(std::move(ring));
    }
    if (!rings.empty()) polygons.push_back(std::move(rings));
  });
  // A ring of one repeated point "repairs" into a point: skipped, not repaired, said once.
  if (polygons.empty()) {
    diag.Warn("zero-area footprint skipped", where);
    return polygons;
  }
  if (repaired) diag.Warn("invalid polygon repaired (self-intersection, spike or bad hole)", where);
  if (degenerate) diag.Warn("zero-area part dropped", where);
  return polygons;
}

namespace {

// Inches after a feet mark: "6\"", "6", "-6\"", "6in"; nullopt when it is something else.
std::optional<double> InchesAfterFeet(std::string rest) {
  if (!rest.empty() && rest[0] == '-') rest.erase(0, 1);
  if (rest.empty()) return 0.0;
  char* end = nullptr;
  const double inches = std::strtod(rest.c_str(), &end);
  if (end == rest.c_str() || !(inches >= 0 && inches < 12)) return std::nullopt;
  const std::string mark(end);
  if (mark.empty() || mark == "\"" || mark == "in" || mark == "inch" || mark == "inches") return inches;
  return std::nullopt;
}

}  // namespace

std::optional<double> ParseLength(const std::string& text, double bare_number_m) {
  std::string s;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') {
      s += '.';  // "12,5" is common in European data
    } else if (text.compare(i, 3, "\xe2\x80\xb2") == 0) {  // prime: feet
      s += '\'';
      i += 2;
    } else if (text.compare(i, 3, "\xe2\x80\xb3") == 0 || text.compare(i, 2, "''") == 0) {  // double prime: inches
      s += '"';
      i += text[i] == '\'' ? 1 : 2;
    } else {
      s += text[i];
    }
  }
  const char* begin = s.c_str();
  char* end = nullptr;
  const double value = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(value)) return std::nullopt;
  std::string unit;
  for (const char* p = end; *p; ++p)
    if (!std::isspace(static_cast<unsigned char>(*p))) unit += static_cast<char>(std::tolower(*p));
  if (unit.empty()) return value * bare_number_m;
  if (unit == "m" || unit == "meter" || unit == "meters" || unit == "metre" || unit == "metres") return value;
  if (unit == "in" || unit == "inch" || unit == "inches" || unit == "\"") return value * 0.0254;
  if (unit == "cm") return value / 100;
  if (unit == "mm") return value / 1000;
  // Feet, and feet and inches as people write them: 40', 40 ft, 12'6", 12' 6", 12'-6", 12'6,
  // 12 ft 6 in (spaces dropped above).
  for (const char* feet : {"'", "feet", "foot", "ft"}) {
    if (unit.rfind(feet, 0) != 0) continue;
    if (const auto inches = InchesAfterFeet(unit.substr(std::string(feet).size())); inches && value >= 0)
      return value * 0.3048 + *inches * 0.0254;
    return std::nullopt;
  }
  return std::nullopt;
}

BuildingHeight ResolveHeight(const HeightTags& tags, const CityDefaults& defaults,
                             const std::string& where, core::Diagnostics& diag) {
  auto plausible = [&](double v) { return std::isfinite(v) && v > 0 && v <= defaults.max_height_m; };
  BuildingHeight h;
  if (tags.levels) {
    if (auto v = ParseLength(*tags.levels); v && *v >= 0 && *v < 500)
      h.levels = static_cast<int>(std::lround(*v));
    else
      diag.Warn("unreadable building:levels ignored", where + ": '" + *tags.levels + "'");
  }
  if (tags.height) {
    if (auto v = ParseLength(*tags.height, tags.bare_number_m); v && plausible(*v)) {
      h.height_m = *v;
      h.source = HeightSource::attribute;
    } else if (v) {
      diag.Warn("absurd height ignored (negative, zero or above max_height_m)",
                where + ": '" + *tags.height + "'");
    } else {
      diag.Warn("unreadable height ignored", where + ": '" + *tags.height + "'");
    }
  }
  if (h.source == HeightSource::none && h.levels > 0) {
    double roof_levels = 0;
    if (tags.roof_levels)
      if (auto v = ParseLength(*tags.roof_levels); v && *v >= 0 && *v < 50) roof_levels = *v;
    const double v = (h.levels + roof_levels) * defaults.level_height_m;
    if (plausible(v)) {
      h.height_m = v;
      h.source = HeightSource::levels;
    }
  }
  if (h.source == HeightSource::none) {
    h.height_m = defaults.building_height_m;
    h.source = HeightSource::default_value;
    diag.Warn("building without height (default building_height_m used)", where);
  }
  if (tags.min_height) {
    if (auto v = ParseLength(*tags.min_height, tags.bare_number_m); v && *v >= 0 && *v < h.height_m)
      h.min_height_m = *v;
    else
      diag.Warn("min_height ignored (unreadable or not below height)", where + ": '" + *tags.min_height + "'");
  } else if (tags.min_level) {
    if (auto v = ParseLength(*tags.min_level); v && *v >= 0) {
      const double m = *v * defaults.level_height_m;
      if (m < h.height_m)
        h.min_height_m = m;
      else
        diag.Warn("building:min_level ignored (not below height)", where);
    }
  }
  return h;
}

std::uint32_t AddVertex(CityModel& city, double x, double y, double z) {
  city.vertices.push_back(
      {static_cast<float>(x), static_cast<float>(y), static_cast<float>(z)});
  return static_cast<std::uint32_t>(city.vertices.size() - 1);
}

void AddTriangle(CityModel& city, std::uint32_t a, std::uint32_t b, std::uint32_t c,
                 std::uint32_t feature, Surface surface) {
  city.triangles.push_back({a, b, c});
  city.triangle_feature.push_back(feature);
  city.triangle_surface.push_back(surface);
}

namespace {

// Lowest terrain under the footprint: at its vertices and at terrain nodes inside it, so a
// building on a slope is seated at its downhill side (its walls reach into the hill).
double LowestTerrain(const Heightfield& terrain, const std::vector<PolygonRings>& polygons) {
  double lowest = std::numeric_limits<double>::infinity();
  for (const PolygonRings& rings : polygons) {
    Box2d box;
    for (const Vec2d& p : rings[0]) {
      box.Extend(p.x, p.y);
      const double z = terrain.Sample(p.x, p.y);
      if (std::isfinite(z)) lowest = std::min(lowest, z);
    }
    const int i0 = std::max(0, static_cast<int>(std::ceil((box.min_x - terrain.x0) / terrain.spacing)));
    const int i1 = std::min(terrain.nx - 1, static_cast<int>((box.max_x - terrain.x0) / terrain.spacing));
    const int j0 = std::max(0, static_cast<int>(std::ceil((box.min_y - terrain.y0) / terrain.spacing)));
    const int j1 = std::min(terrain.ny - 1, static_cast<int>((box.max_y - terrain.y0) / terrain.spacing));
    for (int j = j0; j <= j1; ++j)
      for (int i = i0; i <= i1; ++i) {
        const double x = terrain.x0 + i * terrain.spacing, y = terrain.y0 + j * terrain.spacing;
        const float z = terrain.At(i, j);
        if (std::isfinite(z) && PointInRing(rings[0], x, y)) lowest = std::min<double>(lowest, z);
      }
  }
  return lowest;
}

}  // namespace

bool TooLargeForABuilding(const std::vector<PolygonRings>& polygons, const std::string& where,
                          core::Diagnostics& diagnostics) {
  Box2d box;
  for (const PolygonRings& rings : polygons)
    for (const Ring& ring : rings)
      for (const auto& p : ring) box.Extend(p.x, p.y);
  if (box.empty() || std::max(box.width(), box.height()) <= kMaxBuildingSpan_m) return false;
  const long km = std::lround(std::max(box.width(), box.height()) / 1000);
  diagnostics.Warn("building footprint over 5 km across skipped (larger than any building: are its "
                   "coordinates broken?)",
                   where + " (" + std::to_string(km) + " km)");
  return true;
}

std::uint32_t AddBuilding(const std::vector<PolygonRings>& polygons, Feature feature,
                          const BuildingHeight& height, const std::string& where,
                          ReadContext& ctx) {
  CityModel& city = ctx.city;
  double base = 0;
  if (city.terrain) {
    base = LowestTerrain(*city.terrain, polygons);
    if (!std::isfinite(base)) {
      ctx.diagnostics.Warn("building outside the terrain raster seated at z = 0", where);
      base = 0;
    }
  }
  feature.kind = "building";
  feature.base_z = base;
  feature.placed_on_ground = true;
  feature.height_m = height.height_m;
  feature.min_height_m = height.min_height_m;
  feature.levels = height.levels;
  feature.height_source = height.source;
  const auto fid = static_cast<std::uint32_t>(city.features.size());
  city.features.push_back(std::move(feature));

  const double z_bottom = base + height.min_height_m;
  const double z_top = base + height.height_m;
  for (const PolygonRings& rings : polygons) {
    const PolygonTriangulation t = TriangulatePolygon(rings);
    std::vector<std::uint32_t> top(t.points.size()), bottom(t.points.size());
    for (std::size_t i = 0; i < t.points.size(); ++i) {
      top[i] = AddVertex(city, t.points[i].x, t.points[i].y, z_top);
      bottom[i] = AddVertex(city, t.points[i].x, t.points[i].y, z_bottom);
    }
    for (const auto& tri : t.triangles) {
      AddTriangle(city, top[tri[0]], top[tri[1]], top[tri[2]], fid, Surface::roof);
      if (height.min_height_m > 0)  // a floating body (overhang, bridge-like) is open below
        AddTriangle(city, bottom[tri[0]], bottom[tri[2]], bottom[tri[1]], fid, Surface::underside);
    }
    // Outer ring counter-clockwise and holes clockwise: (a, b, b') faces away from the body.
    std::size_t offset = 0;
    for (const Ring& ring : rings) {
      for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
        const std::size_t a = offset + i, b = offset + (i + 1) % n;
        AddTriangle(city, bottom[a], bottom[b], top[b], fid, Surface::wall);
        AddTriangle(city, bottom[a], top[b], top[a], fid, Surface::wall);
      }
      offset += ring.size();
    }
  }
  return fid;
}

}  // namespace geo::detail
