#include "agents/sumo_source.h"

#include <libsumo/libsumo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <random>
#include <stdexcept>
#include <unordered_map>

#include "core/error.h"

namespace agents {
namespace {

bool g_sumo_running = false;  // libsumo is one global simulation

// Uniform in [0, 1) from the raw 64-bit engine output: the same on every standard library
// (std::uniform_real_distribution is not specified bit for bit).
double Uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Edges whose lanes let `vclass` through, with cumulative lengths for length-weighted picks.
struct EdgePool {
  std::vector<std::string> edges;
  std::vector<double> cumulative_m;
  bool empty() const { return edges.empty(); }
  const std::string& Pick(std::mt19937_64& rng) const {
    const double u = Uniform(rng) * cumulative_m.back();
    const auto it = std::upper_bound(cumulative_m.begin(), cumulative_m.end(), u);
    return edges[std::min<std::size_t>(it - cumulative_m.begin(), edges.size() - 1)];
  }
};

// Edges a `vclass` may use, each weighted by its length times `weight(lane)` (0: left out).
EdgePool EdgesAllowing(const std::string& vclass, const std::function<double(const std::string&)>& weight) {
  EdgePool pool;
  double total = 0;
  std::vector<std::string> ids = libsumo::Edge::getIDList();
  std::sort(ids.begin(), ids.end());  // deterministic whatever order SUMO lists them in
  for (const std::string& e : ids) {
    if (e.empty() || e[0] == ':') continue;  // internal edges (inside junctions)
    const int lanes = libsumo::Edge::getLaneNumber(e);
    for (int l = 0; l < lanes; ++l) {
      const std::string lane = e + "_" + std::to_string(l);
      const std::vector<std::string> allowed = libsumo::Lane::getAllowed(lane);
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), vclass) == allowed.end()) continue;
      const double w = libsumo::Lane::getLength(lane) * weight(lane);
      if (w <= 0) break;
      total += w;
      pool.edges.push_back(e);
      pool.cumulative_m.push_back(total);
      break;
    }
  }
  return pool;
}

scenario::AgentClass ClassOf(const std::string& vclass) {
  if (vclass == "pedestrian") return scenario::AgentClass::pedestrian;
  if (vclass == "bicycle" || vclass == "moped") return scenario::AgentClass::bicycle;
  if (vclass == "bus" || vclass == "coach" || vclass == "tram") return scenario::AgentClass::bus;
  if (vclass == "delivery" || vclass == "truck" || vclass == "trailer") return scenario::AgentClass::van;
  return scenario::AgentClass::car;
}

class SumoSource : public AgentSource {
 public:
  SumoSource(const SumoOptions& o, NetFrame frame, const Ground& ground, core::Diagnostics& diagnostics)
      : options_(o), frame_(std::move(frame)), ground_(ground), diagnostics_(diagnostics) {
    if (g_sumo_running) throw std::logic_error("libsumo runs one simulation per process");
    SumoHome();
    std::vector<std::string> args = {"-n", o.net_file.string(), "--step-length", std::to_string(o.step_s),
                                     "--begin", "0", "--end", std::to_string(o.duration_s + o.step_s),
                                     "--seed", std::to_string(o.seed), "--no-step-log", "true",
                                     "--no-warnings", "true", "--duration-log.disable", "true",
                                     // Pedestrians do not jostle: they follow their walks, and a walk the
                                     // striping model finds disconnected cannot stop the run.
                                     "--pedestrian.model", "nonInteracting"};
    std::string routes;
    for (const auto& r : o.route_files) {
      if (!std::filesystem::exists(r)) throw core::InputError(r.string(), "", "route file not found");
      routes += (routes.empty() ? "" : ",") + r.string();
    }
    if (!routes.empty()) args.insert(args.end(), {"-r", routes});
    try {
      libsumo::Simulation::load(args);
    } catch (const std::exception& e) {
      throw core::InputError(routes.empty() ? o.net_file.string() : o.net_file.string() + " / " + routes, "",
                             std::string("SUMO could not load the network or routes: ") + e.what());
    }
    g_sumo_running = true;
    weighted_lanes_.assign(options_.zone_weights.size(), 0);
    try {
      AddRandomTrips();
      WarnUnusedZoneWeights();
    } catch (...) {
      Close();
      throw;
    }
  }

  ~SumoSource() override { Close(); }

  const std::vector<AgentInfo>& agents() const override { return infos_; }

  bool Next(Snapshot& out) override {
    const double t = static_cast<double>(step_) * options_.step_s;
    // Each snapshot stands for [t, t + step): the run ends before t reaches the duration, so
    // a 2 s run at 1/15 s counts 30 steps (2.0 s), not 31.
    if (step_ > 0 && t >= options_.duration_s - 1e-9) return false;
    if (step_ > 0) {
      try {
        libsumo::Simulation::step();
      } catch (const std::exception& e) {
        throw std::runtime_error(std::string("SUMO stopped at t = ") + std::to_string(t) + " s: " + e.what());
      }
    }
    ++step_;
    out.t_s = t;
    out.states.clear();
    std::vector<std::string> people = libsumo::Person::getIDList(), vehicles = libsumo::Vehicle::getIDList();
    std::sort(people.begin(), people.end());
    std::sort(vehicles.begin(), vehicles.end());
    std::vector<geo::Vec2d> xy;
    std::vector<double> net_z;
    for (const std::string& id : people) {
      const libsumo::TraCIPosition p = libsumo::Person::getPosition3D(id);
      out.states.push_back({Index(id, true), 0, 0, 0, libsumo::Person::getAngle(id)});
      xy.push_back({p.x, p.y});
      net_z.push_back(p.z);
    }
    for (const std::string& id : vehicles) {
      // SUMO places a vehicle by its front bumper: move back half its length to the centre.
      const libsumo::TraCIPosition p = libsumo::Vehicle::getPosition3D(id);
      const double heading = libsumo::Vehicle::getAngle(id);
      const std::uint32_t index = Index(id, false);
      const double half = infos_[index].size.length_m / 2, a = heading * std::numbers::pi / 180;
      out.states.push_back({index, 0, 0, 0, heading});
      xy.push_back({p.x - half * std::sin(a), p.y - half * std::cos(a)});
      net_z.push_back(p.z);
    }
    frame_.ToFrame(xy);
    for (std::size_t i = 0; i < out.states.size(); ++i) {
      AgentState& s = out.states[i];
      s.x = xy[i].x;
      s.y = xy[i].y;
      s.z = ground_.At(s.x, s.y).value_or(net_z[i]);
    }
    std::sort(out.states.begin(), out.states.end(),
              [](const AgentState& a, const AgentState& b) { return a.agent < b.agent; });
    return true;
  }

 private:
  void Close() {
    if (!g_sumo_running) return;
    try {
      libsumo::Simulation::close();
    } catch (const std::exception&) {
    }
    g_sumo_running = false;
  }

  std::uint32_t Index(const std::string& id, bool person) {
    const std::string key = (person ? "p:" : "v:") + id;
    const auto [it, inserted] = index_.try_emplace(key, static_cast<std::uint32_t>(infos_.size()));
    if (inserted) {
      const std::string type = person ? libsumo::Person::getTypeID(id) : libsumo::Vehicle::getTypeID(id);
      AgentInfo info;
      info.id = id;
      info.agent_class = ClassOf(libsumo::VehicleType::getVehicleClass(type));
      info.size = scenario::DefaultSize(info.agent_class);
      info.size.length_m = libsumo::VehicleType::getLength(type);
      info.size.width_m = libsumo::VehicleType::getWidth(type);
      if (!person) info.size.height_m = libsumo::VehicleType::getHeight(type);
      infos_.push_back(info);
    }
    return it->second;
  }

  // The demand weight of a lane: that of the first zone holding its midpoint, else 1.
  double LaneWeight(const std::string& lane) const {
    if (options_.zone_weights.empty()) return 1;
    const std::vector<libsumo::TraCIPosition> shape = libsumo::Lane::getShape(lane).value;
    if (shape.empty()) return 1;
    double length = 0;
    for (std::size_t i = 1; i < shape.size(); ++i)
      length += std::hypot(shape[i].x - shape[i - 1].x, shape[i].y - shape[i - 1].y);
    std::vector<geo::Vec2d> mid = {{shape[0].x, shape[0].y}};
    double walked = 0;
    for (std::size_t i = 1; i < shape.size(); ++i) {
      const double seg = std::hypot(shape[i].x - shape[i - 1].x, shape[i].y - shape[i - 1].y);
      if (walked + seg >= length / 2 && seg > 0) {
        const double f = (length / 2 - walked) / seg;
        mid[0] = {shape[i - 1].x + f * (shape[i].x - shape[i - 1].x), shape[i - 1].y + f * (shape[i].y - shape[i - 1].y)};
        break;
      }
      walked += seg;
    }
    if (!frame_.ToFrame(mid) || !ground_.InArea(mid[0].x, mid[0].y)) return 1;
    const std::uint32_t cell = ground_.Cell(mid[0].x, mid[0].y);
    for (std::size_t z = 0; z < options_.zone_weights.size(); ++z)
      if (std::binary_search(options_.zone_weights[z].cells.begin(), options_.zone_weights[z].cells.end(), cell)) {
        ++weighted_lanes_[z];
        return options_.zone_weights[z].weight;
      }
    return 1;
  }

  // A zone weight that no lane took changed nothing: say so rather than seem to have worked.
  void WarnUnusedZoneWeights() const {
    if (options_.pedestrians_per_hour <= 0 && options_.vehicles_per_hour <= 0) return;  // no random trips
    for (std::size_t z = 0; z < options_.zone_weights.size(); ++z)
      if (weighted_lanes_[z] == 0)
        diagnostics_.Warn("demand weight with no effect: no way of the network has its middle in the zone",
                          options_.net_file.string() + ": zone '" + options_.zone_weights[z].zone + "'");
  }

  // Poisson departures over the run; each trip between two length-weighted random edges,
  // routed by SUMO (its intermodal router for people, its road router for vehicles).
  void AddRandomTrips() {
    const std::string net = options_.net_file.string();
    std::mt19937_64 rng(options_.seed);
    const auto departures = [&](double per_hour) {
      std::vector<double> t;
      const double rate = per_hour / 3600;
      for (double at = -std::log(1 - Uniform(rng)) / rate; at < options_.duration_s; at += -std::log(1 - Uniform(rng)) / rate)
        t.push_back(at);
      return t;
    };
    if (options_.pedestrians_per_hour > 0) {
      const EdgePool walkable = EdgesAllowing("pedestrian", [this](const std::string& lane) { return LaneWeight(lane); });
      if (walkable.edges.size() < 2)
        throw core::InputError(net, "", "the network has no walkable ways (sidewalks, footways) for pedestrians_per_hour");
      int n = 0;
      for (double depart : departures(options_.pedestrians_per_hour)) {
        const std::string id = "ped" + std::to_string(n++);
        bool added = false;
        for (int attempt = 0; attempt < 20 && !added; ++attempt) {
          const std::string& from = walkable.Pick(rng);
          const std::string& to = walkable.Pick(rng);
          if (from == to) continue;
          // Walking only: one walking stage whose edges start where the person appears.
          const auto stages = libsumo::Simulation::findIntermodalRoute(from, to, "", depart);
          if (stages.size() != 1 || stages[0].type != libsumo::STAGE_WALKING || stages[0].edges.empty() ||
              stages[0].edges.front() != from)
            continue;
          try {
            libsumo::Person::add(id, from, 0, depart);
            libsumo::Person::appendWalkingStage(id, stages[0].edges, stages[0].arrivalPos);
            added = true;
          } catch (const std::exception&) {  // SUMO refused the walk: drop the trip
            try {
              libsumo::Person::remove(id);
            } catch (const std::exception&) {
            }
          }
        }
        if (!added) diagnostics_.Warn("random pedestrian trip without a route (dropped)", net + ": " + id);
      }
    }
    if (options_.vehicles_per_hour > 0) {
      const EdgePool roads = EdgesAllowing("passenger", [this](const std::string& lane) { return LaneWeight(lane); });
      if (roads.edges.size() < 2)
        throw core::InputError(net, "", "the network has no roads for cars for vehicles_per_hour");
      int n = 0;
      for (double depart : departures(options_.vehicles_per_hour)) {
        const std::string id = "veh" + std::to_string(n++);
        bool added = false;
        for (int attempt = 0; attempt < 20 && !added; ++attempt) {
          const std::string& from = roads.Pick(rng);
          const std::string& to = roads.Pick(rng);
          if (from == to) continue;
          const libsumo::TraCIStage route = libsumo::Simulation::findRoute(from, to, "DEFAULT_VEHTYPE", depart);
          if (route.edges.empty()) continue;
          try {
            libsumo::Route::add("route_" + id + "_" + std::to_string(attempt), route.edges);
            libsumo::Vehicle::add(id, "route_" + id + "_" + std::to_string(attempt), "DEFAULT_VEHTYPE", std::to_string(depart), "best", "base", "0");
            added = true;
          } catch (const std::exception&) {  // SUMO refused the route: drop the trip
          }
        }
        if (!added) diagnostics_.Warn("random vehicle trip without a route (dropped)", net + ": " + id);
      }
    }
  }

  SumoOptions options_;
  NetFrame frame_;
  const Ground& ground_;
  core::Diagnostics& diagnostics_;
  std::vector<AgentInfo> infos_;
  mutable std::vector<std::size_t> weighted_lanes_;  // per zone weight: lanes it weighted
  std::unordered_map<std::string, std::uint32_t> index_;
  std::size_t step_ = 0;
};

}  // namespace

std::unique_ptr<AgentSource> MakeSumoSource(const SumoOptions& options, NetFrame frame, const Ground& ground,
                                            core::Diagnostics& diagnostics) {
  return std::make_unique<SumoSource>(options, std::move(frame), ground, diagnostics);
}

}  // namespace agents
