// Camera panel: the selected camera's live view through its lens, with the pixel density under the
// cursor.
#include <imgui.h>

#include <cmath>
#include <cstdint>

#include "gui/panels.h"
#include "plan/placement.h"
#include "sim/camera.h"

namespace gui {
namespace {

void DrawEyeInset(WorkbenchState& s, Commands&) {
  if (s.project->selection.size() != 1) return;
  const int index = s.project->IndexOf(*s.project->selection.begin());
  if (index < 0) return;
  const sim::Camera& c = s.project->cameras()[index];
  ImGui::Separator();
  ImGui::Text("Camera eye: %s", c.id.c_str());
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
  ImGui::Text(
      "%.1f m away: %.0f px/m, %s%s", dist, proj->px_per_m,
      level >= 0 ? s.project->run().scenario.levels.levels[level].name.c_str() : "below detect",
      dist > c.max_range_m ? " (beyond range)" : "");
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"camera eye", Dock::right, 30, DrawEyeInset});

}  // namespace
}  // namespace gui
