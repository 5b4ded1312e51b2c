#include "geo/city_objects.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>

#include "geo/footprint.h"
#include "geo/gdal_util.h"
#include "geo/source_util.h"
#include "geo/triangulate.h"

namespace geo::detail {
namespace {

Surface ClassOfNormal(double nx, double ny, double nz) {
  const double len = std::sqrt(nx * nx + ny * ny + nz * nz);
  if (len <= 0) return Surface::wall;
  const double up = nz / len;
  return up > 0.2 ? Surface::roof : (up < -0.2 ? Surface::underside : Surface::wall);
}

}  // namespace

std::optional<Surface> ClassOfObjectType(const std::string& type) {
  if (type == "TINRelief") return Surface::terrain;
  if (type == "Road" || type == "Railway" || type == "TransportSquare" || type == "Square" ||
      type == "Track" || type == "LandUse" || type == "Waterway")
    return Surface::ground;
  if (type == "PlantCover" || type == "SolitaryVegetationObject") return Surface::vegetation;
  if (type == "WaterBody") return Surface::water;
  return std::nullopt;
}

std::optional<Surface> ClassOfSemanticSurface(const std::string& s) {
  if (s == "RoofSurface" || s == "OuterFloorSurface") return Surface::roof;
  if (s == "WallSurface" || s == "Door" || s == "Window") return Surface::wall;
  if (s == "GroundSurface" || s == "OuterCeilingSurface") return Surface::underside;
  if (s == "TrafficArea" || s == "AuxiliaryTrafficArea" || s == "TransportationMarking")
    return Surface::ground;
  if (s == "WaterSurface" || s == "WaterGroundSurface") return Surface::water;
  return std::nullopt;
}

std::string KindOfObjectType(const std::string& type) {
  auto upper = [&](std::size_t i) { return std::isupper(static_cast<unsigned char>(type[i])) != 0; };
  std::string kind;
  for (std::size_t i = 0; i < type.size(); ++i) {
    // A word starts at an upper-case letter after a lower-case one, or at the last capital
    // of an acronym: "BuildingPart" -> building_part, "TINRelief" -> tin_relief.
    if (i > 0 && upper(i) && (!upper(i - 1) || (i + 1 < type.size() && !upper(i + 1))))
      kind += '_';
    kind += static_cast<char>(std::tolower(static_cast<unsigned char>(type[i])));
  }
  return kind;
}

std::size_t AddPlanarSurface(const PlanarSurface& surface, std::optional<Surface> cls,
                             std::uint32_t feature, CityModel& city) {
  const auto& rings = surface.rings;
  if (rings.empty() || rings[0].size() < 3) return 0;
  // Newell normal of the outer ring: the side the surface faces.
  double nx = 0, ny = 0, nz = 0;
  const auto& outer = rings[0];
  for (std::size_t i = 0; i < outer.size(); ++i) {
    const Vec3d& p = surface.point(outer[i]);
    const Vec3d& q = surface.point(outer[(i + 1) % outer.size()]);
    nx += (p.y - q.y) * (p.z + q.z);
    ny += (p.z - q.z) * (p.x + q.x);
    nz += (p.x - q.x) * (p.y + q.y);
  }
  const Surface c = cls.value_or(ClassOfNormal(nx, ny, nz));
  if (rings.size() == 1 && outer.size() == 3) {  // already a triangle (the usual LoD1 output)
    AddTriangle(city, surface.mesh_vertex(outer[0]), surface.mesh_vertex(outer[1]),
                surface.mesh_vertex(outer[2]), feature, c);
    return 1;
  }
  // Project onto the axis plane the polygon faces most, triangulate in 2D, lift back.
  const double ax = std::abs(nx), ay = std::abs(ny), az = std::abs(nz);
  const int drop = (az >= ax && az >= ay) ? 2 : (ax >= ay ? 0 : 1);
  const double sign = drop == 2 ? nz : (drop == 0 ? nx : ny);
  auto project = [&](const Vec3d& p) -> Vec2d {
    if (drop == 2) return {p.x, p.y};
    if (drop == 0) return {p.y, p.z};
    return {p.z, p.x};
  };
  std::vector<Ring> rings2d;
  std::vector<std::int64_t> id_of_point;
  for (const auto& ring : rings) {
    Ring r;
    for (std::int64_t i : ring) {
      r.push_back(project(surface.point(i)));
      id_of_point.push_back(i);
    }
    rings2d.push_back(std::move(r));
  }
  const PolygonTriangulation t = TriangulatePolygon(rings2d);
  std::size_t added = 0;
  for (const auto& tri : t.triangles) {
    if (tri[0] >= id_of_point.size() || tri[1] >= id_of_point.size() ||
        tri[2] >= id_of_point.size())
      continue;  // at a self-intersection of the surface: no 3D vertex to lift to
    const std::uint32_t a = surface.mesh_vertex(id_of_point[tri[0]]);
    const std::uint32_t b = surface.mesh_vertex(id_of_point[tri[1]]);
    const std::uint32_t c3 = surface.mesh_vertex(id_of_point[tri[2]]);
    if (sign >= 0)
      AddTriangle(city, a, b, c3, feature, c);
    else
      AddTriangle(city, a, c3, b, feature, c);
    ++added;
  }
  return added;
}

LodChoice ChooseLod(const std::vector<double>& lods, const std::string& requested) {
  LodChoice choice;
  if (lods.empty()) return choice;
  auto highest_where = [&](auto&& keep) {
    int best = -1;
    for (std::size_t i = 0; i < lods.size(); ++i)
      if (keep(lods[i]) && (best < 0 || lods[i] > lods[best])) best = static_cast<int>(i);
    return best;
  };
  if (requested.empty()) {
    choice.index = highest_where([](double) { return true; });
    return choice;
  }
  const double want = std::atof(requested.c_str());
  const bool whole = requested.find('.') == std::string::npos;
  choice.index = highest_where([&](double l) {
    return std::abs(l - want) < 1e-9 || (whole && std::floor(l + 1e-9) == want);
  });
  if (choice.index >= 0) return choice;
  choice.exact = false;
  choice.index = highest_where([&](double l) { return l < want; });
  if (choice.index >= 0) return choice;
  for (std::size_t i = 0; i < lods.size(); ++i)
    if (choice.index < 0 || lods[i] < lods[choice.index]) choice.index = static_cast<int>(i);
  return choice;
}

std::string LodText(double lod) { return fmt::format("{:g}", lod); }

void CountLod(SourceSummary& summary, double lod) {
  const std::string text = LodText(lod);
  for (auto& [l, n] : summary.lod_used)
    if (l == text) {
      ++n;
      return;
    }
  summary.lod_used.emplace_back(text, 1);
  std::sort(summary.lod_used.begin(), summary.lod_used.end());
}

bool BoxInArea(const Box2d& local, const ReadContext& ctx) {
  if (ctx.area.bounds.empty()) return true;
  Box2d abs;
  abs.Extend(local.min_x + ctx.frame.origin_x, local.min_y + ctx.frame.origin_y);
  abs.Extend(local.max_x + ctx.frame.origin_x, local.max_y + ctx.frame.origin_y);
  if (!abs.Intersects(ctx.area.bounds)) return false;
  if (!ctx.area.InWindow(abs)) return false;
  if (!ctx.area.polygon) return true;
  return BoxPolygon(abs.min_x, abs.min_y, abs.max_x, abs.max_y).Intersects(ctx.area.polygon.get());
}

void LinkBuildingParts(const std::vector<PartOfBuilding>& parts,
                       std::map<std::string, std::uint32_t> building_feature,
                       const std::string& source_file, SourceSummary& summary, CityModel& city) {
  std::map<std::uint32_t, std::vector<std::uint32_t>> parts_of;
  for (const PartOfBuilding& p : parts) {
    ++summary.building_parts;
    auto it = building_feature.find(p.building_key);
    if (it == building_feature.end()) {  // a Building that is only its parts
      Feature b;
      b.kind = "building";
      b.layer = "Building";
      b.source = source_file;
      b.source_id = p.building_key;
      b.height_source = HeightSource::geometry;
      it = building_feature.emplace(p.building_key, static_cast<std::uint32_t>(city.features.size())).first;
      city.features.push_back(std::move(b));
      CountHeight(summary, HeightSource::geometry);
    }
    city.features[p.part_feature].parent = static_cast<int>(it->second);
    parts_of[it->second].push_back(p.part_feature);
  }
  if (parts_of.empty()) return;
  std::vector<bool> has_triangles(city.features.size(), false);
  for (std::uint32_t f : city.triangle_feature) has_triangles[f] = true;
  for (const auto& [building, members] : parts_of) {
    Feature& b = city.features[building];
    const bool own_geometry = has_triangles[building];
    double base = own_geometry ? b.base_z : INFINITY;
    double top = own_geometry ? b.base_z + b.height_m : -INFINITY;
    for (std::uint32_t m : members) {
      base = std::min(base, city.features[m].base_z);
      top = std::max(top, city.features[m].base_z + city.features[m].height_m);
    }
    b.base_z = base;
    b.height_m = top - base;
  }
}

}  // namespace geo::detail
