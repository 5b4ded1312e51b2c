// Camera panel: the plan's cameras, sortable, with their seen area and cost; selection, delete,
// undo, redo.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <map>

#include "gui/panels.h"
#include "plan/edit_checks.h"

namespace gui {
namespace {

void DrawCameraList(WorkbenchState& s, Commands& cmd) {
  const auto& cams = s.project->cameras();
  const int level_count = static_cast<int>(s.project->run().scenario.levels.levels.size());
  if (s.inside_state !=
      s.project->history().state_id()) {  // cameras inside a building, once per plan
    s.inside.clear();
    for (const sim::Camera& c : cams)
      if (plan::InsideBuilding(*s.project, c)) s.inside.insert(c.id);
    s.inside_state = s.project->history().state_id();
  }
  // Per camera: visible area and area at the level the report leads with (recognise, or the
  // third level), from the latest finished coverage.
  const int lead = std::min(2, level_count - 1);
  std::map<std::string, const sim::CameraSummary*> by_id;
  if (s.latest)
    for (const sim::CameraSummary& summary : s.latest->summary.cameras)
      by_id[summary.id] = &summary;
  std::vector<int> order(cams.size());
  for (std::size_t i = 0; i < cams.size(); ++i) order[i] = static_cast<int>(i);
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("cameras", 5, flags, {0, 210})) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("id", ImGuiTableColumnFlags_DefaultSort);
    ImGui::TableSetupColumn("model");
    ImGui::TableSetupColumn("seen m\u00b2");
    ImGui::TableSetupColumn(lead >= 0 ? s.project->run().scenario.levels.levels[lead].name.c_str()
                                      : "-");
    ImGui::TableSetupColumn("cost");
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
      s.sort_column = sort->Specs[0].ColumnIndex;
      s.sort_ascending = sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    auto key = [&](int i, int column) -> std::pair<double, std::string> {
      const sim::CameraSummary* summary = by_id.count(cams[i].id) ? by_id[cams[i].id] : nullptr;
      switch (column) {
        case 1:
          return {0, cams[i].model};
        case 2:
          return {summary ? summary->visible_m2 : 0, ""};
        case 3:
          return {summary && lead >= 0 && lead < int(summary->at_level_m2.size())
                      ? summary->at_level_m2[lead]
                      : 0,
                  ""};
        case 4:
          return {cams[i].cost, ""};
        default:
          return {0, cams[i].id};
      }
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return s.sort_ascending ? key(a, s.sort_column) < key(b, s.sort_column)
                              : key(b, s.sort_column) < key(a, s.sort_column);
    });
    for (int i : order) {
      const sim::Camera& c = cams[i];
      const sim::CameraSummary* summary = by_id.count(c.id) ? by_id[c.id] : nullptr;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool selected = s.project->selection.count(c.id) > 0;
      const bool inside = s.inside.count(c.id) > 0;
      // Seeing no ground at all (a roof mast far from the roof's edge, a camera facing a wall
      // or the sky): amber, and the tooltip says why, so a new camera's 0 m2 is not a puzzle.
      const bool blind = !inside && summary && summary->visible_m2 <= 0;
      if (inside) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.1f, 0.1f, 1));
      if (blind) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.45f, 0.0f, 1));
      const std::string label = (inside ? c.id + "  (inside a building)" : c.id) + "##" + c.id;
      const bool clicked =
          ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns);
      if (inside || blind) ImGui::PopStyleColor();
      if (clicked) {
        if (ImGui::GetIO().KeyShift || ImGui::GetIO().KeyCtrl) {
          if (selected)
            s.project->selection.erase(c.id);
          else
            s.project->selection.insert(c.id);
        } else {
          s.project->selection = {c.id};
        }
      }
      if (summary && ImGui::IsItemHovered()) {
        std::string tip = fmt::format("{}: seen {:.0f} m\u00b2", c.id, summary->visible_m2);
        if (inside) tip += "\nInside a building: it sees nothing but its cost counts. Move it out.";
        if (blind)
          tip += "\nIt sees no ground: its own roof (a mast far from the edge), a wall in front of it\n"
                 "or the sky fills its view. Move it toward the edge, or tilt it down.";
        const auto& names = s.project->run().scenario.levels.levels;
        for (std::size_t l = 0; l < names.size() && l < summary->at_level_m2.size(); ++l)
          tip += fmt::format("\n  {} or better: {:.0f} m\u00b2", names[l].name,
                             summary->at_level_m2[l]);
        ImGui::SetTooltip("%s", tip.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.model.empty() ? "(custom)" : c.model.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", summary ? summary->visible_m2 : 0.0);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", summary && lead >= 0 && lead < int(summary->at_level_m2.size())
                              ? summary->at_level_m2[lead]
                              : 0.0);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", c.cost);
    }
    ImGui::EndTable();
  }
  if (ImGui::Button("Delete selected")) cmd.Edit(plan::DeleteSelected{});
  ImGui::SameLine();
  if (ImGui::Button("Undo")) cmd.Edit(plan::Undo{});
  ImGui::SameLine();
  if (ImGui::Button("Redo")) cmd.Edit(plan::Redo{});
  ImGui::Separator();
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"camera list", Dock::right, 10, DrawCameraList});

}  // namespace
}  // namespace gui
