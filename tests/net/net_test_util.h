// Small scenarios for the network tests: cameras in a line, nodes and links given as YAML.
#pragma once

#include <string>

#include "net/topology.h"
#include "scenario/scenario.h"

namespace net::test {

// A scenario with `cameras` (YAML list items) and a `network:` body (indented by 2).
inline scenario::Scenario Parse(const std::string& cameras, const std::string& network) {
  return scenario::ParseScenario(
      "version: 1\ncity: [{source: a.gpkg}]\ncameras:\n" + cameras + "network:\n" + network,
      "/tmp/net.yaml");
}

inline Topology Build(const std::string& cameras, const std::string& network) {
  return BuildTopology(Parse(cameras, network));
}

}  // namespace net::test
