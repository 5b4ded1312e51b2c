#include "agents/walkers.h"

#include <cmath>
#include <numbers>

namespace agents {
namespace {

class WalkerSource : public AgentSource {
 public:
  WalkerSource(std::vector<Walker> walkers, const Ground& ground, const StepOptions& options)
      : walkers_(std::move(walkers)), ground_(ground), options_(options) {
    for (const Walker& w : walkers_) {
      infos_.push_back(w.info);
      std::vector<double> along{0};
      for (std::size_t i = 1; i < w.path.size(); ++i)
        along.push_back(along.back() + std::hypot(w.path[i].x - w.path[i - 1].x, w.path[i].y - w.path[i - 1].y));
      cumulative_.push_back(std::move(along));
    }
  }

  const std::vector<AgentInfo>& agents() const override { return infos_; }

  bool Next(Snapshot& out) override {
    // t from the step count, not by adding step_s up, so long runs do not drift.
    const double t = static_cast<double>(step_) * options_.step_s;
    // Each snapshot stands for [t, t + step): the run ends before t reaches the duration, so
    // a 2 s run at 1/15 s counts 30 steps (2.0 s), not 31.
    if (step_ > 0 && t >= options_.duration_s - 1e-9) return false;
    ++step_;
    out.t_s = t;
    out.states.clear();
    for (std::size_t i = 0; i < walkers_.size(); ++i) {
      const Walker& w = walkers_[i];
      const std::vector<double>& along = cumulative_[i];
      const double s = (t - w.start_s) * w.speed_mps;
      if (s < 0 || s > along.back()) continue;  // not started yet, or arrived and gone
      std::size_t seg = 1;
      while (seg + 1 < along.size() && along[seg] < s) ++seg;
      const geo::Vec2d a = w.path[seg - 1], b = w.path[seg];
      const double len = along[seg] - along[seg - 1];
      const double f = len > 0 ? (s - along[seg - 1]) / len : 0;
      AgentState st;
      st.agent = static_cast<std::uint32_t>(i);
      st.x = a.x + f * (b.x - a.x);
      st.y = a.y + f * (b.y - a.y);
      st.z = ground_.At(st.x, st.y).value_or(0.0);
      st.heading_deg = std::fmod(std::atan2(b.x - a.x, b.y - a.y) * 180 / std::numbers::pi + 360, 360);
      out.states.push_back(st);
    }
    return true;
  }

 private:
  std::vector<Walker> walkers_;
  std::vector<std::vector<double>> cumulative_;  // distance along each path at its vertices
  std::vector<AgentInfo> infos_;
  const Ground& ground_;
  StepOptions options_;
  std::size_t step_ = 0;
};

}  // namespace

std::unique_ptr<AgentSource> MakeWalkerSource(std::vector<Walker> walkers, const Ground& ground,
                                              const StepOptions& options) {
  return std::make_unique<WalkerSource>(std::move(walkers), ground, options);
}

}  // namespace agents
