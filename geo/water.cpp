#include "geo/water.h"

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <type_traits>

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
    // A few centimetres above the ground: laid exactly on the ground plane, a vertical ray
    // hits the plane or the water by chance, and half the water reads as ground.
    constexpr double kAboveGround = 0.05;
    for (std::size_t i = 0; i < t.points.size(); ++i)
      vid[i] = AddVertex(city, t.points[i].x, t.points[i].y,
                         city.GroundZ(t.points[i].x, t.points[i].y) + kAboveGround);
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

// OSM coastline ways join end to start. A chain end that joins nothing lies where the extract
// was cut; inside the region it would leave the line dangling and cut nothing, so it is
// extended straight on, along its last segment, past the region's border.
std::vector<std::unique_ptr<OGRGeometry>> CloseOpenEnds(
    const std::vector<std::unique_ptr<OGRGeometry>>& coastlines, const OGRGeometry& region,
    const std::string& where, ReadContext& ctx) {
  OGREnvelope env;
  region.getEnvelope(&env);
  const double reach = 2 * std::hypot(env.MaxX - env.MinX, env.MaxY - env.MinY) + 1;
  auto key = [](double x, double y) { return std::make_pair(x, y); };
  std::set<std::pair<double, double>> starts, ends;
  for (const auto& c : coastlines)
    ForEachLine(*c, [&](const OGRLineString& line) {
      if (line.getNumPoints() < 2) return;
      starts.insert(key(line.getX(0), line.getY(0)));
      ends.insert(key(line.getX(line.getNumPoints() - 1), line.getY(line.getNumPoints() - 1)));
    });
  std::vector<std::unique_ptr<OGRGeometry>> closed;
  for (const auto& c : coastlines)
    ForEachLine(*c, [&](const OGRLineString& line) {
      const int n = line.getNumPoints();
      if (n < 2) return;
      auto extended = std::make_unique<OGRLineString>();
      // Extends from point `a` through the end point `b`, when `b` is open and in the region.
      auto extension = [&](int a, int b, bool open) -> std::optional<OGRPoint> {
        OGRPoint end(line.getX(b), line.getY(b));
        if (!open || !region.Contains(&end)) return std::nullopt;
        const double dx = line.getX(b) - line.getX(a), dy = line.getY(b) - line.getY(a);
        const double len = std::hypot(dx, dy);
        if (len <= 0) return std::nullopt;
        ctx.diagnostics.Warn("coastline ends inside the area (the data stops there): extended straight to the area's edge", where);
        return OGRPoint(end.getX() + dx / len * reach, end.getY() + dy / len * reach);
      };
      if (auto p = extension(1, 0, !ends.count(key(line.getX(0), line.getY(0)))))
        extended->addPoint(p->getX(), p->getY());
      for (int i = 0; i < n; ++i) extended->addPoint(line.getX(i), line.getY(i));
      if (auto p = extension(n - 2, n - 1, !starts.count(key(line.getX(n - 1), line.getY(n - 1)))))
        extended->addPoint(p->getX(), p->getY());
      closed.push_back(std::move(extended));
    });
  return closed;
}

}  // namespace

namespace {

// A coastline way that closes on itself: an island (land inside, as OSM draws it).
bool IsClosedRing(const OGRGeometry& g) {
  if (wkbFlatten(g.getGeometryType()) != wkbLineString) return false;
  const OGRLineString& line = *g.toLineString();
  return line.getNumPoints() >= 4 && line.get_IsClosed();
}

// The faces of `region` on the sea side of `coastlines` (open ways: land on their left), each
// cut by the whole lines (see AddSeaFromCoastlines).
std::vector<std::unique_ptr<OGRGeometry>> SeaFaces(const std::vector<std::unique_ptr<OGRGeometry>>& coastlines,
                                                   const OGRGeometry& region) {
  std::vector<std::unique_ptr<OGRGeometry>> sea_faces;
  // Node the whole coastline with the region's border and cut the region into faces. The
  // whole line, not its part inside the region: a clipped part ends a rounding error short of
  // the border, is not noded with it, and cuts nothing.
  std::unique_ptr<OGRGeometry> noded(region.Boundary());
  if (!noded) return sea_faces;
  for (const auto& c : coastlines) {
    if (!c->Intersects(&region)) continue;
    noded.reset(noded->Union(c.get()));
    if (!noded) return sea_faces;
  }
  std::unique_ptr<OGRGeometry> faces(noded->Polygonize());
  if (!faces || faces->IsEmpty()) return sea_faces;
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
  const OGRGeometryCollection& collection = *faces->toGeometryCollection();
  for (const OGRGeometry* face : collection) {
    if (wkbFlatten(face->getGeometryType()) != wkbPolygon) continue;
    // Faces closed outside the region (by the coastline alone, or with the region's border
    // from outside) are not the region's.
    std::unique_ptr<OGRGeometry> inside(face->Intersection(&region));
    const double face_area = face->toPolygon()->get_Area();
    if (!inside || inside->IsEmpty() || face_area <= 0 ||
        OGR_G_Area(OGRGeometry::ToHandle(inside.get())) < 0.5 * face_area)
      continue;
    OGREnvelope env;
    face->getEnvelope(&env);
    // The face goes to GEOS once, prepared, not once a sample point (thousands on a coast: half
    // of Monaco's import).
    const std::unique_ptr<std::remove_pointer_t<OGRPreparedGeometryH>, void (*)(OGRPreparedGeometryH)> prepared(
        OGRHasPreparedGeometrySupport() ? OGRCreatePreparedGeometry(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(face)))
                                        : nullptr,
        OGRDestroyPreparedGeometry);
    auto votes = [&](const std::vector<OGRPoint>& points) {
      int n = 0;
      for (const OGRPoint& p : points) {
        if (p.getX() < env.MinX || p.getX() > env.MaxX || p.getY() < env.MinY || p.getY() > env.MaxY) continue;
        n += prepared ? OGRPreparedGeometryContains(prepared.get(), OGRGeometry::ToHandle(const_cast<OGRPoint*>(&p)))
                      : face->Contains(&p);
      }
      return n;
    };
    if (votes(sea) > votes(land)) sea_faces.emplace_back(face->clone());
  }
  return sea_faces;
}

}  // namespace

double AddSeaFromCoastlines(const std::vector<std::unique_ptr<OGRGeometry>>& coastline_ways,
                            const OGRGeometry& region, const std::string& where, ReadContext& ctx) {
  if (coastline_ways.empty()) return 0;
  const auto coastlines = CloseOpenEnds(coastline_ways, region, where, ctx);
  // Islands (closed rings) are land cut out of the sea that the open coastlines leave, not
  // votes among them: an island wrongly on the land side would otherwise turn the mainland into
  // sea. With islands alone, the whole region is sea around them.
  std::vector<std::unique_ptr<OGRGeometry>> open;
  std::vector<std::unique_ptr<OGRGeometry>> islands;
  for (const auto& c : coastlines) {
    if (!IsClosedRing(*c)) {
      open.emplace_back(c->clone());
      continue;
    }
    const OGRLineString& line = *c->toLineString();
    OGRLinearRing ring;
    for (int i = 0; i < line.getNumPoints(); ++i) ring.addPoint(line.getX(i), line.getY(i));
    auto island = std::make_unique<OGRPolygon>();
    island->addRing(&ring);
    if (island->IsValid()) {
      islands.push_back(std::move(island));
    } else if (std::unique_ptr<OGRGeometry> repaired(island->MakeValid()); repaired && !repaired->IsEmpty()) {
      islands.push_back(std::move(repaired));
    }
  }
  std::vector<std::unique_ptr<OGRGeometry>> sea_faces;
  if (!open.empty()) sea_faces = SeaFaces(open, region);
  else sea_faces.emplace_back(region.clone());
  std::vector<bool> in_sea(islands.size(), false);
  for (auto& face : sea_faces)
    for (std::size_t i = 0; i < islands.size() && face; ++i)
      if (face->Intersects(islands[i].get())) {
        in_sea[i] = true;
        face.reset(face->Difference(islands[i].get()));
      }
  for (std::size_t i = 0; i < islands.size(); ++i)
    if (!in_sea[i] && islands[i]->Intersects(&region))
      ctx.diagnostics.Warn("closed coastline on the land side of the coastline (an island on land?): ignored", where);
  double sea_area = 0;
  for (const auto& face : sea_faces) {
    if (!face || face->IsEmpty()) continue;
    auto polygons = PrepareFootprint(*face, nullptr, "coastline: sea", ctx.frame, ctx.area, ctx.diagnostics);
    if (polygons.empty()) continue;
    sea_area += OGR_G_Area(OGRGeometry::ToHandle(face.get()));
    Feature f;
    f.layer = "coastline";
    f.name = "sea";
    AddWaterArea(polygons, std::move(f), ctx);
  }
  return sea_area;
}

}  // namespace geo::detail
