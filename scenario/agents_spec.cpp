#include "scenario/agents_spec.h"

namespace scenario {

const char* AgentClassName(AgentClass c) {
  switch (c) {
    case AgentClass::pedestrian: return "pedestrian";
    case AgentClass::bicycle: return "bicycle";
    case AgentClass::car: return "car";
    case AgentClass::van: return "van";
    case AgentClass::bus: return "bus";
  }
  return "?";
}

std::optional<AgentClass> ParseAgentClass(const std::string& name) {
  for (AgentClass c : {AgentClass::pedestrian, AgentClass::bicycle, AgentClass::car, AgentClass::van, AgentClass::bus})
    if (name == AgentClassName(c)) return c;
  return std::nullopt;
}

AgentSize DefaultSize(AgentClass c) {
  switch (c) {
    case AgentClass::pedestrian: return {0.5, 0.5, 1.75};
    case AgentClass::bicycle: return {1.8, 0.6, 1.7};
    case AgentClass::car: return {4.5, 1.8, 1.5};
    case AgentClass::van: return {5.5, 2.0, 2.3};
    case AgentClass::bus: return {12, 2.55, 3.2};
  }
  return {};
}

}  // namespace scenario
