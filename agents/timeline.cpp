#include "agents/timeline.h"

#include <algorithm>
#include <cmath>

#include "sim/body_view.h"

namespace agents {
namespace {

AgentState Between(const AgentState& a, const AgentState& b, double f) {
  AgentState s = a;
  s.x = a.x + (b.x - a.x) * f;
  s.y = a.y + (b.y - a.y) * f;
  s.z = a.z + (b.z - a.z) * f;
  const double turn = std::fmod(b.heading_deg - a.heading_deg + 540.0, 360.0) - 180.0;  // (-180, 180]
  s.heading_deg = std::fmod(a.heading_deg + turn * f + 360.0, 360.0);
  return s;
}

}  // namespace

Timeline TimelineOf(const std::vector<AgentInfo>& agents, const std::vector<TrackPoint>& tracks) {
  Timeline t;
  t.agents = agents;
  for (const TrackPoint& p : tracks) {
    if (t.frames.empty() || t.frames.back().t_s != p.t_s) t.frames.push_back({p.t_s, {}});
    t.frames.back().states.push_back(p.state);
  }
  return t;
}

Snapshot StatesAt(const Timeline& timeline, double t_s) {
  const std::vector<Snapshot>& frames = timeline.frames;
  Snapshot out;
  out.t_s = t_s;
  if (frames.empty() || !(t_s >= frames.front().t_s) || !(t_s <= frames.back().t_s)) return out;
  // The last frame at or before t_s.
  const auto after = std::upper_bound(frames.begin(), frames.end(), t_s,
                                      [](double t, const Snapshot& f) { return t < f.t_s; });
  const Snapshot& a = *(after - 1);
  if (after == frames.end() || a.t_s == t_s) {
    out.states = a.states;
    return out;
  }
  const Snapshot& b = *after;
  const double f = (t_s - a.t_s) / (b.t_s - a.t_s);
  // Both state lists are sorted by agent: merge them.
  std::size_t i = 0, j = 0;
  while (i < a.states.size() || j < b.states.size()) {
    if (j == b.states.size() || (i < a.states.size() && a.states[i].agent < b.states[j].agent)) {
      if (f < 0.5) out.states.push_back(a.states[i]);
      ++i;
    } else if (i == a.states.size() || b.states[j].agent < a.states[i].agent) {
      if (f >= 0.5) out.states.push_back(b.states[j]);
      ++j;
    } else {
      out.states.push_back(Between(a.states[i], b.states[j], f));
      ++i, ++j;
    }
  }
  return out;
}

std::vector<Sighting> SightingsAt(const sim::Scene& scene, std::span<const sim::Camera> cameras,
                                  const std::vector<AgentInfo>& agents, const Snapshot& snapshot) {
  std::vector<sim::BodyPose> bodies;
  bodies.reserve(snapshot.states.size());
  for (const AgentState& s : snapshot.states) bodies.push_back({{s.x, s.y, s.z}, agents[s.agent].size.height_m});
  std::vector<sim::BodyView> views;
  sim::ViewBodies(scene, cameras, bodies, {}, views);
  std::vector<Sighting> out(bodies.size());
  for (std::size_t c = 0; c < cameras.size(); ++c)
    for (std::size_t b = 0; b < bodies.size(); ++b) {
      const sim::BodyView& v = views[c * bodies.size() + b];
      if (!v.seen()) continue;
      Sighting& s = out[b];
      ++s.cameras_seeing;
      if (s.best_camera < 0 || v.px_per_m > s.best_px_per_m) s.best_camera = int(c), s.best_px_per_m = v.px_per_m;
    }
  return out;
}

}  // namespace agents
