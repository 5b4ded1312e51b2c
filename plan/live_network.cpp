#include "plan/live_network.h"

#include "core/error.h"

namespace plan {

std::optional<LiveNetwork> EstimateLiveNetwork(const scenario::Scenario& scenario,
                                               const std::vector<sim::Camera>& cameras,
                                               const geo::Frame& frame) {
  if (!scenario.network) return std::nullopt;
  scenario::Scenario live = scenario;
  live.cameras.clear();
  for (const sim::Camera& c : cameras) {
    scenario::CameraSpec spec;
    for (const scenario::CameraSpec& original : scenario.cameras)
      if (original.id == c.id) spec = original;  // keeps its fields (bitrate, lens...)
    spec.id = c.id;
    if (spec.model.empty()) spec.model = c.model;
    spec.x = c.position.x + frame.origin_x;
    spec.y = c.position.y + frame.origin_y;
    spec.crs.clear();  // the scenario's CRS: the frame's
    spec.yaw_deg = c.yaw_deg;
    spec.pitch_deg = c.pitch_deg;
    live.cameras.push_back(std::move(spec));
  }
  LiveNetwork result;
  try {
    result.topology = net::BuildTopology(live);
    result.estimate = net::ClosedForm(result.topology);
  } catch (const core::InputError& e) {
    result = LiveNetwork{};
    result.problem = e.what();
  }
  return result;
}

}  // namespace plan
