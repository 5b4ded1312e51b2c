// Project panel: the scenario's name, file, CRS, city size and grid.
#include <imgui.h>

#include "gui/panels.h"

namespace gui {
namespace {

void DrawScenarioInfo(WorkbenchState& s, Commands&) {
  const scenario::CoverageResult& run = s.project->run();
  if (ImGui::CollapsingHeader("Scenario", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::TextWrapped("%s", run.scenario.name.c_str());
    ImGui::TextDisabled("%s", s.project->path().filename().string().c_str());
    ImGui::Text("CRS %s", run.city.frame.Label().c_str());
    const geo::BuildingCount buildings = run.city.CountBuildings();
    if (buildings.parts > 0)
      ImGui::Text("%zu buildings (%zu parts), %zu triangles", buildings.buildings, buildings.parts,
                  run.city.triangles.size());
    else
      ImGui::Text("%zu buildings, %zu triangles", buildings.buildings, run.city.triangles.size());
    ImGui::Text("Grid %.2f m, %d x %d cells", run.grid.resolution_m, run.grid.nx, run.grid.ny);
  }
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"scenario", Dock::left, 10, DrawScenarioInfo});

}  // namespace
}  // namespace gui
