// Project panel "Network" and its links on the map: the scenario's `network:` under the plan as
// it stands (plan::EstimateLiveNetwork, the closed form): each link's load against its
// capacity, the recorders' storage for the retention period, what a failure cuts off. Links
// are drawn between their ends on the 3D view, coloured by load. The packet-level run is
// `sightline network`.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "gui/panels.h"
#include "gui/screen.h"
#include "plan/live_network.h"

namespace gui {
namespace {

// The estimate of the last plan seen: rebuilt when a camera moves, comes or goes.
struct NetworkCache {
  const plan::Project* project = nullptr;
  std::string plan_key;
  std::optional<plan::LiveNetwork> network;
  bool links_on_map = true;
};

NetworkCache& Cache() {
  static NetworkCache cache;
  return cache;
}

std::string PlanKey(const std::vector<sim::Camera>& cameras) {
  std::string key;
  for (const sim::Camera& c : cameras)
    key += fmt::format("{}|{}|{:.3f}|{:.3f}|{:.3f};", c.id, c.model, c.position.x, c.position.y, c.position.z);
  return key;
}

const std::optional<plan::LiveNetwork>& Current(const WorkbenchState& s) {
  NetworkCache& cache = Cache();
  const std::string key = PlanKey(s.project->cameras());
  if (cache.project != s.project.get() || cache.plan_key != key) {
    const scenario::CoverageResult& run = s.project->run();
    cache.network = plan::EstimateLiveNetwork(run.scenario, s.project->cameras(), run.city.frame);
    cache.project = s.project.get();
    cache.plan_key = key;
  }
  return cache.network;
}

// Load colours: comfortable, busy, near full, overloaded.
ImU32 LoadColour(const net::LinkFigures& f) {
  if (f.overloaded) return IM_COL32(220, 30, 30, 255);
  if (f.utilisation >= 0.8) return IM_COL32(240, 140, 0, 255);
  if (f.utilisation >= 0.5) return IM_COL32(220, 200, 0, 255);
  return IM_COL32(40, 170, 70, 255);
}

double OfferedShare(const net::Topology& t, const net::LinkFigures& f) {
  const double capacity = t.links[f.link].capacity_mbps;
  return capacity > 0 ? f.offered_mbps / capacity : 0;
}

void DrawNetwork(WorkbenchState& s, Commands&) {
  if (!s.project->run().scenario.network) return;
  if (!ImGui::CollapsingHeader("Network", ImGuiTreeNodeFlags_DefaultOpen)) return;
  const auto& live = Current(s);
  if (!live) return;
  if (!live->problem.empty()) {
    ImGui::TextColored({0.85f, 0.1f, 0.1f, 1}, "The network no longer fits the plan:");
    ImGui::TextWrapped("%s", live->problem.c_str());
    return;
  }
  const net::Topology& t = live->topology;
  const net::Estimate& e = live->estimate;
  ImGui::Checkbox("Links on the map", &Cache().links_on_map);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Closed form; `sightline network` runs ns-3.");
  ImGui::PopStyleColor();
  int overloaded = 0;
  for (const net::LinkFigures& f : e.links) overloaded += f.overloaded;
  if (overloaded > 0)
    ImGui::TextColored({0.85f, 0.1f, 0.1f, 1}, "%d overloaded link%s", overloaded, overloaded == 1 ? "" : "s");
  // The busiest links first; cameras' own access links only when busy.
  std::vector<const net::LinkFigures*> order;
  for (const net::LinkFigures& f : e.links) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [&](const auto* a, const auto* b) {
    return OfferedShare(t, *a) > OfferedShare(t, *b);
  });
  if (ImGui::BeginTable("links", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("link");
    ImGui::TableSetupColumn("Mb/s");
    ImGui::TableSetupColumn("offered");
    ImGui::TableHeadersRow();
    int shown = 0;
    for (const net::LinkFigures* f : order) {
      const net::Link& link = t.links[f->link];
      const bool access = t.nodes[link.a].kind == net::NodeKind::camera || t.nodes[link.b].kind == net::NodeKind::camera;
      if (access && OfferedShare(t, *f) < 0.5) continue;
      if (++shown > 12) break;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.LinkName(f->link).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.1f / %.0f", f->offered_mbps, link.capacity_mbps);
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(LoadColour(*f)), "%.0f %%", 100 * OfferedShare(t, *f));
    }
    ImGui::EndTable();
  }
  for (const net::RecorderFigures& r : e.recorders) {
    ImGui::PushStyleColor(ImGuiCol_Text, r.fits ? ImVec4(0.1f, 0.55f, 0.2f, 1) : ImVec4(0.85f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s: %.1f of %.1f TB for %.0f days (%.1f Mb/s recorded)", t.nodes[r.node].id.c_str(),
                       r.storage_tb_needed, r.storage_tb, t.retention_days, r.recorded_mbps);
    ImGui::PopStyleColor();
  }
  for (const net::FailureFigures& f : e.failures)
    if (!f.cameras_cut.empty())
      ImGui::TextWrapped("%s cuts %zu camera%s off their recorder", t.failures[f.failure].Name(t).c_str(),
                         f.cameras_cut.size(), f.cameras_cut.size() == 1 ? "" : "s");
  if (!t.unreachable.empty())
    ImGui::TextColored({0.85f, 0.1f, 0.1f, 1}, "%zu camera%s without a path to a recorder", t.unreachable.size(),
                       t.unreachable.size() == 1 ? "" : "s");
}

// The links over the 3D view, between ends that have a position.
void DrawNetworkLinks(WorkbenchState& s, Commands&) {
  if (!s.project || !s.project->run().scenario.network || !Cache().links_on_map) return;
  const auto& live = Current(s);
  if (!live || !live->problem.empty()) return;
  const net::Topology& t = live->topology;
  const geo::Frame& frame = s.project->run().city.frame;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  dl->PushClipRect({s.ViewLeft(), kMenuHeight}, {s.ViewRight(), s.height - kStatusHeight}, true);
  auto screen = [&](const net::Node& n, ImVec2& at) {
    if (!n.has_position) return false;
    double x = 0, y = 0;
    const double lx = n.x - frame.origin_x, ly = n.y - frame.origin_y;
    if (!WorldToScreen(s, {lx, ly, s.project->run().city.GroundZ(lx, ly) + 0.3}, x, y)) return false;
    at = ImVec2(static_cast<float>(x), static_cast<float>(y));
    return true;
  };
  for (const net::LinkFigures& f : live->estimate.links) {
    const net::Link& link = t.links[f.link];
    ImVec2 a, b;
    if (!screen(t.nodes[link.a], a) || !screen(t.nodes[link.b], b)) continue;
    dl->AddLine(a, b, IM_COL32(255, 255, 255, 180), 5.0f);
    dl->AddLine(a, b, LoadColour(f), link.radio ? 1.5f : 3.0f);
  }
  for (const net::Node& n : t.nodes) {
    ImVec2 at;
    if (n.kind == net::NodeKind::camera || !screen(n, at)) continue;
    dl->AddRectFilled({at.x - 5, at.y - 5}, {at.x + 5, at.y + 5}, IM_COL32(40, 40, 60, 230));
    dl->AddText({at.x + 7, at.y - 7}, IM_COL32(20, 20, 40, 255), n.id.c_str());
  }
  dl->PopClipRect();
}

[[maybe_unused]] const bool registered = RegisterPanel({"network", Dock::left, 57, DrawNetwork});
[[maybe_unused]] const bool registered_links =
    RegisterPanel({"network links", Dock::screen, 11, DrawNetworkLinks});

}  // namespace
}  // namespace gui
