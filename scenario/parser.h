// The scenario parser's shared machinery (internal to scenario/, not a public header): strict
// key checks, typed getters whose errors name the file and line, and one method per top-level
// section. Each section lives in its own file: parse_city.cpp (city sources, area, defaults),
// parse_grid.cpp (grid, density levels), parse_cameras.cpp (camera models, cameras),
// parse_zones.cpp, parse_optimise.cpp, parse_agents.cpp, parse_network.cpp, parse_feeds.cpp; parser.cpp holds the
// helpers and the top-level recipe.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "scenario/camera_fields.h"
#include "scenario/catalogue.h"
#include "scenario/scenario.h"

namespace scenario::detail {

class Parser {
 public:
  explicit Parser(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& problem) const;
  [[noreturn]] void FailEmptyText(const YAML::Node& node, const std::string& what) const;
  void CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                 const std::string& context) const;

  template <typename T>
  T Get(const YAML::Node& node, const std::string& what) const {
    try {
      // yaml-cpp reads an empty value (`name:`, `~`) as the text "null".
      if constexpr (std::is_same_v<T, std::string>)
        if (node.IsNull()) FailEmptyText(node, what);
      T value = node.as<T>();
      // YAML's "\0" escape: a NUL would cut the text short in every C library downstream.
      if constexpr (std::is_same_v<T, std::string>)
        if (value.find('\0') != std::string::npos) Fail(node, what + " contains a NUL character (\\0)");
      return value;
    } catch (const YAML::Exception&) {
      // A number where a whole one is wanted: too large for it, or with a fraction.
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        double number = 0;
        if (node.IsScalar() && YAML::convert<double>::decode(node, number) && std::isfinite(number))
          Fail(node, what + (number == std::floor(number)
                                 ? " is too large (at most " + std::to_string(std::numeric_limits<T>::max()) + ")"
                                 : std::string(" must be a whole number")) +
                         " (got " + node.Scalar() + ")");
      }
      Fail(node, what + " has the wrong type (got " +
                     (node.IsScalar()     ? "'" + node.Scalar() + "'"
                      : node.IsSequence() ? std::string("a list")
                      : node.IsMap()      ? std::string("a mapping")
                                          : std::string("nothing: the value is empty")) +
                     ")");
    }
  }
  double GetPositive(const YAML::Node& node, const std::string& what) const;
  // A length or height in metres: positive and below the frame's bound (1e308 is finite, but
  // no building is that tall and Embree cannot take it).
  double GetPositiveHeight(const YAML::Node& node, const std::string& what) const;
  double GetCoordinate(const YAML::Node& node, const std::string& what) const;
  double GetInRange(const YAML::Node& node, const std::string& what, double lo, double hi) const;
  static std::string Format(double v);
  // One pass over the whole document before anything is interpreted: every key a plain
  // scalar, no key twice in one mapping (yaml-cpp keeps the first silently), every text valid
  // UTF-8. Iterative, so no document can exhaust the stack; aliases are not followed twice in
  // a way that could explode (the node budget bounds "billion laughs" documents).
  // `text`: the document's text, to name the line of an empty list item (`-` alone).
  void CheckDocument(const YAML::Node& root, std::string_view text = {}) const;
  // YAML 1.1 merge keys (`<<: *defaults`), which yaml-cpp 0.7 keeps as a plain key named
  // "<<": each mapping takes the keys of the merged mapping(s) it does not give itself.
  void ResolveMergeKeys(YAML::Node root) const;
  // A CRS definition PROJ understands, checked here so the error names the scenario line
  // (each distinct definition once: 100,000 cameras may all say EPSG:4326).
  std::string GetCrs(const YAML::Node& node, const std::string& what) const;
  std::filesystem::path Resolve(const std::string& path) const;
  geo::SourceRole Role(const YAML::Node& node) const;
  // `city:`: at least one source (`root` for the message when the key is missing).
  std::vector<geo::CitySource> Sources(const YAML::Node& city, const YAML::Node& root) const;
  geo::CitySource Source(const YAML::Node& node, std::size_t index) const;
  // "2", "1.2": a CityGML/CityJSON level of detail from 0 to 4.
  std::string Lod(const YAML::Node& node) const;
  geo::AreaOfInterest Area(const YAML::Node& node, bool scenario_has_crs) const;
  geo::CityDefaults Defaults(const YAML::Node& node) const;
  std::string Line(const YAML::Node& node) const;
  sim::DensityLevels Levels(const YAML::Node& node) const;
  sim::GridOptions GridOpts(const YAML::Node& node) const;
  // Keys shared by camera models and cameras: the optics, range and cost of the camera field
  // table (camera_fields.h); placement keys are a camera's own.
  static bool IsPlacement(CameraAttribute a);
  static const std::set<std::string>& FieldKeys();
  // A camera's keys: every YAML key of the table, plus the layer names of its angles (yaw_deg...).
  static const std::set<std::string>& CameraKeys();
  // The node of a placement field under its YAML key or its layer name, not both.
  YAML::Node Placement(const YAML::Node& node, CameraAttribute a) const;
  CameraFields Fields(const YAML::Node& node) const;
  // One model of `camera_models:` or a catalogue file: Fields() plus the model-only keys.
  CameraFields Model(const YAML::Node& node, const std::string& name) const;
  // A catalogue file's document (parse_catalogue.cpp).
  Catalogue CatalogueDoc(const std::string& text);
  Accessory AccessoryEntry(const YAML::Node& node, const std::string& key) const;
  // `camera_models:`; adds each model's name to `names`.
  std::map<std::string, CameraFields> CameraModels(const YAML::Node& models, std::set<std::string>& names) const;
  // `cameras:`: a list, or {source: file} of points.
  void Cameras(const YAML::Node& cams, const std::set<std::string>& models, Scenario& s) const;
  CameraSpec Camera(const YAML::Node& node, std::size_t index, const std::set<std::string>& models) const;
  std::vector<ZoneSpec> Zones(const YAML::Node& zones) const;
  ZoneSpec Zone(const YAML::Node& node, std::size_t index) const;
  std::vector<double> Numbers(const YAML::Node& node, const std::string& what) const;
  OptimiseSpec Optimise(const YAML::Node& node, const std::set<std::string>& models) const;
  double GetNonNegative(const YAML::Node& node, const std::string& what) const;
  WalkerSpec Walker(const YAML::Node& node, std::size_t index) const;
  AgentsSpec Agents(const YAML::Node& node) const;
  // `network:` (parse_network.cpp); `cameras` so that no node takes a camera's id.
  NetworkSpec Network(const YAML::Node& node, const std::vector<CameraSpec>& cameras) const;
  NetNodeSpec NetNode(const YAML::Node& node, std::size_t index) const;
  NetLinkSpec NetLink(const YAML::Node& node, std::size_t index) const;
  StreamSpec Stream(const YAML::Node& node, const std::string& camera) const;
  FailureSpec Failure(const YAML::Node& node, std::size_t index) const;
  FeedsSpec Feeds(const YAML::Node& node) const;  // parse_feeds.cpp
  BackgroundSpec Background(const YAML::Node& node) const;  // parser.cpp
  OutputSpec Outputs(const YAML::Node& node) const;         // parser.cpp

  // Text → a YAML mapping, checked by CheckDocument; a NUL byte, a syntax error or another
  // kind of document names the file and line. `what`: "a scenario", "a camera catalogue".
  YAML::Node LoadMapping(const std::string& text, const std::string& what) const;
  // The whole document: one call per section.
  Scenario Parse(const std::string& text);

 private:
  // The `cameras:` list cut out of the text and read one item at a time (parser.cpp).
  struct CameraListText;
  // The list, when the text has one the cut-out reading can take; nullopt otherwise.
  static std::optional<CameraListText> CutCameraList(const std::string& text);
  Scenario ParseDocument(const YAML::Node& root, const CameraListText* cameras);
  void CamerasFromText(const CameraListText& list, const std::set<std::string>& models, Scenario& s) const;
  // The checks of one listed camera, whether read from the tree or from its own text.
  void AddCamera(const YAML::Node& node, std::size_t index, const std::set<std::string>& models,
                 std::set<std::string>& ids, Scenario& s) const;
  int LineOf(const YAML::Mark& mark) const { return mark.line + 1 + line_offset_; }
  // The line a message about `node` names: an empty value's own (yaml-cpp marks it where the
  // next token starts, often the next line) is its key's.
  int LineOfNode(const YAML::Node& node) const;

  std::filesystem::path file_;
  mutable int line_offset_ = 0;  // lines before the text being read (one camera of the list)
  const sim::DensityLevels* levels_ = nullptr;  // set once parsed, for zone level names
  mutable std::set<std::string> known_crs_;     // definitions already checked
  // The key's line of each empty value (`key:` and nothing after it), by the document's line
  // offset and the value's position in it.
  mutable std::map<std::pair<int, std::size_t>, int> empty_value_lines_;
};

}  // namespace scenario::detail
