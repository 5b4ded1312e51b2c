// Without a project: how to open one; while one loads: its progress (the open project stays
// usable).
#include <fmt/format.h>
#include <imgui.h>

#include <chrono>

#include "gui/panels.h"

namespace gui {
namespace {

void DrawWelcome(WorkbenchState& s, Commands&) {
  if (s.project || s.loading) return;
  ImGui::SetNextWindowPos({s.width / 2.0f - 220, s.height / 2.0f - 60});
  ImGui::SetNextWindowSize({440, 0});
  ImGui::Begin("Welcome", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  ImGui::TextWrapped(
      "No scenario open. File > Open a scenario YAML (for example scenarios/delft.yaml), "
      "or start with: sightline gui scenarios/delft.yaml");
  if (ImGui::Button("Open scenario...")) Browse(s, "open");
  ImGui::End();
}

void DrawLoading(WorkbenchState& s, Commands&) {
  if (s.loading) {  // a scenario loads in the background; the open project stays usable
    ImGui::SetNextWindowPos({s.width / 2.0f - 220, s.height / 2.0f - 40});
    ImGui::SetNextWindowSize({440, 0});
    ImGui::Begin("Loading", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - s.loading->started)
            .count();
    ImGui::TextWrapped("Loading %s (%.0f s)", s.loading->file.filename().string().c_str(), seconds);
    const std::size_t total = s.loading->cameras_total, done = s.loading->cameras_done;
    if (total > 0)
      ImGui::ProgressBar(float(done) / total, {-1, 0},
                         fmt::format("coverage: camera {} of {}", done, total).c_str());
    else
      ImGui::TextDisabled("city, ray-casting scene, grid...");
    ImGui::End();
  }
}

[[maybe_unused]] const bool registeredWelcome =
    RegisterPanel({"welcome", Dock::screen, 20, DrawWelcome});
[[maybe_unused]] const bool registeredLoading =
    RegisterPanel({"loading", Dock::screen, 30, DrawLoading});

}  // namespace
}  // namespace gui
