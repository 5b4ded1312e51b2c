// Camera panel: face and plate preview. The report's test chart (a face and a number plate,
// life size) as the selected camera records it at a chosen distance on its axis, or at a
// chosen pixel density: what a DORI level means, to show a client. The eye inset shows the
// same chart at the point under the mouse (DrawTestChart).
#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "gui/panels.h"
#include "report/test_chart.h"
#include "sim/camera.h"

namespace gui {
namespace {

struct PreviewState {
  double distance_m = 15;
  double px_per_m = 125;  // without a selected camera
};

// A chart texture and the density it was resampled to.
struct ChartTexture {
  GLuint texture = 0;
  double shown_px_per_m = -1;
};

void Upload(ChartTexture& p, double px_per_m) {
  const report::Image chart = report::TestChartAt(px_per_m);
  if (p.texture == 0) glGenTextures(1, &p.texture);
  glBindTexture(GL_TEXTURE_2D, p.texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER,
                  GL_NEAREST);  // the recorded pixels, enlarged
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, chart.width, chart.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
               chart.rgba.data());
  glBindTexture(GL_TEXTURE_2D, 0);
  p.shown_px_per_m = px_per_m;
}

}  // namespace

void DrawTestChart(double px_per_m, ChartUse use, float width) {
  static ChartTexture textures[2];  // one per use: the panel and the eye's tooltip differ
  ChartTexture& t = textures[use == ChartUse::panel ? 0 : 1];
  px_per_m = std::clamp(std::round(px_per_m * 2) / 2, 1.0, 2000.0);
  if (px_per_m != t.shown_px_per_m) Upload(t, px_per_m);
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(t.texture)),
               {width, static_cast<float>(width * report::kChartHeight_m / report::kChartWidth_m)});
  ImGui::TextDisabled("face %.0f px wide, plate text %.0f px tall", report::kFaceWidth_m * px_per_m,
                      report::kPlateTextHeight_m * px_per_m);
}

namespace {

void DrawDensityPreview(WorkbenchState& s, Commands&) {
  if (!ImGui::CollapsingHeader("Face and plate preview")) return;
  static PreviewState p;
  const sim::Camera* c = nullptr;
  if (s.project->selection.size() == 1)
    if (const int i = s.project->IndexOf(*s.project->selection.begin()); i >= 0)
      c = &s.project->cameras()[i];
  ImGui::PushItemWidth(-150);
  double px = p.px_per_m;
  if (c) {
    const double dmin = 0.5, dmax = std::max(1.0, c->max_range_m);
    ImGui::DragScalar("distance on axis", ImGuiDataType_Double, &p.distance_m, 0.1f, &dmin, &dmax,
                      "%.1f m");
    px = sim::PixelsPerMetreOnAxis(*c, p.distance_m);
  } else {
    const double pmin = 5, pmax = 1000;
    ImGui::DragScalar("px/m", ImGuiDataType_Double, &p.px_per_m, 1.0f, &pmin, &pmax, "%.0f");
    px = p.px_per_m;
  }
  ImGui::PopItemWidth();
  px = std::clamp(std::round(px * 2) / 2, 1.0, 2000.0);
  const int level = s.project->run().scenario.levels.Classify(px);
  ImGui::Text(
      "%.0f px/m: %s", px,
      level >= 0 ? s.project->run().scenario.levels.levels[level].name.c_str() : "below detect");
  DrawTestChart(px, ChartUse::panel, ImGui::GetContentRegionAvail().x);
  ImGui::TextDisabled("Hover the camera eye: the face and plate at that point.");
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"density preview", Dock::right, 35, DrawDensityPreview});

}  // namespace
}  // namespace gui
