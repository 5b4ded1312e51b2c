// The parser's helpers and the top-level recipe: one call per section, in file order of need.
#include "scenario/parser.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/limits.h"
#include "core/utf8.h"
#include "geo/frame.h"

namespace scenario::detail {

int Parser::LineOfNode(const YAML::Node& node) const {
  if (node.IsNull())
    if (const auto it = empty_value_lines_.find({line_offset_, static_cast<std::size_t>(node.Mark().pos)});
        it != empty_value_lines_.end())
      return it->second;
  return LineOf(node.Mark());
}

void Parser::Fail(const YAML::Node& node, const std::string& problem) const {
  const std::string where = node.Mark().is_null() ? "" : "line " + std::to_string(LineOfNode(node));
  throw core::InputError(file_.string(), where, problem);
}

void Parser::FailEmptyText(const YAML::Node& node, const std::string& what) const {
  Fail(node, what + " is empty (a text is needed; quote \"null\" to mean the word)");
}

void Parser::CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed,
               const std::string& context) const {
  if (!map.IsMap()) Fail(map, context + " must be a mapping (key: value)");
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (allowed.count(key)) continue;
    // Top-level `x-...` keys hold anchors for reuse (`x-pole: &pole {...}`), as in Compose files.
    if (context == "scenario" && key.rfind("x-", 0) == 0) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    Fail(kv.first, "unknown key '" + key + "' in " + context + " (allowed: " + list + ")");
  }
}

double Parser::GetPositive(const YAML::Node& node, const std::string& what) const {
  const double v = Get<double>(node, what);
  if (!(v > 0) || !std::isfinite(v)) Fail(node, what + " must be a positive number");
  return v;
}

// A length or height in metres: positive and below the frame's bound (1e308 is finite, but
// no building is that tall and Embree cannot take it).
double Parser::GetPositiveHeight(const YAML::Node& node, const std::string& what) const {
  const double v = GetPositive(node, what);
  if (!core::SaneZ(v)) Fail(node, what + " must be below 10000 m");
  return v;
}

double Parser::GetCoordinate(const YAML::Node& node, const std::string& what) const {
  const double v = Get<double>(node, what);
  if (!core::SaneXY(v)) Fail(node, what + " must be a finite coordinate below 1e7 in magnitude");
  return v;
}

double Parser::GetInRange(const YAML::Node& node, const std::string& what, double lo, double hi) const {
  const double v = Get<double>(node, what);
  if (!(v >= lo && v <= hi)) Fail(node, what + " must be within [" + Format(lo) + ", " + Format(hi) + "]");
  return v;
}

std::string Parser::Format(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

namespace {

// Bounds of every walk over a document's tree (aliases make it a graph that can explode).
constexpr std::size_t kMaxNodes = 20'000'000;  // 100,000 cameras are about 2 million
constexpr std::size_t kMaxDepth = 64;          // a scenario is less than 10 deep

// A YAML merge key: `<<` plain (quoted, "<<" is an ordinary key).
bool IsMergeKey(const YAML::Node& key) { return key.IsScalar() && key.Tag() != "!" && key.Scalar() == "<<"; }

}  // namespace

// One pass over the whole document before anything is interpreted: every key a plain
// scalar, no key twice in one mapping (yaml-cpp keeps the first silently), every text valid
// UTF-8. Iterative, so no document can exhaust the stack. Aliases: one that contains itself
// makes the tree endlessly deep (stopped by the depth bound at once), and aliases of aliases
// that multiply ("billion laughs") are stopped by the node budget.
namespace {

// The 0-based line of the `-` of an empty list item whose null node yaml-cpp marks at `mark`
// (where the next token starts): the nearest line above it holding nothing but a dash (and
// maybe a comment), past blank and comment lines; -1 when there is none. Walks back from the
// mark only, so that a file of many empty items costs each of them a line or two.
int DashLineAbove(std::string_view text, const YAML::Mark& mark) {
  constexpr std::size_t kNone = std::string_view::npos;
  const std::size_t at = std::min(static_cast<std::size_t>(std::max(mark.pos, 0)), text.size());
  std::size_t end = at == 0 ? kNone : text.rfind('\n', at - 1);  // the newline before the marked line
  for (int line = mark.line - 1; line >= 0 && end != kNone; --line) {
    const std::size_t before = end == 0 ? kNone : text.rfind('\n', end - 1);
    std::string_view row = text.substr(before == kNone ? 0 : before + 1, end - (before == kNone ? 0 : before + 1));
    if (const std::size_t hash = row.find(" #"); hash != kNone) row = row.substr(0, hash);
    const std::size_t first = row.find_first_not_of(" \t\r");
    if (first != kNone && row[first] != '#') {
      const std::size_t last = row.find_last_not_of(" \t\r");
      return first == last && row[first] == '-' ? line : -1;
    }
    end = before;  // blank or a comment: the line above
  }
  return -1;
}

}  // namespace

void Parser::CheckDocument(const YAML::Node& root, std::string_view text) const {
  std::size_t visited = 0;
  struct Pending {
    YAML::Node node;
    std::string name;  // its key
    std::size_t depth;
  };
  std::vector<Pending> stack{{root, "value", 0}};
  while (!stack.empty()) {
    auto [node, name, depth] = std::move(stack.back());
    stack.pop_back();
    if (++visited > kMaxNodes) Fail(node, "the document has too many nodes (aliases expanding?)");
    if (depth > kMaxDepth) Fail(node, "the document is nested too deeply (an alias that contains itself?)");
    if (node.IsScalar()) {
      if (!core::IsValidUtf8(node.Scalar())) Fail(node, name + " is not valid UTF-8");
    } else if (node.IsSequence()) {
      for (const YAML::Node& item : node) {
        if (item.IsNull() && !item.Mark().is_null() && !text.empty())
          if (const int dash = DashLineAbove(text, item.Mark()); dash >= 0)
            empty_value_lines_[{line_offset_, static_cast<std::size_t>(item.Mark().pos)}] = dash + 1 + line_offset_;
        stack.push_back({item, name, depth + 1});
      }
    } else if (node.IsMap()) {
      std::map<std::string, int> lines;  // key -> line of its first occurrence
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) Fail(kv.first, "a key must be a plain name, not a list or mapping");
        const std::string& key = kv.first.Scalar();
        if (!core::IsValidUtf8(key)) Fail(kv.first, "a key is not valid UTF-8");
        const int line = LineOf(kv.first.Mark());
        if (auto [it, fresh] = lines.emplace(key, line); !fresh)
          Fail(kv.first, "duplicate key '" + key + "' (first given on line " + std::to_string(it->second) + ")");
        if (kv.second.IsNull() && !kv.second.Mark().is_null() && kv.second.Mark().line > kv.first.Mark().line)
          empty_value_lines_[{line_offset_, static_cast<std::size_t>(kv.second.Mark().pos)}] = line;
        stack.push_back({kv.second, "'" + key + "'", depth + 1});
      }
    }
  }
}

void Parser::ResolveMergeKeys(YAML::Node root) const {
  // One mapping: its merged mappings first resolved themselves (a chain of defaults), then
  // their keys that it lacks copied in, first source first, as YAML's merge type says.
  const std::function<void(YAML::Node, std::size_t)> resolve = [&](YAML::Node map, std::size_t depth) {
    if (depth > kMaxDepth) return;  // CheckDocument names what is wrong
    YAML::Node merged;
    bool found = false;  // (a default YAML::Node is a defined null, not "none")
    for (const auto& kv : map)
      if (IsMergeKey(kv.first)) {
        merged = kv.second;
        found = true;
        break;  // a second one is a duplicate key: CheckDocument names it
      }
    if (!found) return;
    std::vector<YAML::Node> sources;
    if (merged.IsMap()) sources.push_back(merged);
    if (merged.IsSequence())
      for (const YAML::Node& m : merged) sources.push_back(m);
    if (sources.empty()) Fail(merged, "a merge key `<<` takes a mapping or a list of mappings");
    map.remove("<<");
    for (YAML::Node& source : sources) {
      if (!source.IsMap()) Fail(source, "a merge key `<<` takes a mapping or a list of mappings");
      resolve(source, depth + 1);
      const YAML::Node& lookup = map;  // const: a lookup must not add the key
      for (const auto& kv : source)
        if (kv.first.IsScalar() && !lookup[kv.first.Scalar()]) map[kv.first.Scalar()] = kv.second;
    }
  };
  std::size_t visited = 0;
  std::vector<std::pair<YAML::Node, std::size_t>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = std::move(stack.back());
    stack.pop_back();
    if (++visited > kMaxNodes || depth > kMaxDepth) return;  // CheckDocument says why
    if (node.IsMap()) resolve(node, depth);
    if (node.IsMap())
      for (const auto& kv : node) stack.push_back({kv.second, depth + 1});
    if (node.IsSequence())
      for (const YAML::Node& item : node) stack.push_back({item, depth + 1});
  }
}

// A CRS definition PROJ understands, checked here so the error names the scenario line
// (each distinct definition once: 100,000 cameras may all say EPSG:4326).
std::string Parser::GetCrs(const YAML::Node& node, const std::string& what) const {
  const std::string crs = Get<std::string>(node, what);
  if (known_crs_.count(crs)) return crs;
  try {
    geo::CrsToWkt(crs, "");
  } catch (const core::InputError&) {
    Fail(node, what + ": unknown CRS '" + crs + "'");
  }
  known_crs_.insert(crs);
  return crs;
}

std::filesystem::path Parser::Resolve(const std::string& path) const {
  std::filesystem::path p(path);
  return (p.is_absolute() ? p : file_.parent_path() / p).lexically_normal();
}

std::string Parser::Line(const YAML::Node& node) const {
  return node.Mark().is_null() ? "" : "line " + std::to_string(LineOfNode(node));
}

std::vector<double> Parser::Numbers(const YAML::Node& node, const std::string& what) const {
  std::vector<double> out;
  if (node.IsScalar()) return {Get<double>(node, what)};
  if (!node.IsSequence() || node.size() == 0) Fail(node, what + " must be a number or a list of numbers");
  for (const auto& v : node) out.push_back(Get<double>(v, what));
  return out;
}

double Parser::GetNonNegative(const YAML::Node& node, const std::string& what) const {
  const double v = Get<double>(node, what);
  if (!(v >= 0) || !std::isfinite(v)) Fail(node, what + " must be zero or a positive number");
  return v;
}

// Classic Mac OS line ends (a lone CR) are YAML line breaks, but yaml-cpp reads such a file as
// one line: a first line that is a comment then hides the whole document. A text with CRs and
// no LF has them turned into LFs; Windows' CRLF already reads as it is.
namespace {
// yaml-cpp's message for a tab in the indentation does not say "tab": name the first such line
// up to the error, "" if none.
std::string TabIndentHint(const std::string& text, int error_line) {
  int line = 1;
  for (std::size_t start = 0; start < text.size() && line <= error_line; ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::size_t indent_end = text.find_first_not_of(" \t", start);
    if (text.find('\t', start) < std::min(indent_end, end))
      return " (YAML indents with spaces, and line " + std::to_string(line) + " is indented with a tab)";
    start = end + 1;
  }
  return "";
}

std::string WithLineFeeds(const std::string& text) {
  if (text.find('\r') == std::string::npos || text.find('\n') != std::string::npos) return text;
  std::string out = text;
  std::replace(out.begin(), out.end(), '\r', '\n');
  return out;
}
}  // namespace

namespace {

// The 1-based line where a second YAML document starts ("---" after content, with content
// after it, or content after an end marker "..."), 0 when there is none. yaml-cpp reads the
// first document and drops the rest without a word. A bare "---" at the end opens an empty
// document: nothing is lost.
int SecondDocumentLine(const std::string& text) {
  bool content = false, ended = false;
  int line = 0, opened = 0;  // opened: the line of a "---" after content, nothing after it yet
  const auto has_content = [](std::string_view rest) {
    const std::size_t first = rest.find_first_not_of(" \t\r");
    return first != std::string_view::npos && rest[first] != '#';
  };
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view row(text.data() + at, end - at);
    ++line;
    at = end + 1;
    const auto marker = [&](std::string_view m) {
      return row.substr(0, 3) == m && (row.size() == 3 || row[3] == ' ' || row[3] == '\t' || row[3] == '\r');
    };
    if (marker("---")) {
      if (content && has_content(row.substr(3))) return line;  // "--- name: B"
      if (content) opened = line;
      content = content || has_content(row.substr(3));
      continue;
    }
    if (marker("...")) {
      ended = content;
      continue;
    }
    if (!has_content(row) || row[0] == '%') continue;
    if (opened) return opened;
    if (ended) return line;
    content = true;
  }
  return 0;
}

}  // namespace

YAML::Node Parser::LoadMapping(const std::string& original_text, const std::string& what) const {
  const std::string text = WithLineFeeds(original_text);
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
    throw core::InputError(file_.string(), "line " + std::to_string(line),
                           "contains a NUL byte (a binary file, not YAML text?)");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw core::InputError(file_.string(), "line " + std::to_string(e.mark.line + 1),
                           "YAML syntax error: " + e.msg + TabIndentHint(text, e.mark.line + 1));
  }
  if (!root.IsMap()) throw core::InputError(file_.string(), "", what + " must be a YAML mapping");
  if (const int second = SecondDocumentLine(text))
    throw core::InputError(file_.string(), "line " + std::to_string(second),
                           "a second YAML document starts here: " + what +
                               " is one document (yaml-cpp would drop everything from this line)");
  ResolveMergeKeys(root);
  CheckDocument(root, text);
  return root;
}

// A long camera list costs yaml-cpp a node tree of about 8 KB per camera, all held until the
// whole document is read (800 MB for the load bench's 100,000 cameras). A top-level block list
// `cameras:` is therefore cut out of the text, each item read as a document of its own with its
// line numbers kept, and the rest of the document read as before. Anything this reading cannot
// take the way the whole document would (aliases across items, flow text spanning items, a
// syntax error) falls back to reading the whole document, which also gives its error.
struct Parser::CameraListText {
  std::string rest;  // the document, the list's lines blanked and its key given `[]`
  struct Item {
    int first_line = 0;  // 0-based line of the item's "-"
    std::string_view text;
  };
  std::vector<Item> items;
};

namespace {

struct NotSliceable {};  // the cut-out reading gives up; the whole document is read instead

std::size_t IndentOf(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

bool BlankOrComment(std::string_view line) {
  const std::size_t n = IndentOf(line);
  return n == line.size() || line[n] == '#' || line[n] == '\r';
}

bool IsItemStart(std::string_view line, std::size_t indent) {
  return IndentOf(line) == indent && line.size() > indent && line[indent] == '-' &&
         (line.size() == indent + 1 || line[indent + 1] == ' ' || line[indent + 1] == '\r');
}

}  // namespace

std::optional<Parser::CameraListText> Parser::CutCameraList(const std::string& text) {
  // Tabs (not YAML indentation) and several documents: the whole document says what it means.
  if (text.rfind("---", 0) == 0 || text.find("\n---") != std::string::npos ||
      text.find('\t') != std::string::npos)
    return std::nullopt;
  // Lines of the text (views into it).
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    lines.emplace_back(text.data() + at, end - at);
    at = end + 1;
  }
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::string_view l = lines[k];
    if (l.rfind("cameras:", 0) != 0) continue;
    l.remove_prefix(8);
    if (!BlankOrComment(l)) break;  // a flow list or {source: file}: small, read as it is
    std::size_t first = k + 1;
    while (first < lines.size() && BlankOrComment(lines[first])) ++first;
    if (first == lines.size() || !IsItemStart(lines[first], IndentOf(lines[first]))) break;
    const std::size_t indent = IndentOf(lines[first]);
    CameraListText cut;
    std::size_t end = first;
    for (; end < lines.size(); ++end) {
      const std::string_view l2 = lines[end];
      if (IsItemStart(l2, indent)) {
        cut.items.push_back({static_cast<int>(end), l2});
        continue;
      }
      if (BlankOrComment(l2) || IndentOf(l2) > indent) continue;
      break;  // the next top-level key
    }
    // Each item's text runs to the next item's first line (comments and blank lines included).
    for (std::size_t i = 0; i < cut.items.size(); ++i) {
      const char* from = cut.items[i].text.data();
      const char* to = i + 1 < cut.items.size() ? cut.items[i + 1].text.data()
                                               : (end < lines.size() ? lines[end].data() : text.data() + text.size());
      cut.items[i].text = std::string_view(from, static_cast<std::size_t>(to - from));
    }
    // The rest: the same lines, the key given an empty list and the items blanked, so every
    // line number of the rest stays what it is in the file.
    cut.rest.reserve(text.size() / 8);
    for (std::size_t j = 0; j < lines.size(); ++j) {
      if (j == k)
        cut.rest += "cameras: []";
      else if (j < first || j >= end)
        cut.rest += lines[j];
      if (j + 1 < lines.size()) cut.rest += '\n';
    }
    return cut;
  }
  return std::nullopt;
}

Scenario Parser::Parse(const std::string& original_text) {
  const std::string text = WithLineFeeds(original_text);
  if (const std::optional<CameraListText> list = CutCameraList(text)) {
    try {
      YAML::Node root;
      try {
        root = LoadMapping(list->rest, "a scenario");
      } catch (const core::InputError&) {
        throw NotSliceable{};  // the whole document says what is wrong, with its own lines
      }
      return ParseDocument(root, &*list);
    } catch (const NotSliceable&) {
    }
  }
  return ParseDocument(LoadMapping(text, "a scenario"), nullptr);
}

void Parser::CamerasFromText(const CameraListText& list, const std::set<std::string>& models, Scenario& s) const {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    YAML::Node doc;
    try {
      doc = YAML::Load(std::string(list.items[i].text));
    } catch (const YAML::Exception&) {
      throw NotSliceable{};
    }
    if (!doc.IsSequence() || doc.size() != 1) throw NotSliceable{};
    struct Offset {  // this item's marks count from its own first line
      int& value;
      ~Offset() { value = 0; }
    } offset{line_offset_};
    line_offset_ = list.items[i].first_line;
    ResolveMergeKeys(doc);
    CheckDocument(doc, list.items[i].text);
    AddCamera(doc[0], i, models, ids, s);
  }
}

Scenario Parser::ParseDocument(const YAML::Node& root, const CameraListText* listed_cameras) {
  CheckKeys(root, {"version", "name", "crs", "area", "city", "defaults", "grid", "density_levels",
                   "catalogue", "camera_models", "cameras", "zones", "optimise", "agents", "network", "feeds", "background", "outputs"}, "scenario");
  Scenario s;
  s.file = file_;
  if (!root["version"]) Fail(root, "missing `version: 1`");
  s.version = Get<int>(root["version"], "version");
  if (s.version != 1) Fail(root["version"], "unsupported scenario version " + std::to_string(s.version) + " (this sightline reads version 1)");
  if (root["name"]) s.name = Get<std::string>(root["name"], "name");
  if (root["crs"]) {
    s.city.crs = GetCrs(root["crs"], "crs");
    if (const std::string why = geo::ScenarioCrsProblem(s.city.crs); !why.empty()) Fail(root["crs"], why);
  }
  if (root["area"]) s.city.area = Area(root["area"], !s.city.crs.empty());
  if (root["defaults"]) s.city.defaults = Defaults(root["defaults"]);
  s.city.sources = Sources(root["city"], root);
  if (root["grid"]) s.grid = GridOpts(root["grid"]);
  if (root["density_levels"]) s.levels = Levels(root["density_levels"]);
  levels_ = &s.levels;
  std::set<std::string> model_names;
  if (const YAML::Node models = root["camera_models"]) s.camera_models = CameraModels(models, model_names);
  if (const YAML::Node cat = root["catalogue"]) {  // its models join the inline ones
    s.catalogue = Resolve(Get<std::string>(cat, "catalogue"));
    if (std::filesystem::is_directory(s.catalogue))
      Fail(cat, "camera catalogue '" + s.catalogue.string() + "' is a folder, not a catalogue file");
    if (!std::filesystem::is_regular_file(s.catalogue))
      Fail(cat, "camera catalogue '" + s.catalogue.string() + "' not found");
    Catalogue c = LoadCatalogue(s.catalogue);
    for (auto& [name, fields] : c.models) {
      if (s.camera_models.count(name))
        Fail(root["camera_models"][name], "camera model '" + name + "' is also in the catalogue (" + fields.where +
                                              "); rename one of them");
      s.camera_models.emplace(name, std::move(fields));
      model_names.insert(name);
    }
    s.accessories = std::move(c.accessories);
  }
  if (listed_cameras)
    CamerasFromText(*listed_cameras, model_names, s);
  else if (const YAML::Node cams = root["cameras"])
    Cameras(cams, model_names, s);
  if (const YAML::Node o = root["optimise"]) s.optimise = Optimise(o, model_names);
  if (const YAML::Node a = root["agents"]) s.agents = Agents(a);
  if (const YAML::Node zones = root["zones"]) s.zones = Zones(zones);
  if (s.agents)  // demand weights name zones: known only now
    for (const auto& weight : s.agents->demand_weights) {
      const std::string& zone = weight.first;  // a named copy: clang cannot capture structured bindings
      if (std::none_of(s.zones.begin(), s.zones.end(), [&](const ZoneSpec& z) { return z.name == zone; }))
        Fail(root["agents"]["demand_weights"], "demand_weights: no zone named '" + zone + "' in zones:");
    }
  if (const YAML::Node n = root["network"]) s.network = Network(n, s.cameras);
  if (const YAML::Node f = root["feeds"]) s.feeds = Feeds(f);
  if (const YAML::Node b = root["background"]) s.background = Background(b);
  if (const YAML::Node o = root["outputs"]) s.outputs = Outputs(o);
  return s;
}

OutputSpec Parser::Outputs(const YAML::Node& node) const {
  if (!node.IsMap()) Fail(node, "outputs is a map, e.g. {geotiff_compression: deflate}");
  CheckKeys(node, {"geotiff_compression"}, "outputs");
  OutputSpec o;
  if (const YAML::Node c = node["geotiff_compression"]) {
    const std::string text = Get<std::string>(c, "geotiff_compression");
    if (text == "zstd") o.geotiff_compression = geo::TiffCompression::zstd;
    else if (text == "deflate") o.geotiff_compression = geo::TiffCompression::deflate;
    else Fail(c, "geotiff_compression '" + text + "' is not one of zstd (the default), deflate (for readers without ZSTD)");
  }
  return o;
}

BackgroundSpec Parser::Background(const YAML::Node& node) const {
  BackgroundSpec b;
  b.where = Line(node);
  // The raster's name: a value given (an empty `file:` is YAML's null, read as "null").
  const auto name = [&](const YAML::Node& n) {
    const std::string text = n.IsNull() ? "" : Get<std::string>(n, "background file");
    if (text.empty()) Fail(n, "background needs a raster file name (a GDAL raster: GeoTIFF, JPEG with world file, ...)");
    return Resolve(text);
  };
  if (node.IsScalar()) {  // `background: ortho.tif`
    b.file = name(node);
  } else {
    if (!node.IsMap()) Fail(node, "background is a raster file, or {file: ortho.tif, opacity: 0.7}");
    CheckKeys(node, {"file", "opacity"}, "background");
    if (!node["file"]) Fail(node, "background needs file: (a GDAL raster: GeoTIFF, JPEG with world file, ...)");
    b.file = name(node["file"]);
    if (node["opacity"]) b.opacity = GetInRange(node["opacity"], "opacity", 0, 1);
  }
  if (std::filesystem::is_directory(b.file))
    Fail(node, "background '" + b.file.string() + "' is a folder, not a raster file");
  if (!std::filesystem::is_regular_file(b.file)) Fail(node, "background raster '" + b.file.string() + "' not found");
  return b;
}

}  // namespace scenario::detail
