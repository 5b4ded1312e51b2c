// Camera panel: the lens calculator (sim/lens.h). A sensor and a focal length give the fields of
// view; a pixel density at a distance gives the focal length it needs; the selected camera's
// reach at each density level; and the HFOV found can be applied to the selected camera.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "gui/panels.h"
#include "sim/lens.h"

namespace gui {
namespace {

// Widget values kept between frames (plain widget state, like ImGui's own).
struct LensInputs {
  int format = 4;  // 1/2.8"
  double focal_mm = 4;
  double px_per_m = 250;
  double distance_m = 20;
};

void DrawLensCalculator(WorkbenchState& s, Commands& cmd) {
  if (!ImGui::CollapsingHeader("Lens calculator")) return;
  static LensInputs in;
  const auto& formats = sim::SensorFormats();
  in.format = std::clamp(in.format, 0, static_cast<int>(formats.size()) - 1);
  ImGui::PushItemWidth(-150);
  if (ImGui::BeginCombo("sensor", formats[in.format].name.c_str())) {
    for (int i = 0; i < static_cast<int>(formats.size()); ++i)
      if (ImGui::Selectable(
              (formats[i].name + "  (" + std::to_string(formats[i].width_mm).substr(0, 4) + " mm)")
                  .c_str(),
              i == in.format))
        in.format = i;
    ImGui::EndCombo();
  }
  const sim::SensorFormat& sensor = formats[in.format];
  const double fmin = 0.5, fmax = 500;
  ImGui::DragScalar("focal length##calc", ImGuiDataType_Double, &in.focal_mm, 0.05f, &fmin, &fmax,
                    "%.2f mm");
  const double hfov = sim::FovDeg(sensor.width_mm, in.focal_mm);
  ImGui::Text("HFOV %.1f\u00b0   VFOV %.1f\u00b0", hfov,
              sim::FovDeg(sensor.height_mm, in.focal_mm));
  // The selected camera, if one: its width in pixels, its reach, the target of "apply".
  const sim::Camera* selected = nullptr;
  if (s.project->selection.size() == 1)
    if (const int i = s.project->IndexOf(*s.project->selection.begin()); i >= 0)
      selected = &s.project->cameras()[i];
  const int width_px = selected ? selected->width_px : 1920;
  ImGui::Separator();
  const double pmin = 1, pmax = 5000, dmin = 0.5, dmax = 1000;
  ImGui::DragScalar("px/m wanted", ImGuiDataType_Double, &in.px_per_m, 1.0f, &pmin, &pmax, "%.0f");
  ImGui::DragScalar("at distance", ImGuiDataType_Double, &in.distance_m, 0.2f, &dmin, &dmax,
                    "%.1f m");
  const double need = sim::FocalForDensity(in.px_per_m, in.distance_m, width_px, sensor.width_mm);
  ImGui::Text("needs %.1f mm or longer (HFOV %.1f\u00b0)", need,
              sim::FovDeg(sensor.width_mm, need));
  ImGui::TextDisabled("with %d px across%s", width_px, selected ? " (the selected camera)" : "");
  ImGui::SameLine();
  if (ImGui::SmallButton("use##focal")) in.focal_mm = need;
  ImGui::PopItemWidth();
  if (!selected) return;
  ImGui::Separator();
  ImGui::Text("%s reaches, on axis:", selected->id.c_str());
  for (const sim::DensityLevel& l : s.project->run().scenario.levels.levels)
    ImGui::Text("  %-10s %6.1f m", l.name.c_str(),
                sim::DistanceForDensity(l.min_px_per_m, selected->width_px, selected->hfov_deg,
                                        selected->lens));
  char label[96];
  std::snprintf(label, sizeof label, "Set %s to HFOV %.1f\u00b0", selected->id.c_str(), hfov);
  if (selected->lens == sim::LensModel::rectilinear && ImGui::Button(label)) {
    sim::Camera c = *selected;
    c.hfov_deg = hfov;
    if (const plan::EditResult r = cmd.Edit(plan::ReplaceCamera{selected->id, c}); !r.applied())
      Notify(s, "Refused: " + r.message);
  }
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"lens calculator", Dock::right, 25, DrawLensCalculator});

}  // namespace
}  // namespace gui
