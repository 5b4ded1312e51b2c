// Project panel: the live coverage figures of the plan (the same as `sightline coverage`).
#include <imgui.h>

#include "gui/panel_format.h"
#include "gui/panels.h"

namespace gui {
namespace {

// People-time of the last agents run (as agents.json and the report's people page count it):
// the share of people's and vehicles' time in the area the cameras see, by level, and the
// people ever seen at recognise or better.
void DrawPeopleTime(WorkbenchState& s) {
  const report::PeopleSection& p = *s.people_figures;
  const auto& levels = s.project->run().scenario.levels.levels;
  ImGui::Separator();
  ImGui::Text("People-time (%zu agents, %.0f s simulated)", s.timeline.agents.size(), p.duration_s);
  for (const report::PeopleSection::Row& r : p.rows) {
    const bool people = r.group == "people";
    ImGui::Text("%s seen: %.1f %% of %.0f %s", people ? "People" : "Vehicles", r.seen_pct, r.in_area_s,
                people ? "person-s" : "vehicle-s");
    ImGui::Text("  by 2+ cameras %.1f %%", r.seen_by_2_pct);
    for (std::size_t i = 0; i < levels.size() && i < r.at_level_pct.size(); ++i)
      ImGui::Text("  %-10s %.1f %%", levels[i].name.c_str(), r.at_level_pct[i]);
    if (people && levels.size() > 2)
      ImGui::Text("People ever seen at %s+: %d of %d (%.0f %%)", levels[2].name.c_str(), r.agents_ever_at_recognise,
                  r.agents, Pct(r.agents_ever_at_recognise, r.agents));
  }
  if (s.agents_plan_state != s.project->history().state_id())
    ImGui::TextColored({0.75f, 0.35f, 0, 1}, "for the plan as simulated (edited since)");
}

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
  if (s.people_figures) DrawPeopleTime(s);
}

[[maybe_unused]] const bool registered = RegisterPanel({"totals", Dock::left, 40, DrawTotals});

}  // namespace
}  // namespace gui
