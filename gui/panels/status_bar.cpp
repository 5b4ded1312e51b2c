// The status bar (the point under the cursor, its coverage, timings) and transient notes.
#include <fmt/format.h>
#include <imgui.h>

#include <chrono>
#include <cmath>

#include "gui/panels.h"
#include "gui/screen.h"
#include "plan/measure.h"

namespace gui {
namespace {

void DrawStatusBar(WorkbenchState& s, Commands&) {
  ImGui::SetNextWindowPos({0, s.height - kStatusHeight});
  ImGui::SetNextWindowSize({float(s.width), kStatusHeight});
  ImGui::Begin(
      "status", nullptr,
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  std::string text;
  if (s.project && !ImGui::GetIO().WantCaptureMouse) {
    if (auto pick = PickAtScreen(s, s.mouse_x, s.mouse_y)) {
      const geo::Frame& f = s.project->run().city.frame;
      text =
          fmt::format("{:.2f}, {:.2f}  z {:.1f}  {}", pick->point.x + f.origin_x,
                      pick->point.y + f.origin_y, pick->point.z, geo::SurfaceName(pick->surface));
      const sim::Grid& g = s.project->run().grid;
      const int col = int(std::floor((pick->point.x - g.min_x) / g.resolution_m));
      const int row = int(std::floor((g.max_y - pick->point.y) / g.resolution_m));
      if (s.latest && s.shown_aggregate.k.size() == g.size() && col >= 0 && row >= 0 &&
          col < g.nx && row < g.ny) {
        const std::uint32_t i = g.Index(col, row);
        const sim::Aggregate& a = s.shown_aggregate;
        if (g.IsTarget(i) && a.k[i] > 0) {
          const auto& levels = s.project->run().scenario.levels.levels;
          text +=
              fmt::format("  |  k = {}, best {:.0f} px/m ({}) by {}", a.k[i], a.best_px_per_m[i],
                          a.best_level[i] >= 0 ? levels[a.best_level[i]].name : "below detect",
                          a.best_camera[i] >= 0 && a.best_camera[i] < int(s.latest->cameras.size())
                              ? s.latest->cameras[a.best_camera[i]].id
                              : "?");
        } else if (g.IsTarget(i)) {
          text += "  |  not seen";
        }
      }
      // The selected camera's px/m here: on the ground at the targets' height, on a facade or
      // a roof at the point itself.
      if (s.project->selection.size() == 1) {
        const int ci = s.project->IndexOf(*s.project->selection.begin());
        if (ci >= 0) {
          const bool on_ground =
              pick->surface == geo::Surface::ground || pick->surface == geo::Surface::terrain;
          sim::Vec3d at = pick->point;
          if (on_ground) at.z += g.height_m;
          const sim::Camera& cam = s.project->cameras()[ci];
          const auto& levels = s.project->run().scenario.levels;
          const plan::DensityReading r =
              plan::ReadDensity(cam, *s.project->run().scene, levels, at);
          using Seen = plan::DensityReading::Seen;
          text += "  |  " + cam.id + ": ";
          if (r.seen == Seen::outside_image)
            text += "outside its image";
          else
            text += fmt::format(
                "{:.0f} px/m ({}) at {:.1f} m{}", r.px_per_m,
                r.level >= 0 ? levels.levels[r.level].name : "below " + levels.levels[0].name,
                r.distance_m,
                r.seen == Seen::hidden         ? ", hidden"
                : r.seen == Seen::out_of_range ? ", out of range"
                                               : "");
        }
      }
    }
  }
  ImGui::TextUnformatted(text.c_str());
  if (s.project) {
    const std::string right =
        fmt::format("{}  update {:.1f} ms  frame {:.1f} ms", s.live->Busy() ? "computing..." : "",
                    s.latest ? s.latest->total_ms : 0.0, s.last_frame_ms);
    ImGui::SameLine(s.width - ImGui::CalcTextSize(right.c_str()).x - 16);
    ImGui::TextUnformatted(right.c_str());
  }
  ImGui::End();

  // Transient notes, top centre.
  const double now =
      std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  while (!s.notes.empty() && s.notes.front().second < now) s.notes.pop_front();
  float y = ImGui::GetFrameHeight() + 8;
  for (const auto& [message, until] : s.notes) {
    const ImVec2 size = ImGui::CalcTextSize(message.c_str());
    const ImVec2 at(s.width / 2.0f - size.x / 2, y);
    ImGui::GetForegroundDrawList()->AddRectFilled(
        {at.x - 8, at.y - 4}, {at.x + size.x + 8, at.y + size.y + 4}, IM_COL32(40, 40, 50, 220), 4);
    ImGui::GetForegroundDrawList()->AddText(at, IM_COL32(255, 255, 255, 255), message.c_str());
    y += size.y + 12;
  }
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"status bar", Dock::screen, 40, DrawStatusBar});

}  // namespace
}  // namespace gui
