// network.json: per link the closed form and the packet-level run side by side, per recorder
// its storage, per camera its bitrate and what failures cost it.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "net/closed_form.h"
#include "net/packet_sim.h"
#include "net/topology.h"
#include "report/network_diagram.h"

namespace net {

struct NetworkRun {
  Topology topology;
  Estimate closed_form;
  std::optional<SimResult> packets;  // absent when the packet-level run was skipped
};

nlohmann::json NetworkJson(const NetworkRun& run);
// Writes `folder`/network.json (atomically).
void WriteNetworkJson(const NetworkRun& run, const std::filesystem::path& folder);

// The topology/utilisation picture's content (the packet-level figures when there are any,
// else the closed form; storage and failures as notes), for network.png and the PDF report.
report::NetworkDiagram DiagramOf(const NetworkRun& run, const std::string& name);

}  // namespace net
