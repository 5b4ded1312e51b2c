#include "geo/water.h"

#include <ogr_geometry.h>

#include <functional>

#include "geo/source_util.h"

namespace geo::detail {

bool IsWaterArea(const std::string& natural, const std::string& waterway, const std::string& landuse) {
  return natural == "water" || natural == "bay" || waterway == "riverbank" || waterway == "dock" ||
         landuse == "reservoir" || landuse == "basin";
}

std::uint32_t AddWaterArea(const std::vector<PolygonRings>& polygons, Feature feature, ReadContext& ctx) {
  CityModel& city = ctx.city;
  feature.kind = "water";
  feature.placed_on_ground = true;
  const auto fid = static_cast<std::uint32_t>(city.features.size());
  city.features.push_back(std::move(feature));
  for (const PolygonRings& rings : polygons) {
    const PolygonTriangulation t = TriangulatePolygon(rings);
    std::vector<std::uint32_t> vid(t.points.size());
    for (std::size_t i = 0; i < t.points.size(); ++i)
      vid[i] = AddVertex(city, t.points[i].x, t.points[i].y, city.GroundZ(t.points[i].x, t.points[i].y));
    for (const auto& tri : t.triangles) AddTriangle(city, vid[tri[0]], vid[tri[1]], vid[tri[2]], fid, Surface::water);
  }
  return fid;
}

namespace {

void ForEachLine(const OGRGeometry& g, const std::function<void(const OGRLineString&)>& fn) {
  const auto type = wkbFlatten(g.getGeometryType());
  if (type == wkbLineString) {
    fn(*g.toLineString());
  } else if (type == wkbMultiLineString || type == wkbGeometryCollection) {
    for (const OGRGeometry* part : *g.toGeometryCollection()) ForEachLine(*part, fn);
  }
}

}  // namespace

double AddSeaFromCoastlines(const std::vector<std::unique_ptr<OGRGeometry>>& coastlines,
                            const OGRGeometry& region, ReadContext& ctx) {
  if (coastlines.empty()) return 0;
  // Node the coastline with the region's border and cut the region into faces.
  std::unique_ptr<OGRGeometry> noded(region.Boundary());
  if (!noded) return 0;
  for (const auto& c : coastlines) {
    std::unique_ptr<OGRGeometry> inside(c->Intersection(&region));
    if (!inside || inside->IsEmpty()) continue;
    noded.reset(noded->Union(inside.get()));
    if (!noded) return 0;
  }
  std::unique_ptr<OGRGeometry> faces(noded->Polygonize());
  if (!faces || faces->IsEmpty()) return 0;
  // Vote: sample points half a metre to the right of each coastline segment (the sea side of
  // an OSM coastline) and to its left (land); a face is sea when more sea samples fall in it.
  std::vector<OGRPoint> sea, land;
  for (const auto& c : coastlines)
    ForEachLine(*c, [&](const OGRLineString& line) {
      for (int i = 0; i + 1 < line.getNumPoints(); ++i) {
        const double ax = line.getX(i), ay = line.getY(i), bx = line.getX(i + 1), by = line.getY(i + 1);
        const double len = std::hypot(bx - ax, by - ay);
        if (len < 1.5) continue;
        const double mx = (ax + bx) / 2, my = (ay + by) / 2, rx = (by - ay) / len, ry = -(bx - ax) / len;
        sea.emplace_back(mx + 0.5 * rx, my + 0.5 * ry);
        land.emplace_back(mx - 0.5 * rx, my - 0.5 * ry);
      }
    });
  double sea_area = 0;
  const OGRGeometryCollection& collection = *faces->toGeometryCollection();
  for (const OGRGeometry* face : collection) {
    if (wkbFlatten(face->getGeometryType()) != wkbPolygon) continue;
    OGREnvelope env;
    face->getEnvelope(&env);
    auto votes = [&](const std::vector<OGRPoint>& points) {
      int n = 0;
      for (const OGRPoint& p : points)
        if (p.getX() >= env.MinX && p.getX() <= env.MaxX && p.getY() >= env.MinY &&
            p.getY() <= env.MaxY && face->Contains(&p))
          ++n;
      return n;
    };
    if (votes(sea) <= votes(land)) continue;
    auto polygons = PrepareFootprint(*face, nullptr, "coastline: sea", ctx.frame, ctx.area, ctx.diagnostics);
    if (polygons.empty()) continue;
    sea_area += face->toPolygon()->get_Area();
    Feature f;
    f.layer = "coastline";
    f.name = "sea";
    AddWaterArea(polygons, std::move(f), ctx);
  }
  return sea_area;
}

}  // namespace geo::detail
