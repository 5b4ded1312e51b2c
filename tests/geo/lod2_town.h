// A small LoD1+LoD2 town at national heights (ground at 400 m, EPSG:25832 near Munich),
// written in the test as CityGML 2.0, CityGML 1.0 or CityJSON 2.0 with the same buildings:
//  - B1: a 10 x 10 m gable house (eaves 406 m, ridge 410 m along x) in LoD2, a 408 m box in LoD1;
//  - B2: no geometry of its own, two BuildingParts: P1 10 x 10 m up to 412 m, P2 6 x 10 m up
//    to 406 m (flat boxes in LoD1 and LoD2).
// LoD2 surfaces are bounded-by Wall/Roof/GroundSurfaces; the CityGML lod2Solid refers to them
// by xlink, as real files do.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace testing_util {

struct Pt3 {
  double x, y, z;
};
struct TownSurface {
  std::string semantic;  // WallSurface, RoofSurface, GroundSurface
  std::vector<Pt3> ring;  // outer ring, open, counter-clockwise seen from outside
};
struct TownObject {
  std::string id, type, parent;  // type Building or BuildingPart; parent: the Building
  std::vector<TownSurface> lod1, lod2;
};

inline std::vector<TownSurface> BoxSurfaces(double x0, double y0, double x1, double y1, double z0,
                                            double z1) {
  return {{"GroundSurface", {{x0, y0, z0}, {x0, y1, z0}, {x1, y1, z0}, {x1, y0, z0}}},
          {"RoofSurface", {{x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}}},
          {"WallSurface", {{x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1}}},
          {"WallSurface", {{x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, {x1, y0, z1}}},
          {"WallSurface", {{x1, y1, z0}, {x0, y1, z0}, {x0, y1, z1}, {x1, y1, z1}}},
          {"WallSurface", {{x0, y1, z0}, {x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}}}};
}

inline std::vector<TownSurface> GableSurfaces(double x0, double y0, double x1, double y1,
                                              double z0, double eave, double ridge) {
  const double ym = (y0 + y1) / 2;
  return {{"GroundSurface", {{x0, y0, z0}, {x0, y1, z0}, {x1, y1, z0}, {x1, y0, z0}}},
          {"WallSurface", {{x0, y0, z0}, {x1, y0, z0}, {x1, y0, eave}, {x0, y0, eave}}},
          {"WallSurface", {{x1, y1, z0}, {x0, y1, z0}, {x0, y1, eave}, {x1, y1, eave}}},
          {"WallSurface", {{x0, y1, z0}, {x0, y0, z0}, {x0, y0, eave}, {x0, ym, ridge}, {x0, y1, eave}}},
          {"WallSurface", {{x1, y0, z0}, {x1, y1, z0}, {x1, y1, eave}, {x1, ym, ridge}, {x1, y0, eave}}},
          {"RoofSurface", {{x0, y0, eave}, {x1, y0, eave}, {x1, ym, ridge}, {x0, ym, ridge}}},
          {"RoofSurface", {{x1, y1, eave}, {x0, y1, eave}, {x0, ym, ridge}, {x1, ym, ridge}}}};
}

inline std::vector<TownObject> Lod2Town(double x = 691000, double y = 5334000, double z = 400) {
  return {{"B1", "Building", "", BoxSurfaces(x + 10, y + 10, x + 20, y + 20, z, z + 8),
           GableSurfaces(x + 10, y + 10, x + 20, y + 20, z, z + 6, z + 10)},
          {"B2", "Building", "", {}, {}},
          {"P1", "BuildingPart", "B2", BoxSurfaces(x + 30, y + 10, x + 40, y + 20, z, z + 12),
           BoxSurfaces(x + 30, y + 10, x + 40, y + 20, z, z + 12)},
          {"P2", "BuildingPart", "B2", BoxSurfaces(x + 40, y + 10, x + 46, y + 20, z, z + 6),
           BoxSurfaces(x + 40, y + 10, x + 46, y + 20, z, z + 6)}};
}

inline std::string GmlPosList(const std::vector<Pt3>& ring) {
  std::string s;
  for (std::size_t i = 0; i <= ring.size(); ++i) {  // closed: the first point repeated
    const Pt3& p = ring[i % ring.size()];
    s += fmt::format("{}{:.3f} {:.3f} {:.3f}", s.empty() ? "" : " ", p.x, p.y, p.z);
  }
  return s;
}

inline std::string GmlPolygon(const std::vector<Pt3>& ring, const std::string& id) {
  return fmt::format(
      "<gml:Polygon{}><gml:exterior><gml:LinearRing><gml:posList srsDimension=\"3\">{}</gml:posList>"
      "</gml:LinearRing></gml:exterior></gml:Polygon>",
      id.empty() ? "" : " gml:id=\"" + id + "\"", GmlPosList(ring));
}

// version "2.0" or "1.0"; srs_name as the file's envelope carries it.
inline std::filesystem::path WriteCityGml(const std::filesystem::path& path,
                                          const std::vector<TownObject>& town,
                                          const std::string& version, const std::string& srs_name) {
  std::string body;
  auto object_xml = [&](const TownObject& o) {
    const std::string tag = "bldg:" + o.type;
    std::string s = fmt::format("<{} gml:id=\"{}\">", tag, o.id);
    if (!o.lod1.empty()) {
      s += "<bldg:lod1Solid><gml:Solid><gml:exterior><gml:CompositeSurface>";
      for (const auto& f : o.lod1) s += "<gml:surfaceMember>" + GmlPolygon(f.ring, "") + "</gml:surfaceMember>";
      s += "</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod1Solid>";
    }
    if (!o.lod2.empty()) {
      s += "<bldg:lod2Solid><gml:Solid><gml:exterior><gml:CompositeSurface>";
      for (std::size_t i = 0; i < o.lod2.size(); ++i)
        s += fmt::format("<gml:surfaceMember xlink:href=\"#{}_s{}\"/>", o.id, i);
      s += "</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod2Solid>";
      for (std::size_t i = 0; i < o.lod2.size(); ++i)
        s += fmt::format(
            "<bldg:boundedBy><bldg:{0} gml:id=\"{1}_b{2}\"><bldg:lod2MultiSurface><gml:MultiSurface>"
            "<gml:surfaceMember>{3}</gml:surfaceMember></gml:MultiSurface></bldg:lod2MultiSurface>"
            "</bldg:{0}></bldg:boundedBy>",
            o.lod2[i].semantic, o.id, i, GmlPolygon(o.lod2[i].ring, o.id + "_s" + std::to_string(i)));
    }
    return s;
  };
  for (const TownObject& o : town) {
    if (o.type != "Building") continue;
    std::string s = object_xml(o);
    for (const TownObject& p : town)
      if (p.parent == o.id)
        s += "<bldg:consistsOfBuildingPart>" + object_xml(p) + "</bldg:BuildingPart></bldg:consistsOfBuildingPart>";
    body += "<core:cityObjectMember>" + s + "</bldg:Building></core:cityObjectMember>\n";
  }
  const std::string citygml = "http://www.opengis.net/citygml/" + version;
  const std::string text = fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<core:CityModel xmlns:core="{0}" xmlns:bldg="http://www.opengis.net/citygml/building/{1}" xmlns:gml="http://www.opengis.net/gml" xmlns:xlink="http://www.w3.org/1999/xlink">
<gml:boundedBy><gml:Envelope srsName="{2}" srsDimension="3"><gml:lowerCorner>691010 5334010 400</gml:lowerCorner><gml:upperCorner>691046 5334020 412</gml:upperCorner></gml:Envelope></gml:boundedBy>
{3}</core:CityModel>
)",
      citygml, version, srs_name, body);
  return WriteText(path, text);
}

inline std::filesystem::path WriteTownCityJson(const std::filesystem::path& path,
                                               const std::vector<TownObject>& town, int epsg) {
  std::string vertices, objects;
  std::size_t n = 0;
  auto solid = [&](const std::vector<TownSurface>& surfaces, const std::string& lod) {
    std::string b, values, kinds;
    std::vector<std::string> semantic_types;
    for (const auto& f : surfaces) {
      std::string ring;
      for (const Pt3& p : f.ring) {
        vertices += fmt::format("{}[{:.3f},{:.3f},{:.3f}]", n ? "," : "", p.x, p.y, p.z);
        ring += fmt::format("{}{}", ring.empty() ? "" : ",", n++);
      }
      b += fmt::format("{}[[{}]]", b.empty() ? "" : ",", ring);
      auto it = std::find(semantic_types.begin(), semantic_types.end(), f.semantic);
      if (it == semantic_types.end()) it = semantic_types.insert(semantic_types.end(), f.semantic);
      values += fmt::format("{}{}", values.empty() ? "" : ",", it - semantic_types.begin());
    }
    for (const auto& t : semantic_types) kinds += fmt::format("{}{{\"type\":\"{}\"}}", kinds.empty() ? "" : ",", t);
    return fmt::format(R"({{"type":"Solid","lod":"{}","boundaries":[[{}]],"semantics":{{"surfaces":[{}],"values":[[{}]]}}}})",
                       lod, b, kinds, values);
  };
  for (const TownObject& o : town) {
    std::string geometry;
    if (!o.lod1.empty()) geometry += solid(o.lod1, "1");
    if (!o.lod2.empty()) geometry += (geometry.empty() ? "" : ",") + solid(o.lod2, "2");
    std::string links;
    if (!o.parent.empty()) links = fmt::format(R"(,"parents":["{}"])", o.parent);
    std::string children;
    for (const TownObject& p : town)
      if (p.parent == o.id) children += fmt::format("{}\"{}\"", children.empty() ? "" : ",", p.id);
    if (!children.empty()) links += ",\"children\":[" + children + "]";
    objects += fmt::format(R"({}"{}":{{"type":"{}","geometry":[{}]{}}})", objects.empty() ? "" : ",",
                           o.id, o.type, geometry, links);
  }
  return WriteText(path, fmt::format(R"({{"type":"CityJSON","version":"2.0",
"metadata":{{"referenceSystem":"https://www.opengis.net/def/crs/EPSG/0/{}"}},
"vertices":[{}],"CityObjects":{{{}}}}})",
                                     epsg, vertices, objects));
}

}  // namespace testing_util
