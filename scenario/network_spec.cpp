#include "scenario/network_spec.h"

namespace scenario {

const char* NetNodeKindName(NetNodeKind k) {
  switch (k) {
    case NetNodeKind::switch_:
      return "switch";
    case NetNodeKind::router:
      return "router";
    case NetNodeKind::recorder:
      return "recorder";
    case NetNodeKind::centre:
      return "centre";
    case NetNodeKind::access_point:
      return "access_point";
    case NetNodeKind::radio:
      return "radio";
  }
  return "?";
}

std::optional<NetNodeKind> ParseNetNodeKind(const std::string& name) {
  if (name == "switch") return NetNodeKind::switch_;
  if (name == "router") return NetNodeKind::router;
  if (name == "recorder" || name == "nvr") return NetNodeKind::recorder;
  if (name == "centre" || name == "center" || name == "monitoring_centre")
    return NetNodeKind::centre;
  if (name == "access_point" || name == "ap") return NetNodeKind::access_point;
  if (name == "radio") return NetNodeKind::radio;
  return std::nullopt;
}

}  // namespace scenario
