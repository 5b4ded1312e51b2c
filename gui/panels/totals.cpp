// Project panel: the live coverage figures of the plan (the same as `sightline coverage`).
#include <imgui.h>

#include "gui/panel_format.h"
#include "gui/panels.h"

namespace gui {
namespace {

void DrawTotals(WorkbenchState& s, Commands&) {
  const scenario::CoverageResult& run = s.project->run();
  if (s.latest && ImGui::CollapsingHeader("Totals", ImGuiTreeNodeFlags_DefaultOpen)) {
    const sim::CoverageSummary& sum = s.latest->summary;
    ImGui::Text("Cameras: %zu   cost: %.0f", s.latest->cameras.size(), sum.total_cost);
    ImGui::Text("Covered: %s of %s (%.1f %%)", Area(sum.covered_m2).c_str(),
                Area(sum.target_m2).c_str(), Pct(sum.covered_m2, sum.target_m2));
    const auto& levels = run.scenario.levels.levels;
    for (std::size_t i = 0; i < levels.size() && i < sum.at_level_m2.size(); ++i)
      ImGui::Text("  %-10s %s (%.1f %%)", levels[i].name.c_str(), Area(sum.at_level_m2[i]).c_str(),
                  Pct(sum.at_level_m2[i], sum.target_m2));
    double k2 = 0;
    for (std::size_t k = 2; k < sum.k_histogram_m2.size(); ++k) k2 += sum.k_histogram_m2[k];
    ImGui::Text("Seen by 2+ cameras: %.1f %%", Pct(k2, sum.target_m2));
    if (sum.covered_m2 > 0 && sum.total_cost > 0)
      // Named and computed as in the PDF report and summary figures (issue #17).
      ImGui::Text("Covered ground per unit of cost: %.2f m\u00b2", sum.covered_m2 / sum.total_cost);
    double exposed = 0;
    bool any_privacy = false;
    for (const sim::ZoneStats& z : s.latest->zone_stats)
      if (z.kind == sim::ZoneKind::privacy) exposed += z.covered_m2, any_privacy = true;
    if (any_privacy) {
      if (exposed > 0)
        ImGui::TextColored({0.8f, 0, 0.6f, 1}, "Privacy exposure: %s", Area(exposed).c_str());
      else
        ImGui::Text("Privacy exposure: none");
    }
  }
}

[[maybe_unused]] const bool registered = RegisterPanel({"totals", Dock::left, 40, DrawTotals});

}  // namespace
}  // namespace gui
