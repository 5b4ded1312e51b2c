// Sections `grid:` and `density_levels:`.
#include "scenario/parser.h"


namespace scenario::detail {

sim::DensityLevels Parser::Levels(const YAML::Node& node) const {
  if (node.IsScalar()) {
    try {
      return sim::DensityPreset(node.Scalar(), file_.string());
    } catch (const core::InputError& e) {
      Fail(node, e.problem());
    }
  }
  if (!node.IsSequence()) Fail(node, "density_levels must be a preset name or a list of {name, min_px_per_m}");
  sim::DensityLevels levels;
  levels.name = "scenario table";
  for (const auto& item : node) {
    CheckKeys(item, {"name", "min_px_per_m"}, "density_levels entry");
    if (!item["name"] || !item["min_px_per_m"]) Fail(item, "a density level needs name and min_px_per_m");
    levels.levels.push_back({Get<std::string>(item["name"], "name"),
                             Get<double>(item["min_px_per_m"], "min_px_per_m")});
  }
  try {
    sim::ValidateLevels(levels, file_.string());
  } catch (const core::InputError& e) {
    Fail(node, e.problem());
  }
  return levels;
}

sim::GridOptions Parser::GridOpts(const YAML::Node& node) const {
  CheckKeys(node, {"resolution_m", "height_m"}, "grid");
  sim::GridOptions g;
  if (node["resolution_m"]) g.resolution_m = GetPositive(node["resolution_m"], "resolution_m");
  if (node["height_m"]) {
    g.height_m = Get<double>(node["height_m"], "grid height_m");
    if (!(g.height_m >= 0 && g.height_m < 100)) Fail(node["height_m"], "grid height_m must be within [0, 100) m");
  }
  if (g.resolution_m < 0.05 || g.resolution_m > 100)
    Fail(node["resolution_m"], "resolution_m must be within [0.05, 100] m");
  return g;
}

}  // namespace scenario::detail
