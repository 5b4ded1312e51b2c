// Project panel: the coverage overlay, building names, streets, the background raster, and the
// legend.
#include <fmt/format.h>
#include <imgui.h>

#include <cmath>

#include "gui/panels.h"
#include "report/palette.h"

namespace gui {
namespace {

ImU32 Colour(const report::Rgb& c, int alpha = 255) { return IM_COL32(c[0], c[1], c[2], alpha); }

void LegendSwatch(const report::Rgb& c, const std::string& label) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(p, {p.x + 14, p.y + 14}, Colour(c));
  ImGui::Dummy({18, 14});
  ImGui::SameLine();
  ImGui::TextUnformatted(label.c_str());
}

// The background raster under the coverage: load, clear, opacity; saved with the plan.
void Background(WorkbenchState& s, Commands& cmd) {
  const auto& background = s.project->background();
  ImGui::TextDisabled("Background:");
  ImGui::SameLine();
  if (s.background_job) {  // read off the UI thread
    ImGui::TextUnformatted(fmt::format("reading {}...", s.background_job->file.filename().string()).c_str());
    return;
  }
  if (!background) {
    if (ImGui::SmallButton("Load raster...")) Browse(s, "background");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("An orthophoto or a georeferenced scanned plan (any GDAL raster with a CRS),\n"
                        "draped on the ground under the coverage; saved with the plan");
    return;
  }
  ImGui::TextUnformatted(background->file.filename().string().c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", background->file.string().c_str());
  if (ImGui::SmallButton("Change...")) Browse(s, "background");
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear")) cmd.SetBackground(std::nullopt);
  ImGui::SameLine();
  float opacity = float(background->opacity);
  ImGui::PushItemWidth(-1);
  if (ImGui::SliderFloat("##opacity", &opacity, 0, 1, "opacity %.2f"))  // a held slider: one step
    cmd.Edit(plan::SetBackgroundOpacity{opacity},
             ImGui::IsItemActivated() ? plan::Gesture::starts : plan::Gesture::continues);
  ImGui::PopItemWidth();
}

void DrawLayers(WorkbenchState& s, Commands& cmd) {
  const scenario::CoverageResult& run = s.project->run();
  if (ImGui::CollapsingHeader("Layers", ImGuiTreeNodeFlags_DefaultOpen)) {
    int mode = static_cast<int>(s.overlay);
    ImGui::RadioButton("Cameras seeing (k)", &mode,
                       static_cast<int>(plan::OverlayMode::k_coverage));
    ImGui::RadioButton("Pixel density (DORI)", &mode, static_cast<int>(plan::OverlayMode::density));
    ImGui::RadioButton("Off", &mode, static_cast<int>(plan::OverlayMode::off));
    s.overlay = static_cast<plan::OverlayMode>(mode);
    ImGui::Checkbox("Wedges: DORI bands (W)", &s.show_wedges);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "The ground each camera sees at face height, cut by the buildings,\n"
          "coloured by density band as the density overlay (W)");
    if (!s.view->building_labels().empty()) ImGui::Checkbox("Building names", &s.show_names);
    if (!run.city.paths.empty()) {
      if (ImGui::Checkbox("Streets", &s.show_streets)) s.view->ShowStreets(s.show_streets);
    }
    Background(s, cmd);
    const sim::DensityLevels& levels = run.scenario.levels;
    if (s.overlay == plan::OverlayMode::k_coverage) {
      for (int k = 1; k <= 4; ++k)
        LegendSwatch(report::KColour(k),
                     k < 4 ? fmt::format("{} camera{}", k, k > 1 ? "s" : "") : "4 or more");
    } else if (s.overlay == plan::OverlayMode::density) {
      const int n = static_cast<int>(levels.levels.size());
      LegendSwatch(
          report::LevelColour(-1, n),
          fmt::format("seen, below {}", levels.levels.empty() ? "" : levels.levels[0].name));
      for (int i = 0; i < n; ++i)
        LegendSwatch(
            report::LevelColour(i, n),
            fmt::format("{} (>= {:g} px/m)", levels.levels[i].name, levels.levels[i].min_px_per_m));
    }
    if (s.show_wedges && s.overlay != plan::OverlayMode::density) {  // the wedges' bands
      const int n = static_cast<int>(levels.levels.size());
      ImGui::TextDisabled("Wedges:");
      for (int i = n - 1; i >= -1; --i)
        LegendSwatch(report::LevelColour(i, n),
                     i < 0 ? "seen, below " + (n > 0 ? levels.levels[0].name : std::string())
                           : levels.levels[i].name);
    }
    if (s.overlay != plan::OverlayMode::off) {
      LegendSwatch(report::kBlindSpot, "blind spot (priority zones)");
      LegendSwatch({204, 0, 153}, "privacy zone exposed");
    }
    ImGui::TextColored({0.0f, 0.45f, 0.70f, 1}, "\u2014 priority zone");
    ImGui::SameLine();
    ImGui::TextColored({0.80f, 0.0f, 0.60f, 1}, "  \u2014 privacy zone");
    ImGui::TextColored({0.35f, 0.35f, 0.35f, 1}, "\u2014 exclude zone (not evaluated)");
  }
}

[[maybe_unused]] const bool registered = RegisterPanel({"layers", Dock::left, 30, DrawLayers});

}  // namespace
}  // namespace gui
