// The base town of the corpus (see corpus.h).
#include "app/corpus/corpus.h"

namespace corpus {

const std::string& BaseScenario() {
  // Line numbers matter: cases name them in their expected messages.
  static const std::string text =
      "version: 1\n"                                                                         // 1
      "name: Corpus town\n"                                                                  // 2
      "crs: EPSG:28992\n"                                                                    // 3
      "area: {bbox: [84980, 447480, 85040, 447540], crs: EPSG:28992}\n"                      // 4
      "city:\n"                                                                              // 5
      "  - {source: city.geojson, height_attribute: height}\n"                               // 6
      "grid: {resolution_m: 1, height_m: 1.7}\n"                                             // 7
      "camera_models:\n"                                                                     // 8
      "  dome: {resolution: [1920, 1080], hfov_deg: 90, range_m: [0.5, 40], cost: 100}\n"    // 9
      "cameras:\n"                                                                           // 10
      "  - {id: C01, model: dome, position: [84990, 447490], height_m: 6, yaw: 45, pitch: -20}\n"  // 11
      "zones:\n"                                                                             // 12
      "  - {name: Plaza, kind: priority, dori: detect, polygon: [[84985, 447485], [84998, 447485], [84998, 447498]]}\n"  // 13
      "optimise: {budget: 300, time_limit_s: 2, candidates: {facades: true, poles: false, spacing_m: 10}}\n";  // 14
  return text;
}

const std::string& BaseCity() {
  static const std::string text = R"({"type": "FeatureCollection",
"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
"features": [
{"type": "Feature", "properties": {"id": "B1", "height": 10}, "geometry": {"type": "Polygon", "coordinates": [[[85000, 447500], [85020, 447500], [85020, 447520], [85000, 447520], [85000, 447500]]]}},
{"type": "Feature", "properties": {"id": "B2", "height": 6}, "geometry": {"type": "Polygon", "coordinates": [[[85025, 447500], [85035, 447500], [85035, 447510], [85025, 447510], [85025, 447500]]]}}
]}
)";
  return text;
}

std::string Replace(const std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) return "<corpus: '" + from + "' not found in the base file>";
  return text.substr(0, at) + to + text.substr(at + from.size());
}

std::string Scenario(const std::string& from, const std::string& to) { return Replace(BaseScenario(), from, to); }
std::string City(const std::string& from, const std::string& to) { return Replace(BaseCity(), from, to); }

}  // namespace corpus
