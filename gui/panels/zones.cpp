// Project panel: the zones, each with its requirement met (or a privacy zone's exposure); the
// selected zone's properties (name, kind, DORI level, k, weight) in the camera panel, edited as
// undoable steps.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "gui/panel_format.h"
#include "gui/panels.h"

namespace gui {
namespace {

void Status(const sim::ZoneStats& z) {
  if (z.kind == sim::ZoneKind::exclude) {
    ImGui::TextDisabled("not evaluated");
  } else if (z.kind == sim::ZoneKind::privacy) {
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

// The selected zone's fields; a changed field is one edit (Enter applies typed values).
void Properties(WorkbenchState& s, Commands& cmd) {
  const auto& zones = s.project->zones();
  const std::size_t index = std::size_t(s.selected_zone);
  sim::Zone z = zones[index];
  bool changed = false;
  ImGui::PushItemWidth(-90);
  char name[96];
  std::snprintf(name, sizeof name, "%s", z.name.c_str());
  if (ImGui::InputText("name", name, sizeof name, ImGuiInputTextFlags_EnterReturnsTrue) && name[0])
    z.name = name, changed = true;
  int kind = static_cast<int>(z.kind);  // priority, privacy, exclude: the enum's order
  if (ImGui::Combo("kind", &kind, "priority\0privacy\0exclude\0")) {
    z.kind = static_cast<sim::ZoneKind>(kind);
    changed = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("priority: coverage wanted (DORI, k, weight)\nprivacy: must not be seen\n"
                      "exclude: not evaluated at all (the coverage is worked out again)");
  if (z.kind == sim::ZoneKind::priority) {
    const auto& levels = s.project->run().scenario.levels.levels;
    const std::string current = z.required_level >= 0 && z.required_level < int(levels.size())
                                    ? levels[z.required_level].name
                                    : "any coverage";
    if (ImGui::BeginCombo("DORI", current.c_str())) {
      if (ImGui::Selectable("any coverage", z.required_level < 0))
        z.required_level = -1, changed = true;
      for (int i = 0; i < int(levels.size()); ++i)
        if (ImGui::Selectable(levels[i].name.c_str(), z.required_level == i))
          z.required_level = i, changed = true;
      ImGui::EndCombo();
    }
    int k = z.required_k;
    if (ImGui::InputInt("k", &k, 1, 1, ImGuiInputTextFlags_EnterReturnsTrue) ||
        ImGui::IsItemDeactivatedAfterEdit()) {
      z.required_k = std::clamp(k, 1, 100);
      changed = z.required_k != zones[index].required_k;
    }
    double weight = z.weight;
    const double step = 0.5;
    if (ImGui::InputScalar("weight", ImGuiDataType_Double, &weight, &step, nullptr, "%.2f",
                           ImGuiInputTextFlags_EnterReturnsTrue) ||
        ImGui::IsItemDeactivatedAfterEdit()) {
      z.weight = std::max(0.01, weight);
      changed = z.weight != zones[index].weight;
    }
  }
  ImGui::PopItemWidth();
  if (changed)
    if (const plan::EditResult r = cmd.Edit(plan::ReplaceZone{index, z}); !r.applied())
      Notify(s, "Refused: " + r.message);
  std::size_t holes = 0;
  for (const geo::Polygon& part : z.outline) holes += part.empty() ? 0 : part.size() - 1;
  ImGui::TextDisabled("%zu part%s, %zu hole%s", z.outline.size(), z.outline.size() == 1 ? "" : "s", holes,
                      holes == 1 ? "" : "s");
  ImGui::SameLine();
  auto draw_into = [&](const char* label, ZoneDraftInto into, const char* tip) {
    if (ImGui::SmallButton(label)) {
      s.tool = Tool::zone;
      s.zone_draft.clear();
      s.zone_draft_into = into;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  };
  draw_into("Cut a hole", ZoneDraftInto::hole,
            "Draw an outline inside the zone: the ground in it leaves the zone\n(right-click a "
            "vertex of a three-point hole to fill it again)");
  ImGui::SameLine();
  draw_into("Add a part", ZoneDraftInto::part, "Draw another outline that belongs to this zone");
  if (ImGui::Button("Delete zone")) {
    cmd.Edit(plan::DeleteZone{index});
    s.selected_zone = -1;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("(outline: Zone tool, Z)");
}

void DrawZones(WorkbenchState& s, Commands& /*cmd: the panels share one signature*/) {
  if (!ImGui::CollapsingHeader("Zones", ImGuiTreeNodeFlags_DefaultOpen)) return;
  const auto& zones = s.project->zones();
  if (zones.empty()) {
    ImGui::TextDisabled("No zones. Draw one with the Zone tool (Z).");
    return;
  }
  if (ImGui::BeginTable("zones", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("zone");
    ImGui::TableSetupColumn("kind");
    ImGui::TableSetupColumn("status");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < zones.size(); ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(int(i));
      if (ImGui::Selectable(zones[i].name.c_str(), s.selected_zone == int(i)))
        s.selected_zone = s.selected_zone == int(i) ? -1 : int(i);
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(sim::ZoneKindName(zones[i].kind));
      ImGui::TableNextColumn();
      // The figures of the newest snapshot, while they are for this zone list.
      if (s.latest && s.latest->zone_stats.size() == zones.size() &&
          s.latest->zone_stats[i].name == zones[i].name)
        Status(s.latest->zone_stats[i]);
      else
        ImGui::TextDisabled("...");
    }
    ImGui::EndTable();
  }
  if (s.selected_zone >= 0 && s.selected_zone < int(zones.size()))
    ImGui::TextDisabled("Its fields: in the camera panel.");
}

// Camera panel: the selected zone's fields, where the camera inspector is when no camera is
// being edited (or while the zone tool is on).
void DrawZoneInspector(WorkbenchState& s, Commands& cmd) {
  if (s.selected_zone < 0 || s.selected_zone >= int(s.project->zones().size())) return;
  if (s.tool != Tool::zone && !s.project->selection.empty()) return;
  ImGui::Separator();
  ImGui::Text("Zone: %s", s.project->zones()[s.selected_zone].name.c_str());
  Properties(s, cmd);
}

[[maybe_unused]] const bool registered = RegisterPanel({"zones", Dock::left, 50, DrawZones});
[[maybe_unused]] const bool registered_inspector =
    RegisterPanel({"zone inspector", Dock::right, 22, DrawZoneInspector});

}  // namespace
}  // namespace gui
