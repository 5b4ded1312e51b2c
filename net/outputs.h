// network.json: per link the closed form and the packet-level run side by side, per recorder
// its storage, per camera its bitrate and what failures cost it.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "net/closed_form.h"
#include "net/packet_sim.h"
#include "net/topology.h"

namespace net {

struct NetworkRun {
  Topology topology;
  Estimate closed_form;
  std::optional<SimResult> packets;  // absent when the packet-level run was skipped
};

nlohmann::json NetworkJson(const NetworkRun& run);
// Writes `folder`/network.json (atomically).
void WriteNetworkJson(const NetworkRun& run, const std::filesystem::path& folder);

}  // namespace net
