// Section `agents:` (SUMO demand, walkers).
#include "scenario/parser.h"

#include <cmath>

namespace scenario::detail {

WalkerSpec Parser::Walker(const YAML::Node& node, std::size_t index) const {
  const std::string ctx = "agents.walkers[" + std::to_string(index) + "]";
  CheckKeys(node, {"id", "class", "path", "speed_mps", "start_s"}, ctx);
  WalkerSpec w;
  w.where = Line(node);
  w.id = node["id"] ? Get<std::string>(node["id"], "id") : "W" + std::to_string(index + 1);
  if (const YAML::Node c = node["class"]) {
    const auto cls = ParseAgentClass(Get<std::string>(c, "class"));
    if (!cls) Fail(c, "walker '" + w.id + "': class must be pedestrian, bicycle, car, van or bus, got '" + c.Scalar() + "'");
    w.agent_class = *cls;
  }
  const YAML::Node p = node["path"];
  if (!p || !p.IsSequence() || p.size() < 2) Fail(p ? p : node, "walker '" + w.id + "' needs path: [[x, y], [x, y], ...] (at least 2 points)");
  for (const auto& pt : p) {
    if (!pt.IsSequence() || pt.size() != 2) Fail(pt, "walker '" + w.id + "': path points are [x, y]");
    w.path.push_back({GetCoordinate(pt[0], "walker '" + w.id + "' path x"), GetCoordinate(pt[1], "walker '" + w.id + "' path y")});
  }
  // A walker who cannot move would stand still for no time: the path has no length at all.
  double length = 0;
  for (std::size_t i = 1; i < w.path.size(); ++i)
    length += std::hypot(w.path[i][0] - w.path[i - 1][0], w.path[i][1] - w.path[i - 1][1]);
  if (!(length > 0)) Fail(p, "walker '" + w.id + "': the path has no length (all its points are the same)");
  if (node["speed_mps"]) w.speed_mps = GetPositive(node["speed_mps"], "speed_mps");
  if (w.speed_mps > 70) Fail(node["speed_mps"], "speed_mps must be at most 70 (250 km/h)");
  if (node["start_s"]) w.start_s = GetNonNegative(node["start_s"], "start_s");
  return w;
}

AgentsSpec Parser::Agents(const YAML::Node& node) const {
  CheckKeys(node, {"duration_s", "step_s", "output_step_s", "seed", "pedestrians_per_hour", "vehicles_per_hour",
                   "sumo_net", "routes", "walkers", "demand_weights"}, "agents");
  AgentsSpec a;
  a.where = Line(node);
  // Bounds that keep a run finite: a day of simulated time, steps of a millisecond or more.
  if (node["duration_s"]) a.duration_s = GetPositive(node["duration_s"], "duration_s");
  if (a.duration_s > 86400) Fail(node["duration_s"], "duration_s must be at most 86400 (one day)");
  if (node["step_s"]) a.step_s = GetInRange(node["step_s"], "step_s", 0.001, 10);
  if (node["output_step_s"]) a.output_step_s = GetInRange(node["output_step_s"], "output_step_s", 0.001, 3600);
  if (node["seed"]) {
    const long long seed = Get<long long>(node["seed"], "seed");
    if (seed < 0 || seed > 0x7fffffff) Fail(node["seed"], "seed must be between 0 and 2147483647");
    a.seed = static_cast<std::uint32_t>(seed);
  }
  // Demand: the busiest city squares see tens of thousands of people an hour.
  if (node["pedestrians_per_hour"]) a.pedestrians_per_hour = GetNonNegative(node["pedestrians_per_hour"], "pedestrians_per_hour");
  if (a.pedestrians_per_hour > 100000) Fail(node["pedestrians_per_hour"], "pedestrians_per_hour must be at most 100000");
  if (node["vehicles_per_hour"]) a.vehicles_per_hour = GetNonNegative(node["vehicles_per_hour"], "vehicles_per_hour");
  if (a.vehicles_per_hour > 100000) Fail(node["vehicles_per_hour"], "vehicles_per_hour must be at most 100000");
  if (node["sumo_net"]) a.sumo_net = Resolve(Get<std::string>(node["sumo_net"], "sumo_net"));
  if (const YAML::Node r = node["routes"]) {
    if (r.IsScalar()) a.routes.push_back(Resolve(r.Scalar()));
    else if (r.IsSequence()) for (const auto& f : r) a.routes.push_back(Resolve(Get<std::string>(f, "routes")));
    else Fail(r, "routes must be a file or a list of files");
  }
  if (!a.routes.empty() && a.sumo_net.empty()) Fail(node, "agents: routes need the network they were made for (sumo_net: file.net.xml)");
  if (const YAML::Node w = node["walkers"]) {
    if (!w.IsSequence()) Fail(w, "walkers must be a list");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < w.size(); ++i) {
      a.walkers.push_back(Walker(w[i], i));
      if (!ids.insert(a.walkers.back().id).second) Fail(w[i], "duplicate walker id '" + a.walkers.back().id + "'");
    }
  }
  if (const YAML::Node d = node["demand_weights"]) {
    if (!d.IsMap()) Fail(d, "demand_weights maps zone names to weights, e.g. demand_weights: {Plaza: 5}");
    if (a.pedestrians_per_hour <= 0 && a.vehicles_per_hour <= 0)
      Fail(d, "demand_weights shape random trips: give pedestrians_per_hour and/or vehicles_per_hour");
    a.demand_weights_where = Line(d);
    for (const auto& kv : d)
      a.demand_weights[kv.first.Scalar()] = GetInRange(kv.second, "demand weight of zone '" + kv.first.Scalar() + "'", 0, 1000);
  }
  if (!a.UsesSumo() && a.walkers.empty())
    Fail(node, "agents: nothing to simulate; give pedestrians_per_hour and/or vehicles_per_hour (random trips), "
               "routes (with sumo_net) or walkers");
  return a;
}

}  // namespace scenario::detail
