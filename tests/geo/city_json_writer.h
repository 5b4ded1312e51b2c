// LoD2-like CityJSON written in the test: buildings as Solids with GroundSurface, WallSurface
// and RoofSurface semantics at national heights (Zurich, EPSG:2056, 400-620 m), an optional roof
// overhang (eave), LandUse patches and WaterBodies. Coordinates are local metres added to
// `origin`; the file stores them with a CityJSON transform, as real files do.
#pragma once

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace testing_util {

struct Lod2Building {
  double x0, y0, x1, y1;  // footprint (local metres)
  double base_z, top_z;   // absolute heights
  double eave_west_m = 0; // roof overhang beyond the west wall
};

struct FlatPatch {  // LandUse or WaterBody: a horizontal rectangle
  std::string type;
  double x0, y0, x1, y1, z;
};

class CityJsonWriter {
 public:
  explicit CityJsonWriter(std::array<double, 2> origin = {2683000, 1247000}, int epsg = 2056)
      : origin_(origin), epsg_(epsg) {}

  CityJsonWriter& Add(const Lod2Building& b) {
    const int v = Corner(b.x0, b.y0, b.base_z), b1 = Corner(b.x1, b.y0, b.base_z),
              b2 = Corner(b.x1, b.y1, b.base_z), b3 = Corner(b.x0, b.y1, b.base_z);
    const int t0 = Corner(b.x0, b.y0, b.top_z), t1 = Corner(b.x1, b.y0, b.top_z),
              t2 = Corner(b.x1, b.y1, b.top_z), t3 = Corner(b.x0, b.y1, b.top_z);
    std::string roof = fmt::format("[[{},{},{},{}]]", t0, t1, t2, t3);
    if (b.eave_west_m > 0) {
      const int e0 = Corner(b.x0 - b.eave_west_m, b.y0, b.top_z), e3 = Corner(b.x0 - b.eave_west_m, b.y1, b.top_z);
      roof = fmt::format("[[{},{},{},{}]]", e0, t1, t2, e3);
    }
    const std::string shell = fmt::format(
        "[[[{0},{3},{2},{1}]],[[{0},{1},{5},{4}]],[[{1},{2},{6},{5}]],[[{2},{3},{7},{6}]],[[{3},{0},{4},{7}]],{8}]",
        v, b1, b2, b3, t0, t1, t2, t3, roof);
    Object("Building", fmt::format(
        R"({{"type":"Solid","lod":"2.2","boundaries":[{}],"semantics":{{"surfaces":[{{"type":"GroundSurface"}},{{"type":"WallSurface"}},{{"type":"RoofSurface"}}],"values":[[0,1,1,1,1,2]]}}}})",
        shell));
    return *this;
  }

  CityJsonWriter& Add(const FlatPatch& p) {
    const int a = Corner(p.x0, p.y0, p.z), b = Corner(p.x1, p.y0, p.z), c = Corner(p.x1, p.y1, p.z),
              d = Corner(p.x0, p.y1, p.z);
    Object(p.type, fmt::format(R"({{"type":"MultiSurface","lod":"1","boundaries":[[[{},{},{},{}]]]}})", a, b, c, d));
    return *this;
  }

  std::filesystem::path Write(const std::filesystem::path& path) const {
    std::string vertices;
    for (const auto& v : vertices_) vertices += (vertices.empty() ? "" : ",") + v;
    return WriteText(path, fmt::format(
        R"({{"type":"CityJSON","version":"2.0","transform":{{"scale":[0.001,0.001,0.001],"translate":[{},{},0]}},
"metadata":{{"referenceSystem":"https://www.opengis.net/def/crs/EPSG/0/{}"}},
"CityObjects":{{{}}},"vertices":[{}]}})",
        origin_[0], origin_[1], epsg_, objects_, vertices));
  }

 private:
  int Corner(double x, double y, double z) {
    vertices_.push_back(fmt::format("[{},{},{}]", std::lround(x * 1000), std::lround(y * 1000), std::lround(z * 1000)));
    return static_cast<int>(vertices_.size() - 1);
  }
  void Object(const std::string& type, const std::string& geometry) {
    objects_ += fmt::format(R"({}"{}{}":{{"type":"{}","geometry":[{}]}})", objects_.empty() ? "" : ",", type,
                            ++count_, type, geometry);
  }
  std::array<double, 2> origin_;
  int epsg_;
  std::vector<std::string> vertices_;
  std::string objects_;
  int count_ = 0;
};

}  // namespace testing_util
