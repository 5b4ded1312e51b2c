#include "scenario/plan_text.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "geo/frame.h"
#include "scenario/build.h"

namespace scenario {
namespace {

// Metres to the millimetre, degrees to the hundredth, as plain YAML numbers (as the optimiser
// writes them).
std::string Num(double v, int decimals) {
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string Scalar(const std::string& s) {
  YAML::Emitter e;
  e << s;
  return e.c_str();
}

// The original text of a node, as flow YAML (scalars keep their spelling).
std::string FlowText(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

std::size_t LineStart(const std::string& t, std::size_t pos) {
  while (pos > 0 && t[pos - 1] != '\n') --pos;
  return pos;
}

std::size_t NextLine(const std::string& t, std::size_t pos) {
  const std::size_t n = t.find('\n', pos);
  return n == std::string::npos ? t.size() : n + 1;
}

bool BlankOrComment(const std::string& t, std::size_t line_begin) {
  for (std::size_t i = line_begin; i < t.size() && t[i] != '\n'; ++i) {
    if (t[i] == '#') return true;
    if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r') return false;
  }
  return true;
}

// End (exclusive) of the scalar written at `pos`: quoted, or plain up to a comment, the end of
// the line or (in flow context) a separator.
std::size_t ScalarEnd(const std::string& t, std::size_t pos, bool in_flow) {
  if (pos >= t.size()) return pos;
  if (t[pos] == '"') {
    for (std::size_t i = pos + 1; i < t.size(); ++i) {
      if (t[i] == '\\')
        ++i;
      else if (t[i] == '"')
        return i + 1;
    }
    return t.size();
  }
  if (t[pos] == '\'') {
    for (std::size_t i = pos + 1; i < t.size(); ++i)
      if (t[i] == '\'') {
        if (i + 1 < t.size() && t[i + 1] == '\'')
          ++i;
        else
          return i + 1;
      }
    return t.size();
  }
  std::size_t i = pos;
  while (i < t.size() && t[i] != '\n' &&
         !(in_flow && (t[i] == ',' || t[i] == ']' || t[i] == '}')) &&
         !(t[i] == '#' && i > pos && (t[i - 1] == ' ' || t[i - 1] == '\t')))
    ++i;
  while (i > pos && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\r')) --i;
  return i;
}

struct Replacement {
  std::size_t begin, end;
  std::string text;
};

// One key of a camera as it should be written.
struct Field {
  std::string key;
  std::vector<std::string> values;  // one for a scalar, several for a flow sequence
  bool sequence = false;
  bool changed = false;  // differs from the original text
  std::string original;  // the original value (flow text) when unchanged
  std::string Text() const {
    if (!changed) return original;
    if (!sequence) return values.front();
    std::string s = "[";
    for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + values[i];
    return s + "]";
  }
};

class CameraWriter {
 public:
  CameraWriter(const Scenario& s, const geo::Frame& frame, const PlanTextOptions& o)
      : s_(s), frame_(frame), o_(o) {
    // A scenario in a feet CRS runs in its metric twin: positions go back into the file's CRS.
    if (!frame.feet_crs_name.empty() && !s.city.crs.empty())
      to_scenario_crs_.emplace(geo::CrsTransform::FromFrame(frame, s.city.crs));
  }

  // The fields of `c`, starting from `node` (the original item, or null for a new camera whose
  // base is absent). Adjusts c.position.z to what the file will read back.
  std::vector<Field> Fields(sim::Camera& c, const YAML::Node& node, const sim::Camera* base) const {
    std::vector<Field> f;
    if (node && node.IsMap())
      for (const auto& kv : node)
        f.push_back({kv.first.as<std::string>(), {}, false, false, FlowText(kv.second)});
    auto find = [&](const std::string& key) -> Field* {
      for (Field& x : f)
        if (x.key == key) return &x;
      return nullptr;
    };
    auto set = [&](const std::string& key, std::vector<std::string> values, bool sequence) {
      Field* x = find(key);
      if (!x) f.push_back({key, {}, false, false, ""}), x = &f.back();
      x->values = std::move(values), x->sequence = sequence, x->changed = true;
    };
    auto drop = [&](const std::string& key) {
      std::erase_if(f, [&](const Field& x) { return x.key == key; });
    };
    const bool is_new = base == nullptr;
    if (is_new || c.id != base->id) set("id", {Scalar(c.id)}, false);
    if (is_new || c.model != base->model) {
      if (c.model.empty())
        drop("model");
      else
        set("model", {Scalar(c.model)}, false);
    }
    // Position and height, in the form the planner used (height_m unless z was written).
    const YAML::Node pos = node ? node["position"] : YAML::Node();
    const bool z_in_position = pos && pos.IsSequence() && pos.size() == 3;
    const bool absolute_z = (node && node["z"]) || z_in_position;
    const bool moved =
        is_new || c.position.x != base->position.x || c.position.y != base->position.y;
    const bool raised = is_new || c.position.z != base->position.z;
    if (moved) {
      std::vector<std::string> xy = WrittenXY(c);
      if (z_in_position) xy.push_back(Num(c.position.z, 3));
      set("position", xy, true);
      // Written in the frame's CRS now; a camera's own `crs:` would misplace it.
      if (find("crs")) {
        if (frame_.epsg > 0 && !to_scenario_crs_)
          set("crs", {Scalar(frame_.Label())}, false);
        else
          drop("crs");
      }
    } else if (raised && z_in_position) {
      std::vector<std::string> xyz = WrittenXY(c);
      xyz.push_back(Num(c.position.z, 3));
      set("position", xyz, true);
    }
    if (!absolute_z && (moved || raised) && o_.ground_z) {
      const double ground = o_.ground_z(c.position.x, c.position.y);
      const double h = std::round((c.position.z - ground) * 1000) / 1000;
      c.position.z = ground + h;
      set("height_m", {Num(h, 3)}, false);
      drop("z");
    } else if ((moved || raised) && !z_in_position) {
      set("z", {Num(c.position.z, 3)}, false);
    }
    auto angle = [&](const char* key, double now, double before) {
      if (is_new ? now != 0 || std::string(key) != "roll" : now != before)
        set(key, {Num(now, 2)}, false);
    };
    angle("yaw", c.yaw_deg, is_new ? 0 : base->yaw_deg);
    angle("pitch", c.pitch_deg, is_new ? 0 : base->pitch_deg);
    angle("roll", c.roll_deg, is_new ? 0 : base->roll_deg);

    // Optics: kept as written while they are the same; otherwise the overrides of the model.
    const std::optional<sim::Camera> model = s_.camera_models.count(c.model)
                                                 ? std::optional(CameraFromModel(s_, c.model))
                                                 : std::nullopt;
    const bool optics_same = !is_new && c.model == base->model && c.width_px == base->width_px &&
                             c.height_px == base->height_px && c.hfov_deg == base->hfov_deg &&
                             c.min_range_m == base->min_range_m &&
                             c.max_range_m == base->max_range_m && c.cost == base->cost &&
                             c.lens == base->lens && c.distortion == base->distortion;
    if (!optics_same) {
      for (const char* key : {"resolution", "hfov_deg", "focal_length_mm", "sensor_width_mm",
                              "range_m", "cost", "lens", "distortion"})
        drop(key);
      if (!model || model->width_px != c.width_px || model->height_px != c.height_px)
        set("resolution", {std::to_string(c.width_px), std::to_string(c.height_px)}, true);
      if (!model || std::abs(model->hfov_deg - c.hfov_deg) > 1e-9)
        set("hfov_deg", {Num(c.hfov_deg, 4)}, false);
      if (!model || model->min_range_m != c.min_range_m || model->max_range_m != c.max_range_m)
        set("range_m", {Num(c.min_range_m, 3), Num(c.max_range_m, 3)}, true);
      if (!model || model->cost != c.cost) set("cost", {Num(c.cost, 2)}, false);
      if (!model || model->lens != c.lens)
        set("lens", {c.lens == sim::LensModel::fisheye_equidistant ? "fisheye" : "rectilinear"},
            false);
      const sim::Distortion& d = c.distortion;
      if (!d.none() && (!model || !(model->distortion == d)))
        set("distortion",
            {fmt::format("{{k1: {}, k2: {}, k3: {}, p1: {}, p2: {}}}", d.k1, d.k2, d.k3, d.p1,
                         d.p2)},
            false);
    }
    // The mount kind: written when it is not what the model (or the default) implies.
    const sim::MountType implied = model ? model->mount : sim::Camera{}.mount;
    if (find("mount")) {
      if (is_new || c.mount != base->mount) set("mount", {sim::MountName(c.mount)}, false);
    } else if (c.mount != implied) {
      set("mount", {sim::MountName(c.mount)}, false);
    }
    return f;
  }

 private:
  // x, y as the file gives them: the frame's CRS, or the scenario's when the frame is its twin.
  std::vector<std::string> WrittenXY(const sim::Camera& c) const {
    double x = c.position.x, y = c.position.y;
    if (to_scenario_crs_) {
      to_scenario_crs_->Apply(x, y);
    } else {
      x += frame_.origin_x;
      y += frame_.origin_y;
    }
    return {Num(x, 3), Num(y, 3)};
  }

  const Scenario& s_;
  const geo::Frame& frame_;
  const PlanTextOptions& o_;
  std::optional<geo::CrsTransform> to_scenario_crs_;
};

// The item's text in the given style. `dash_indent` is the text before "- ".
std::string EmitItem(const std::vector<Field>& fields, bool flow, const std::string& dash_indent) {
  std::string out = dash_indent + "- ";
  if (flow) {
    out += "{";
    for (std::size_t i = 0; i < fields.size(); ++i)
      out += (i ? ", " : "") + fields[i].key + ": " + fields[i].Text();
    return out + "}\n";
  }
  for (std::size_t i = 0; i < fields.size(); ++i)
    out +=
        (i ? dash_indent + "  " : std::string()) + fields[i].key + ": " + fields[i].Text() + "\n";
  return out;
}

}  // namespace

std::optional<PlanText> RewritePlanText(const std::string& text, const Scenario& scenario,
                                        const geo::Frame& frame,
                                        const std::vector<sim::Camera>& base,
                                        std::vector<sim::Camera> cameras,
                                        const PlanTextOptions& options) {
  if (!scenario.camera_source.empty()) return std::nullopt;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  if (!root.IsMap()) return std::nullopt;
  const YAML::Node list = root["cameras"];
  const bool empty_list = !list || list.IsNull() || (list.IsSequence() && list.size() == 0);
  if (!empty_list && (!list.IsSequence() || list.Style() == YAML::EmitterStyle::Flow))
    return std::nullopt;
  if (!empty_list && list.size() != base.size()) return std::nullopt;

  std::vector<Replacement> edits;
  CameraWriter writer(scenario, frame, options);

  // Relative paths follow the file into another folder.
  const std::filesystem::path from = std::filesystem::absolute(options.from_file).parent_path();
  const std::filesystem::path to = std::filesystem::absolute(options.to_file).parent_path();
  if (from.lexically_normal() != to.lexically_normal()) {
    auto rebase = [&](const YAML::Node& parent, const char* key) {
      const YAML::Node n = parent[key];
      if (!n || !n.IsScalar()) return;
      const std::filesystem::path p(n.as<std::string>());
      if (p.is_absolute()) return;
      const std::size_t at = n.Mark().pos;
      const bool in_flow = parent.Style() == YAML::EmitterStyle::Flow;
      edits.push_back({at, ScalarEnd(text, at, in_flow),
                       Scalar(std::filesystem::relative(std::filesystem::absolute(from / p), to)
                                  .generic_string())});
    };
    if (root["city"] && root["city"].IsSequence())
      for (const auto& src : root["city"])
        if (src.IsMap()) rebase(src, "source");
    if (root["area"] && root["area"].IsMap()) rebase(root["area"], "polygon");
    rebase(root, "catalogue");
    if (root["zones"] && root["zones"].IsSequence())
      for (const auto& z : root["zones"])
        if (z.IsMap()) rebase(z, "source");
    if (root["optimise"] && root["optimise"].IsMap() && root["optimise"]["candidates"] &&
        root["optimise"]["candidates"].IsMap())
      rebase(root["optimise"]["candidates"], "poles_source");
  }

  // The items: [begin, end) of each camera's lines, and the comments and blank lines before it.
  struct Item {
    std::size_t lead, begin, end;
  };
  std::vector<Item> items;
  std::map<std::string, std::size_t> by_id;
  bool flow_items = true;
  std::string dash_indent = "  ";
  if (!empty_list) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::size_t at = list[i].Mark().pos;
      while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\n' || text[at - 1] == '\r' ||
                        text[at - 1] == '\t'))
        --at;
      if (at == 0 || text[at - 1] != '-') return std::nullopt;
      const std::size_t line = LineStart(text, at - 1);
      if (text.find_first_not_of(" \t", line) != at - 1)
        return std::nullopt;  // "- " is the first thing on its line
      starts.push_back(line);
      if (i == 0) dash_indent = text.substr(line, at - 1 - line);
    }
    // The list ends where the next top-level key starts (or at the end of the text).
    std::size_t list_end = text.size();
    for (const auto& kv : root)
      if (const std::size_t at = static_cast<std::size_t>(kv.first.Mark().pos); at > starts.back())
        list_end = std::min(list_end, LineStart(text, at));
    for (std::size_t i = 0; i < starts.size(); ++i) {
      std::size_t end = i + 1 < starts.size() ? starts[i + 1] : list_end;
      // Trailing comments and blank lines belong to what follows.
      while (end > starts[i]) {
        const std::size_t prev = LineStart(text, end - 1);
        if (prev == starts[i] || !BlankOrComment(text, prev)) break;
        end = prev;
      }
      items.push_back({i == 0 ? starts[0] : items.back().end, starts[i], end});
      const YAML::Node node = list[i];
      if (!node.IsMap() || base[i].id != (node["id"] ? node["id"].as<std::string>("") : ""))
        return std::nullopt;
      by_id[base[i].id] = i;
    }
    flow_items = list[0].Style() == YAML::EmitterStyle::Flow;
  }

  // The new list: kept, edited and new cameras in the plan's order.
  std::set<std::string> ids;
  for (const sim::Camera& c : cameras) ids.insert(c.id);
  std::string out;
  for (std::size_t k = 0; k < cameras.size(); ++k) {
    sim::Camera& c = cameras[k];
    const auto found = by_id.find(c.id);
    std::size_t i = found == by_id.end() ? items.size() : found->second;
    // A camera renamed where it stands: the same place in the plan, its old id gone.
    if (found == by_id.end() && k < items.size() && !ids.count(base[k].id)) i = k;
    if (i == items.size()) {
      out += EmitItem(writer.Fields(c, YAML::Node(), nullptr), flow_items, dash_indent);
      continue;
    }
    const Item& item = items[i];
    std::string body = text.substr(item.begin, item.end - item.begin);
    if (!body.empty() && body.back() != '\n') body += '\n';
    const std::string lead = text.substr(item.lead, item.begin - item.lead);
    if (c == base[i]) {
      out += lead + body;
      continue;
    }
    const YAML::Node node = list[i];
    const std::vector<Field> fields = writer.Fields(c, node, &base[i]);
    // In place when the keys are the same and each changed value has the same shape.
    std::vector<std::string> keys;
    for (const auto& kv : node) keys.push_back(kv.first.as<std::string>());
    bool in_place = keys.size() == fields.size();
    for (std::size_t k = 0; in_place && k < keys.size(); ++k) {
      const Field& f = fields[k];
      const YAML::Node v = node[keys[k]];
      in_place =
          f.key == keys[k] && (!f.changed || (!f.sequence && v.IsScalar()) ||
                               (f.sequence && v.IsSequence() && v.size() == f.values.size() &&
                                v.Style() == YAML::EmitterStyle::Flow));
    }
    if (!in_place) {
      out += lead + EmitItem(fields, node.Style() == YAML::EmitterStyle::Flow, dash_indent);
      continue;
    }
    std::vector<Replacement> local;
    auto replace = [&](const YAML::Node& scalar, const std::string& value, bool in_flow) {
      const std::size_t at = scalar.Mark().pos;
      local.push_back({at - item.begin, ScalarEnd(text, at, in_flow) - item.begin, value});
    };
    const bool flow = node.Style() == YAML::EmitterStyle::Flow;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const Field& f = fields[k];
      if (!f.changed) continue;
      const YAML::Node v = node[keys[k]];
      if (!f.sequence)
        replace(v, f.values.front(), flow);
      else
        for (std::size_t e = 0; e < f.values.size(); ++e) replace(v[e], f.values[e], true);
    }
    std::sort(local.begin(), local.end(),
              [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
    for (const Replacement& r : local) body.replace(r.begin, r.end - r.begin, r.text);
    out += lead + body;
  }

  if (empty_list) {
    if (list) {  // `cameras: []` or `cameras:` with nothing
      const std::size_t at = list.Mark().pos;
      const bool brackets = text.compare(at, 2, "[]") == 0;
      if (!brackets && !list.IsNull()) return std::nullopt;
      std::string items = "\n";
      items.append(out, 0, out.empty() ? 0 : out.size() - 1);
      if (brackets)
        edits.push_back({at, at + 2, out.empty() ? std::string("[]") : items});
      else if (!out.empty()) {
        // `cameras:` followed by nothing: the items go on the next lines.
        std::size_t key_at = 0;
        for (const auto& kv : root)
          if (kv.first.as<std::string>() == "cameras") key_at = kv.first.Mark().pos;
        const std::size_t line_end = NextLine(text, key_at);
        edits.push_back(
            {line_end, line_end, (line_end > 0 && text[line_end - 1] != '\n' ? "\n" : "") + out});
      }
    } else if (!out.empty()) {
      edits.push_back(
          {text.size(), text.size(),
           std::string(!text.empty() && text.back() != '\n' ? "\n" : "") + "cameras:\n" + out});
    }
  } else {
    edits.push_back({items.front().begin, items.back().end, out});
  }
  std::sort(edits.begin(), edits.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
  PlanText result{text, std::move(cameras)};
  for (const Replacement& r : edits) result.text.replace(r.begin, r.end - r.begin, r.text);
  return result;
}

}  // namespace scenario
