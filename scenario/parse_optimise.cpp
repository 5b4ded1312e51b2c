// Section `optimise:`.
#include "scenario/parser.h"


namespace scenario::detail {

OptimiseSpec Parser::Optimise(const YAML::Node& node, const std::set<std::string>& models) const {
  CheckKeys(node, {"budget", "max_cameras", "target_coverage_pct", "models", "candidates", "privacy",
                   "privacy_penalty", "time_limit_s", "exact", "weight_by"}, "optimise");
  OptimiseSpec o;
  o.where = Line(node);
  if (node["budget"]) o.budget = GetPositive(node["budget"], "budget");
  if (node["target_coverage_pct"]) {
    o.target_coverage_pct = GetPositive(node["target_coverage_pct"], "target_coverage_pct");
    if (*o.target_coverage_pct > 100) Fail(node["target_coverage_pct"], "target_coverage_pct must be at most 100");
  }
  if (node["max_cameras"]) {
    o.max_cameras = Get<int>(node["max_cameras"], "max_cameras");
    if (*o.max_cameras < 1) Fail(node["max_cameras"], "max_cameras must be at least 1");
  }
  if (const YAML::Node m = node["models"]) {
    if (!m.IsSequence()) Fail(m, "models must be a list of camera_models names");
    for (const auto& name : m) {
      o.models.push_back(Get<std::string>(name, "model"));
      if (!models.count(o.models.back())) Fail(name, "optimise refers to unknown model '" + o.models.back() + "'");
    }
  }
  if (const YAML::Node c = node["candidates"]) {
    CheckKeys(c, {"facades", "poles", "roofs", "poles_source", "spacing_m", "heights_m", "yaw_steps", "pitches_deg", "focal_steps"},
              "optimise.candidates");
    if (c["roofs"]) o.roofs = Get<bool>(c["roofs"], "roofs");
    if (c["poles_source"]) o.poles_source = Resolve(Get<std::string>(c["poles_source"], "poles_source"));
    if (c["facades"]) o.facades = Get<bool>(c["facades"], "facades");
    if (c["poles"]) o.poles = Get<bool>(c["poles"], "poles"), o.poles_asked = true;
    if (c["spacing_m"]) o.spacing_m = GetPositive(c["spacing_m"], "spacing_m");
    if (c["heights_m"]) o.heights_m = Numbers(c["heights_m"], "heights_m");
    for (double h : o.heights_m)
      if (!(h > 0 && h <= 500)) Fail(c["heights_m"], "heights_m must be within (0, 500] m");
    if (c["pitches_deg"]) o.pitches_deg = Numbers(c["pitches_deg"], "pitches_deg");
    for (double p : o.pitches_deg)
      if (!(p >= -90 && p <= 90)) Fail(c["pitches_deg"], "pitches_deg must be within [-90, 90]");
    if (c["focal_steps"]) {
      o.focal_steps = Get<int>(c["focal_steps"], "focal_steps");
      if (o.focal_steps < 1 || o.focal_steps > 8) Fail(c["focal_steps"], "focal_steps must be between 1 and 8");
    }
    if (c["yaw_steps"]) {
      o.yaw_steps = Get<int>(c["yaw_steps"], "yaw_steps");
      if (o.yaw_steps < 1 || o.yaw_steps > 72) Fail(c["yaw_steps"], "yaw_steps must be between 1 and 72");
    }
  }
  if (const YAML::Node p = node["privacy"]) {
    const std::string v = Get<std::string>(p, "privacy");
    if (v == "hard") o.privacy = sim::PrivacyRule::hard;
    else if (v == "penalty") o.privacy = sim::PrivacyRule::penalty;
    else Fail(p, "privacy must be hard (never seen) or penalty, got '" + v + "'");
  }
  if (node["privacy_penalty"]) o.privacy_penalty = GetPositive(node["privacy_penalty"], "privacy_penalty");
  if (node["time_limit_s"]) o.time_limit_s = GetPositive(node["time_limit_s"], "time_limit_s");
  if (const YAML::Node e = node["exact"]) {
    o.exact = Get<std::string>(e, "exact");
    if (o.exact != "auto" && o.exact != "always" && o.exact != "never") Fail(e, "exact must be auto, always or never");
  }
  if (const YAML::Node w = node["weight_by"]) {
    const std::string v = Get<std::string>(w, "weight_by");
    if (v != "area" && v != "flow") Fail(w, "weight_by must be area or flow, got '" + v + "'");
    o.weight_by_flow = v == "flow";
  }
  return o;
}

}  // namespace scenario::detail
