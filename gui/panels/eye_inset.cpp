// Camera panel: the selected camera's live view through its lens, with the pixel density under the
// cursor and, beside it, a face and a plate as the camera records them there.
#include <fmt/format.h>
#include <imgui.h>

#include <cmath>
#include <cstdint>

#include "gui/panels.h"
#include "plan/placement.h"
#include "sim/camera.h"

namespace gui {
namespace {

void DrawEye(WorkbenchState& s, const sim::Camera& c) {
  const osg::Texture::TextureObject* tex =
      s.eye->texture()->getTextureObject(s.gw->getState()->getContextID());
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = w * c.height_px / c.width_px;
  if (!tex) {
    ImGui::Dummy({w, h});
    return;
  }
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex->id())), {w, h}, {0, 1},
               {1, 0});
  if (!ImGui::IsItemHovered()) {
    ImGui::TextDisabled("Hover the view for the pixel density there.");
    return;
  }
  // What the camera sees under the cursor: the surface point and its density through the lens.
  const ImVec2 p0 = ImGui::GetItemRectMin(), mouse = ImGui::GetIO().MousePos;
  const sim::Vec3d dir =
      sim::PixelRay(c, (mouse.x - p0.x) / w * c.width_px, (mouse.y - p0.y) / h * c.height_px);
  const auto pick =
      plan::PickSurface(s.project->run().city, *s.project->run().scene, c.position, dir);
  if (!pick) {
    ImGui::Text("sky");
    return;
  }
  const auto proj = sim::Project(c, pick->point);
  const double dist = std::hypot(pick->point.x - c.position.x, pick->point.y - c.position.y,
                                 pick->point.z - c.position.z);
  if (!proj) {
    ImGui::Text("%.1f m, outside the real image", dist);
    return;
  }
  const int level = s.project->run().scenario.levels.Classify(proj->px_per_m);
  const std::string line = fmt::format(
      "{:.1f} m away: {:.0f} px/m, {}{}", dist, proj->px_per_m,
      level >= 0 ? s.project->run().scenario.levels.levels[level].name : "below detect",
      dist > c.max_range_m ? " (beyond range)" : "");
  ImGui::TextUnformatted(line.c_str());
  // What a face and a plate there look like, beside the mouse (IPVM's and VideoCAD's picture).
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(line.c_str());
  DrawTestChart(proj->px_per_m, ChartUse::eye_tooltip, 300);
  ImGui::EndTooltip();
}

const sim::Camera* Selected(const WorkbenchState& s) {
  if (!s.project || s.project->selection.size() != 1) return nullptr;
  const int index = s.project->IndexOf(*s.project->selection.begin());
  return index < 0 ? nullptr : &s.project->cameras()[index];
}

// In the camera panel, as wide as the panel; "Enlarge" (F4) moves it into a window of its own.
void DrawEyeInset(WorkbenchState& s, Commands&) {
  const sim::Camera* c = Selected(s);
  if (!c) return;
  ImGui::Separator();
  ImGui::Text("Camera eye: %s", c->id.c_str());
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - 70);
  if (s.eye_window) {
    if (ImGui::SmallButton("Dock it")) s.eye_window = false;
    ImGui::TextDisabled("In its own window (F4).");
    return;
  }
  if (ImGui::SmallButton("Enlarge")) s.eye_window = true;
  DrawEye(s, *c);
}

// The enlarged eye: a window the planner moves and resizes over the 3D view.
void DrawEyeWindow(WorkbenchState& s, Commands&) {
  const sim::Camera* c = s.eye_window ? Selected(s) : nullptr;
  if (!c) return;
  ImGui::SetNextWindowPos({s.ViewLeft() + 20, kMenuHeight + 40}, ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize({640, 420}, ImGuiCond_FirstUseEver);
  const std::string title = "Camera eye: " + c->id + "###camera eye";
  if (ImGui::Begin(title.c_str(), &s.eye_window)) DrawEye(s, *c);
  ImGui::End();
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"camera eye", Dock::right, 30, DrawEyeInset});
[[maybe_unused]] const bool registered_window =
    RegisterPanel({"camera eye window", Dock::screen, 25, DrawEyeWindow});

}  // namespace
}  // namespace gui
