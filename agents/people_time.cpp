#include "agents/people_time.h"

#include <algorithm>

namespace agents {
namespace {

SeenTime Empty(std::size_t levels) {
  SeenTime t;
  t.at_level_s.assign(levels, 0);
  return t;
}

GroupTime EmptyGroup(std::size_t levels) { return {Empty(levels), Empty(levels)}; }

// One step of one agent into a tally: present for dt, seen by k cameras, best level.
void Count(SeenTime& t, double dt, int k, int level) {
  t.in_area_s += dt;
  if (k >= 1) t.seen_s += dt;
  if (k >= 2) t.seen_by_2_s += dt;
  for (int l = 0; l <= level; ++l) t.at_level_s[l] += dt;
}

}  // namespace

PeopleTimeCounter::PeopleTimeCounter(const sim::Scene& scene, std::span<const sim::Camera> cameras,
                                     const Ground& ground, const std::vector<sim::Zone>& zones,
                                     const sim::DensityLevels& levels, double step_s,
                                     const sim::BodyViewOptions& options)
    : scene_(scene), cameras_(cameras), ground_(ground), zones_(zones), levels_(levels), options_(options) {
  const std::size_t n = levels.levels.size();
  result_.step_s = step_s;
  result_.totals = EmptyGroup(n);
  result_.cameras.assign(cameras.size(), EmptyGroup(n));
  result_.zones.assign(zones.size(), EmptyGroup(n));
  result_.person_s_per_cell.assign(ground.grid().size(), 0.0f);
  for (const sim::Zone& z : zones) {
    zone_cells_.push_back(z.cells);
    std::sort(zone_cells_.back().begin(), zone_cells_.back().end());
  }
}

void PeopleTimeCounter::Add(const Snapshot& snapshot, const std::vector<AgentInfo>& agents,
                            std::vector<StateView>& views) {
  const double dt = result_.step_s;
  const std::size_t n_levels = levels_.levels.size();
  views.assign(snapshot.states.size(), {});
  bodies_.clear();
  body_state_.clear();
  if (result_.agents.size() < agents.size()) result_.agents.resize(agents.size(), {Empty(n_levels), 0, -1, -1});
  for (std::size_t i = 0; i < snapshot.states.size(); ++i) {
    const AgentState& s = snapshot.states[i];
    result_.agents[s.agent].present_s += dt;
    if (!ground_.InArea(s.x, s.y)) continue;
    views[i].in_area = true;
    bodies_.push_back({{s.x, s.y, s.z}, agents[s.agent].size.height_m});
    body_state_.push_back(i);
  }
  sim::ViewBodies(scene_, cameras_, bodies_, options_, views_);
  const std::size_t n = bodies_.size();
  for (std::size_t b = 0; b < n; ++b) {
    const AgentState& s = snapshot.states[body_state_[b]];
    const scenario::AgentClass cls = agents[s.agent].agent_class;
    int k = 0;
    float best = 0;
    seeing_.clear();
    for (std::size_t c = 0; c < cameras_.size(); ++c) {
      const sim::BodyView& v = views_[c * n + b];
      if (!v.seen()) continue;
      ++k;
      seeing_.push_back(c);
      best = std::max(best, v.px_per_m);
      SeenTime& cam = result_.cameras[c].For(cls);
      cam.seen_s += dt;
      const int own = levels_.Classify(v.px_per_m);
      for (int l = 0; l <= own; ++l) cam.at_level_s[l] += dt;
    }
    // A camera's seconds by two: it sees the agent while another camera does too (overlap).
    if (k >= 2)
      for (std::size_t c : seeing_) result_.cameras[c].For(cls).seen_by_2_s += dt;
    const int level = k > 0 ? levels_.Classify(best) : -1;
    for (GroupTime& cam : result_.cameras) cam.For(cls).in_area_s += dt;
    Count(result_.totals.For(cls), dt, k, level);
    AgentTime& a = result_.agents[s.agent];
    Count(a.time, dt, k, level);
    if (k > 0 && a.first_seen_s < 0) a.first_seen_s = snapshot.t_s;
    a.best_level = std::max(a.best_level, level);
    const std::uint32_t cell = ground_.Cell(s.x, s.y);
    if (scenario::IsPerson(cls)) result_.person_s_per_cell[cell] += static_cast<float>(dt);
    for (std::size_t z = 0; z < zones_.size(); ++z)
      if (std::binary_search(zone_cells_[z].begin(), zone_cells_[z].end(), cell))
        Count(result_.zones[z].For(cls), dt, k, level);
    views[body_state_[b]].cameras_seeing = k;
    views[body_state_[b]].best_px_per_m = best;
  }
}

}  // namespace agents
