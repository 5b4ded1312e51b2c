// People and traffic: the project panel's section that simulates the scenario's `agents:` over
// the plan (progress, cancel), and the timeline over the 3D view that plays it (play, pause,
// speed, scrub). Which agents the cameras see at the instant shown is the workbench's
// (agents::SightingsAt); the people-time figures are in the totals panel.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>

#include "gui/panels.h"
#include "plan/agent_playback.h"

namespace gui {
namespace {

void DrawAgentsSection(WorkbenchState& s, Commands& cmd) {
  const auto& spec = s.project->run().scenario.agents;
  if (!ImGui::CollapsingHeader("People and traffic", spec ? ImGuiTreeNodeFlags_DefaultOpen : 0)) return;
  if (!spec) {
    ImGui::TextWrapped(
        "The scenario has no agents: section. Add scripted walkers or SUMO demand to see people "
        "and vehicles move through the plan (README: sightline agents).");
    return;
  }
  if (spec->UsesSumo())
    ImGui::Text("SUMO: %.0f pedestrians/h, %.0f vehicles/h", spec->pedestrians_per_hour, spec->vehicles_per_hour);
  else
    ImGui::Text("%zu scripted walkers", spec->walkers.size());
  float& duration = s.agents_duration_s;  // the planner's choice, the scenario's at first
  if (duration < 0) duration = float(spec->duration_s);
  if (s.agents_job) {
    const double done = s.agents_job->simulated_s, total = std::max(1e-9, double(s.agents_job->duration_s));
    ImGui::ProgressBar(float(done / total), {-1, 0}, fmt::format("{:.0f} of {:.0f} s simulated", done, total).c_str());
    if (ImGui::Button("Cancel")) cmd.StopAgents();
    return;
  }
  ImGui::SetNextItemWidth(90);
  ImGui::DragFloat("s##agents_duration", &duration, 5, 5, 3600, "%.0f");
  ImGui::SameLine();
  if (ImGui::Button(s.agents ? "Simulate again" : "Simulate")) cmd.StartAgents(double(duration));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("People and vehicles over the plan as it is now; the timeline plays them.");
}

void DrawTimeline(WorkbenchState& s, Commands& cmd) {
  if (!s.project || s.timeline.frames.empty()) return;
  plan::Playback& p = s.playback;
  // Right of the north arrow and the scale bar, along the bottom of the 3D view.
  const float left = s.ViewLeft() + 210, right = s.ViewRight() - 10;
  if (right - left < 300) return;
  ImGui::SetNextWindowPos({left, s.height - kStatusHeight - 62});
  ImGui::SetNextWindowSize({right - left, 54});
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("timeline", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::Button(p.playing ? "Pause" : "Play", {52, 0})) p.playing ? p.Pause() : p.Play();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(64);
  if (ImGui::BeginCombo("##speed", fmt::format("{:g}x", p.speed).c_str())) {
    for (double v : plan::kPlaybackSpeeds)
      if (ImGui::Selectable(fmt::format("{:g}x", v).c_str(), v == p.speed)) p.speed = v;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  float t = float(p.t_s);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##time", &t, float(p.start_s), float(p.end_s),
                         fmt::format("{:.1f} s of {:.0f}", p.t_s, p.end_s).c_str()))
    p.Seek(t);
  ImGui::Checkbox("Agents", &s.show_agents);
  ImGui::SameLine();
  ImGui::Text("%zu here, %zu seen", s.agents_now, s.agents_seen_now);
  ImGui::SameLine();
  if (s.agents_plan_state != s.project->history().state_id()) {
    ImGui::TextColored({0.75f, 0.35f, 0, 1}, "| plan edited since");
    ImGui::SameLine();
    if (!s.agents_job && ImGui::SmallButton("Simulate again")) cmd.StartAgents(s.agents->spec.duration_s);
  } else {
    ImGui::TextDisabled("| colour: the camera that sees it best");
  }
  ImGui::End();
}

[[maybe_unused]] const bool registered_section =
    RegisterPanel({"people and traffic", Dock::left, 55, DrawAgentsSection});
[[maybe_unused]] const bool registered_timeline = RegisterPanel({"timeline", Dock::screen, 12, DrawTimeline});

}  // namespace
}  // namespace gui
