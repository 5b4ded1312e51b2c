// The scenario's network under the plan as it stands in the workbench (cameras moved, added or
// removed): its topology and the closed-form estimate (link loads, recorders' storage, what a
// failure cuts), instant enough to follow every edit. For the network panel and the links drawn
// on the map; the packet-level run stays with `sightline network`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "net/closed_form.h"
#include "net/topology.h"
#include "scenario/scenario.h"
#include "sim/camera.h"

namespace plan {

struct LiveNetwork {
  net::Topology topology;
  net::Estimate estimate;
  // Not empty when the network no longer fits the plan (a wired camera was removed, say): the
  // reason, as `sightline network` would give it; topology and estimate are then empty.
  std::string problem;
};

// The scenario's cameras replaced by `cameras` (local frame coordinates), kept fields of those
// with the same id. nullopt when the scenario has no `network:` section.
std::optional<LiveNetwork> EstimateLiveNetwork(const scenario::Scenario& scenario,
                                               const std::vector<sim::Camera>& cameras,
                                               const geo::Frame& frame);

}  // namespace plan
