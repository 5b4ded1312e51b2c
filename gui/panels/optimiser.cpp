// Project panel: runs the scenario's optimiser in the background; its plan applies as one undoable
// edit.
#include <imgui.h>

#include <chrono>
#include <mutex>

#include "gui/jobs.h"
#include "gui/panels.h"

namespace gui {
namespace {

void DrawOptimiser(WorkbenchState& s, Commands& cmd) {
  if (!s.project->run().scenario.optimise) return;
  if (!ImGui::CollapsingHeader("Optimiser")) return;
  const scenario::OptimiseSpec& spec = *s.project->run().scenario.optimise;
  if (spec.budget) ImGui::Text("Budget %.0f for new cameras", *spec.budget);
  if (spec.max_cameras) ImGui::Text("At most %d new cameras", *spec.max_cameras);
  ImGui::TextDisabled("The cameras of the plan stay; new ones are added.");
  if (!s.optimiser) {
    if (ImGui::Button("Run optimiser")) cmd.StartOptimiser();
    return;
  }
  bool close = false;
  {
    std::lock_guard lock(s.optimiser->mutex);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - s.optimiser->started)
            .count();
    if (!s.optimiser->done) {
      ImGui::Text("%s... (%.0f s)", s.optimiser->phase.c_str(), elapsed);
      ImGui::ProgressBar(-1.0f * float(ImGui::GetTime()), {-1, 0}, "working");
      if (s.optimiser->cancel)
        ImGui::TextDisabled("cancelling (the best plan so far is kept)...");
      else if (ImGui::Button("Cancel"))
        s.optimiser->cancel = true;
      return;
    }
    if (!s.optimiser->error.empty())
      ImGui::TextWrapped("%s", s.optimiser->error.c_str());
    else
      ImGui::TextWrapped("%s", s.optimiser->summary.c_str());
    if (s.optimiser->error.empty() && ImGui::Button("Apply plan (undoable)")) {
      cmd.Edit(OptimisedPlanEdit(s.optimiser->cameras));
      close = true;
    }
    ImGui::SameLine();
    close |= ImGui::Button("Close");
  }
  if (close) cmd.StopOptimiser();  // finished: this only joins the thread
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"optimiser", Dock::left, 60, DrawOptimiser});

}  // namespace
}  // namespace gui
