// Project panel: each zone's requirement met, or a privacy zone's exposure.
#include <imgui.h>

#include <string>

#include "gui/panel_format.h"
#include "gui/panels.h"

namespace gui {
namespace {

void DrawZones(WorkbenchState& s, Commands&) {
  if (s.latest && !s.latest->zone_stats.empty() &&
      ImGui::CollapsingHeader("Zones", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::BeginTable("zones", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("zone");
      ImGui::TableSetupColumn("kind");
      ImGui::TableSetupColumn("status");
      ImGui::TableHeadersRow();
      for (const sim::ZoneStats& z : s.latest->zone_stats) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(z.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sim::ZoneKindName(z.kind));
        ImGui::TableNextColumn();
        if (z.kind == sim::ZoneKind::privacy) {
          if (z.covered_m2 > 0)
            ImGui::TextColored({0.8f, 0, 0.6f, 1}, "exposed %s", Area(z.covered_m2).c_str());
          else
            ImGui::TextUnformatted("not seen");
          if (!z.cameras_seeing.empty() && ImGui::IsItemHovered()) {
            std::string who;
            for (const auto& id : z.cameras_seeing) who += (who.empty() ? "" : ", ") + id;
            ImGui::SetTooltip("seen by %s", who.c_str());
          }
        } else {
          ImGui::Text("%.0f %% met", Pct(z.requirement_met_m2, z.area_m2));
          if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s ground; covered %.0f %%, density met %.0f %%, k met %.0f %%",
                              Area(z.area_m2).c_str(), Pct(z.covered_m2, z.area_m2),
                              Pct(z.level_met_m2, z.area_m2), Pct(z.k_met_m2, z.area_m2));
        }
      }
      ImGui::EndTable();
    }
  }
}

[[maybe_unused]] const bool registered = RegisterPanel({"zones", Dock::left, 50, DrawZones});

}  // namespace
}  // namespace gui
