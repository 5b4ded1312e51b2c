// The ImGui side of the workbench: menus, panels, the camera-eye inset, map decorations and
// dialogs. Layout is fixed (no docking in Debian's ImGui 1.86): project panel on the left,
// cameras on the right, status bar at the bottom, the 3D view behind everything.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>
#include <osgGA/TerrainManipulator>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <utility>
#include <unistd.h>

#include "report/palette.h"
#include "render/camera_eye.h"
#include "plan/edit_checks.h"
#include "gui/workbench.h"
#include "scenario/optimise_run.h"
#include "sim/camera.h"

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

std::string Area(double m2) {
  return m2 >= 10000 ? fmt::format("{:.2f} ha", m2 / 10000) : fmt::format("{:.0f} m\u00b2", m2);
}

double Pct(double part, double whole) { return whole > 0 ? 100 * part / whole : 0; }

}  // namespace

void Workbench::DrawPanels() {
  DrawMenu();
  if (project_) {
    DrawProjectPanel();
    DrawCameraPanel();
    DrawViewDecorations();
  } else if (!loading_) {
    ImGui::SetNextWindowPos({width_ / 2.0f - 220, height_ / 2.0f - 60});
    ImGui::SetNextWindowSize({440, 0});
    ImGui::Begin("Welcome", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
    ImGui::TextWrapped("No scenario open. File > Open a scenario YAML (for example scenarios/delft.yaml), "
                       "or start with: sightline gui scenarios/delft.yaml");
    if (ImGui::Button("Open scenario...")) Browse("open");
    ImGui::End();
  }
  if (loading_) {  // a scenario loads in the background; the open project stays usable
    ImGui::SetNextWindowPos({width_ / 2.0f - 220, height_ / 2.0f - 40});
    ImGui::SetNextWindowSize({440, 0});
    ImGui::Begin("Loading", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - loading_->started).count();
    ImGui::TextWrapped("Loading %s (%.0f s)", loading_->file.filename().string().c_str(), s);
    const std::size_t total = loading_->cameras_total, done = loading_->cameras_done;
    if (total > 0) ImGui::ProgressBar(float(done) / total, {-1, 0}, fmt::format("coverage: camera {} of {}", done, total).c_str());
    else ImGui::TextDisabled("city, ray-casting scene, grid...");
    ImGui::End();
  }
  DrawStatusBar();
  DrawDialogs();
}

void Workbench::DrawMenu() {
  if (!ImGui::BeginMainMenuBar()) return;
  const bool has = project_ != nullptr;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open scenario...", "Ctrl+O")) Browse("open");
    if (ImGui::BeginMenu("Open recent", !browser_.recent.empty())) {
      for (const std::filesystem::path& r : browser_.recent)
        if (ImGui::MenuItem(r.filename().string().c_str(), nullptr, false, std::filesystem::exists(r))) Chosen("open", r);
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Save", "Ctrl+S", false, has)) Edit(plan::Save{});
    if (ImGui::MenuItem("Save as...", "Ctrl+Shift+S", false, has)) Browse("save_as");
    ImGui::Separator();
    if (ImGui::MenuItem("Export coverage (GeoTIFF, GeoPackage, JSON)...", nullptr, false, has)) Browse("export");
    if (ImGui::MenuItem("Export report (PDF)...", nullptr, false, has)) Browse("report");
    if (ImGui::MenuItem("Screenshot...")) Browse("screenshot");
    ImGui::Separator();
    if (ImGui::MenuItem("Quit")) CloseRequested();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit", has)) {
    const std::string undo = "Undo " + project_->history().UndoLabel();
    const std::string redo = "Redo " + project_->history().RedoLabel();
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, project_->history().CanUndo())) Edit(plan::Undo{});
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Y", false, project_->history().CanRedo())) Edit(plan::Redo{});
    ImGui::Separator();
    if (ImGui::MenuItem("Delete selected", "Del", false, !project_->selection.empty())) Edit(plan::DeleteSelected{});
    if (ImGui::MenuItem("Select all")) {
      project_->selection.clear();
      for (const sim::Camera& c : project_->cameras()) project_->selection.insert(c.id);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View", has)) {
    if (ImGui::MenuItem("3D view", nullptr, !top_down_)) SetTopDown(false);
    if (ImGui::MenuItem("Top-down map", "T", top_down_)) SetTopDown(true);
    if (ImGui::MenuItem("Home", "H")) HomeView();
    ImGui::Separator();
    for (plan::OverlayMode m : {plan::OverlayMode::k_coverage, plan::OverlayMode::density, plan::OverlayMode::off})
      if (ImGui::MenuItem(plan::OverlayModeName(m), nullptr, overlay_ == m)) overlay_ = m;
    ImGui::EndMenu();
  }
  if (has) {
    ImGui::SameLine(ImGui::GetWindowWidth() - 420);
    ImGui::TextDisabled("%s", project_->Title().c_str());
  }
  ImGui::EndMainMenuBar();
}

void Workbench::DrawProjectPanel() {
  const float top = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos({0, top});
  ImGui::SetNextWindowSize({kLeftWidth, height_ - top - kStatusHeight});
  ImGui::Begin("Project", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const scenario::CoverageResult& run = project_->run();
  if (ImGui::CollapsingHeader("Scenario", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::TextWrapped("%s", run.scenario.name.c_str());
    ImGui::TextDisabled("%s", project_->path().filename().string().c_str());
    ImGui::Text("CRS %s", run.city.frame.Label().c_str());
    const geo::BuildingCount buildings = run.city.CountBuildings();
    if (buildings.parts > 0)
      ImGui::Text("%zu buildings (%zu parts), %zu triangles", buildings.buildings, buildings.parts,
                  run.city.triangles.size());
    else
      ImGui::Text("%zu buildings, %zu triangles", buildings.buildings, run.city.triangles.size());
    ImGui::Text("Grid %.2f m, %d x %d cells", run.grid.resolution_m, run.grid.nx, run.grid.ny);
  }
  if (ImGui::CollapsingHeader("Tools", ImGuiTreeNodeFlags_DefaultOpen)) {
    int tool = tool_ == Tool::place ? 1 : 0;
    ImGui::RadioButton("Select / drag (Esc)", &tool, 0);
    ImGui::RadioButton("Place camera (P)", &tool, 1);
    tool_ = tool == 1 ? Tool::place : Tool::select;
    const auto models = project_->ModelNames();
    if (!models.empty() && ImGui::BeginCombo("Model", place_model_.c_str())) {
      for (const std::string& m : models)
        if (ImGui::Selectable(m.c_str(), m == place_model_)) place_model_ = m;
      ImGui::EndCombo();
    }
    ImGui::TextDisabled("Click a facade (wall mount), the ground (pole)\nor a roof. Drag a camera (or its label) to\nmove it; Ctrl+drag aims the selection at the\nground; arrow keys turn it (Shift: 10\u00b0).");
  }
  if (ImGui::CollapsingHeader("Layers", ImGuiTreeNodeFlags_DefaultOpen)) {
    int mode = static_cast<int>(overlay_);
    ImGui::RadioButton("Cameras seeing (k)", &mode, static_cast<int>(plan::OverlayMode::k_coverage));
    ImGui::RadioButton("Pixel density (DORI)", &mode, static_cast<int>(plan::OverlayMode::density));
    ImGui::RadioButton("Off", &mode, static_cast<int>(plan::OverlayMode::off));
    overlay_ = static_cast<plan::OverlayMode>(mode);
    if (!view_->building_labels().empty()) ImGui::Checkbox("Building names", &show_names_);
    if (!run.city.paths.empty()) {
      if (ImGui::Checkbox("Streets", &show_streets_)) view_->ShowStreets(show_streets_);
    }
    const sim::DensityLevels& levels = run.scenario.levels;
    if (overlay_ == plan::OverlayMode::k_coverage) {
      for (int k = 1; k <= 4; ++k) LegendSwatch(report::KColour(k), k < 4 ? fmt::format("{} camera{}", k, k > 1 ? "s" : "") : "4 or more");
    } else if (overlay_ == plan::OverlayMode::density) {
      const int n = static_cast<int>(levels.levels.size());
      LegendSwatch(report::LevelColour(-1, n), fmt::format("seen, below {}", levels.levels.empty() ? "" : levels.levels[0].name));
      for (int i = 0; i < n; ++i)
        LegendSwatch(report::LevelColour(i, n), fmt::format("{} (>= {:g} px/m)", levels.levels[i].name, levels.levels[i].min_px_per_m));
    }
    if (overlay_ != plan::OverlayMode::off) {
      LegendSwatch(report::kBlindSpot, "blind spot (priority zones)");
      LegendSwatch({204, 0, 153}, "privacy zone exposed");
    }
    ImGui::TextColored({0.0f, 0.45f, 0.70f, 1}, "\u2014 priority zone");
    ImGui::SameLine();
    ImGui::TextColored({0.80f, 0.0f, 0.60f, 1}, "  \u2014 privacy zone");
  }
  if (latest_ && ImGui::CollapsingHeader("Totals", ImGuiTreeNodeFlags_DefaultOpen)) {
    const sim::CoverageSummary& s = latest_->summary;
    ImGui::Text("Cameras: %zu   cost: %.0f", latest_->cameras.size(), s.total_cost);
    ImGui::Text("Covered: %s of %s (%.1f %%)", Area(s.covered_m2).c_str(), Area(s.target_m2).c_str(), Pct(s.covered_m2, s.target_m2));
    const auto& levels = run.scenario.levels.levels;
    for (std::size_t i = 0; i < levels.size() && i < s.at_level_m2.size(); ++i)
      ImGui::Text("  %-10s %s (%.1f %%)", levels[i].name.c_str(), Area(s.at_level_m2[i]).c_str(), Pct(s.at_level_m2[i], s.target_m2));
    double k2 = 0;
    for (std::size_t k = 2; k < s.k_histogram_m2.size(); ++k) k2 += s.k_histogram_m2[k];
    ImGui::Text("Seen by 2+ cameras: %.1f %%", Pct(k2, s.target_m2));
    if (s.covered_m2 > 0 && s.total_cost > 0) ImGui::Text("Cost per covered m\u00b2: %.2f", s.total_cost / s.covered_m2);
    double exposed = 0;
    bool any_privacy = false;
    for (const sim::ZoneStats& z : latest_->zone_stats)
      if (z.kind == sim::ZoneKind::privacy) exposed += z.covered_m2, any_privacy = true;
    if (any_privacy) {
      if (exposed > 0) ImGui::TextColored({0.8f, 0, 0.6f, 1}, "Privacy exposure: %s", Area(exposed).c_str());
      else ImGui::Text("Privacy exposure: none");
    }
  }
  if (latest_ && !latest_->zone_stats.empty() && ImGui::CollapsingHeader("Zones", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::BeginTable("zones", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("zone");
      ImGui::TableSetupColumn("kind");
      ImGui::TableSetupColumn("status");
      ImGui::TableHeadersRow();
      for (const sim::ZoneStats& z : latest_->zone_stats) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(z.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sim::ZoneKindName(z.kind));
        ImGui::TableNextColumn();
        if (z.kind == sim::ZoneKind::privacy) {
          if (z.covered_m2 > 0)
            ImGui::TextColored({0.8f, 0, 0.6f, 1}, "exposed %s", Area(z.covered_m2).c_str());
          else
            ImGui::TextUnformatted("not seen");
          if (!z.cameras_seeing.empty() && ImGui::IsItemHovered()) {
            std::string who;
            for (const auto& id : z.cameras_seeing) who += (who.empty() ? "" : ", ") + id;
            ImGui::SetTooltip("seen by %s", who.c_str());
          }
        } else {
          ImGui::Text("%.0f %% met", Pct(z.requirement_met_m2, z.area_m2));
          if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s ground; covered %.0f %%, density met %.0f %%, k met %.0f %%", Area(z.area_m2).c_str(),
                              Pct(z.covered_m2, z.area_m2), Pct(z.level_met_m2, z.area_m2), Pct(z.k_met_m2, z.area_m2));
        }
      }
      ImGui::EndTable();
    }
  }
  DrawOptimiser();
  ImGui::End();
}

void Workbench::DrawOptimiser() {
  if (!project_->run().scenario.optimise) return;
  if (!ImGui::CollapsingHeader("Optimiser")) return;
  const scenario::OptimiseSpec& spec = *project_->run().scenario.optimise;
  if (spec.budget) ImGui::Text("Budget %.0f for new cameras", *spec.budget);
  if (spec.max_cameras) ImGui::Text("At most %d new cameras", *spec.max_cameras);
  ImGui::TextDisabled("The cameras of the plan stay; new ones are added.");
  if (!optimiser_) {
    if (ImGui::Button("Run optimiser")) StartOptimiser();
    return;
  }
  bool close = false;
  {
    std::lock_guard lock(optimiser_->mutex);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - optimiser_->started).count();
    if (!optimiser_->done) {
      ImGui::Text("%s... (%.0f s)", optimiser_->phase.c_str(), elapsed);
      ImGui::ProgressBar(-1.0f * float(ImGui::GetTime()), {-1, 0}, "working");
      if (optimiser_->cancel) ImGui::TextDisabled("cancelling (the best plan so far is kept)...");
      else if (ImGui::Button("Cancel")) optimiser_->cancel = true;
      return;
    }
    if (!optimiser_->error.empty()) ImGui::TextWrapped("%s", optimiser_->error.c_str());
    else ImGui::TextWrapped("%s", optimiser_->summary.c_str());
    if (optimiser_->error.empty() && ImGui::Button("Apply plan (undoable)")) {
      ApplyOptimisedPlan(optimiser_->cameras);
      close = true;
    }
    ImGui::SameLine();
    close |= ImGui::Button("Close");
  }
  if (close) StopOptimiser();  // finished: this only joins the thread
}

void Workbench::StartOptimiser(std::optional<double> time_limit_s) {
  // The optimiser works on a saved copy of the current plan (fixed cameras) in the temp folder.
  const std::filesystem::path tmp = std::filesystem::temp_directory_path() / fmt::format("sightline-optimise-{}.yaml", ::getpid());
  try {
    scenario::ScenarioWriteOptions o;
    o.written_by = "sightline gui (optimiser input)";
    o.name_suffix = "";
    o.keep_optimise = true;
    scenario::WriteScenarioWithCameras(project_->run().scenario, project_->cameras(), project_->run().city.frame, tmp, o);
  } catch (const std::exception& e) {
    ShowError(std::string("Cannot start the optimiser: ") + e.what());
    return;
  }
  optimiser_ = std::make_unique<OptimiserJob>();
  OptimiserJob* job = optimiser_.get();
  job->phase = "starting";
  job->thread = std::thread([job, tmp, time_limit_s] {
    scenario::OptimiseOverrides over;
    over.time_limit_s = time_limit_s;
    over.cancel = &job->cancel;
    over.progress = [job](const std::string& phase) {
      std::lock_guard lock(job->mutex);
      job->phase = phase;
      return !job->cancel.load();
    };
    try {
      auto r = scenario::RunOptimise(scenario::LoadScenario(tmp), over);
      std::lock_guard lock(job->mutex);
      job->cameras = r->cameras;
      job->summary = fmt::format("{}{} cameras ({} new): {:.0f} m\u00b2 met in priority zones, {:.0f} m\u00b2 elsewhere "
                                 "(weighted), within {:.2f} % of the bound, in {:.1f} s",
                                 r->cancelled ? "Cancelled; best plan so far: " : "", r->cameras.size(),
                                 r->cameras.size() - r->base->coverage->cameras().size(), r->met.priority_m2,
                                 r->met.other_m2, 100 * r->plan.Gap(), r->seconds_matrix + r->seconds_solve);
    } catch (const std::exception& e) {
      std::lock_guard lock(job->mutex);
      job->error = e.what();
    }
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    job->done = true;
  });
}

void Workbench::DrawCameraPanel() {
  const float top = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos({width_ - kRightWidth, top});
  ImGui::SetNextWindowSize({kRightWidth, height_ - top - kStatusHeight});
  ImGui::Begin("Cameras", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const auto& cams = project_->cameras();
  const int level_count = static_cast<int>(project_->run().scenario.levels.levels.size());
  if (inside_state_ != project_->history().state_id()) {  // cameras inside a building, once per plan
    inside_.clear();
    for (const sim::Camera& c : cams)
      if (plan::InsideBuilding(*project_, c)) inside_.insert(c.id);
    inside_state_ = project_->history().state_id();
  }
  // Per camera: visible area and area at the level the report leads with (recognise, or the
  // third level), from the latest finished coverage.
  const int lead = std::min(2, level_count - 1);
  std::map<std::string, const sim::CameraSummary*> by_id;
  if (latest_)
    for (const sim::CameraSummary& s : latest_->summary.cameras) by_id[s.id] = &s;
  std::vector<int> order(cams.size());
  for (std::size_t i = 0; i < cams.size(); ++i) order[i] = static_cast<int>(i);
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("cameras", 5, flags, {0, 210})) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("id", ImGuiTableColumnFlags_DefaultSort);
    ImGui::TableSetupColumn("model");
    ImGui::TableSetupColumn("seen m\u00b2");
    ImGui::TableSetupColumn(lead >= 0 ? project_->run().scenario.levels.levels[lead].name.c_str() : "-");
    ImGui::TableSetupColumn("cost");
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
      sort_column_ = sort->Specs[0].ColumnIndex;
      sort_ascending_ = sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    auto key = [&](int i, int column) -> std::pair<double, std::string> {
      const sim::CameraSummary* s = by_id.count(cams[i].id) ? by_id[cams[i].id] : nullptr;
      switch (column) {
        case 1: return {0, cams[i].model};
        case 2: return {s ? s->visible_m2 : 0, ""};
        case 3: return {s && lead >= 0 && lead < int(s->at_level_m2.size()) ? s->at_level_m2[lead] : 0, ""};
        case 4: return {cams[i].cost, ""};
        default: return {0, cams[i].id};
      }
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return sort_ascending_ ? key(a, sort_column_) < key(b, sort_column_) : key(b, sort_column_) < key(a, sort_column_);
    });
    for (int i : order) {
      const sim::Camera& c = cams[i];
      const sim::CameraSummary* s = by_id.count(c.id) ? by_id[c.id] : nullptr;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool selected = project_->selection.count(c.id) > 0;
      const bool inside = inside_.count(c.id) > 0;
      if (inside) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.1f, 0.1f, 1));
      const std::string label = (inside ? c.id + "  (inside a building)" : c.id) + "##" + c.id;
      const bool clicked = ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns);
      if (inside) ImGui::PopStyleColor();
      if (clicked) {
        if (ImGui::GetIO().KeyShift || ImGui::GetIO().KeyCtrl) {
          if (selected) project_->selection.erase(c.id);
          else project_->selection.insert(c.id);
        } else {
          project_->selection = {c.id};
        }
      }
      if (s && ImGui::IsItemHovered()) {
        std::string tip = fmt::format("{}: seen {:.0f} m\u00b2", c.id, s->visible_m2);
        if (inside) tip += "\nInside a building: it sees nothing but its cost counts. Move it out.";
        const auto& names = project_->run().scenario.levels.levels;
        for (std::size_t l = 0; l < names.size() && l < s->at_level_m2.size(); ++l)
          tip += fmt::format("\n  {} or better: {:.0f} m\u00b2", names[l].name, s->at_level_m2[l]);
        ImGui::SetTooltip("%s", tip.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.model.empty() ? "(custom)" : c.model.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", s ? s->visible_m2 : 0.0);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", s && lead >= 0 && lead < int(s->at_level_m2.size()) ? s->at_level_m2[lead] : 0.0);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", c.cost);
    }
    ImGui::EndTable();
  }
  if (ImGui::Button("Delete selected")) Edit(plan::DeleteSelected{});
  ImGui::SameLine();
  if (ImGui::Button("Undo")) Edit(plan::Undo{});
  ImGui::SameLine();
  if (ImGui::Button("Redo")) Edit(plan::Redo{});
  ImGui::Separator();
  DrawInspector();
  DrawEyeInset();
  ImGui::End();
}

void Workbench::DrawInspector() {
  if (project_->selection.size() != 1) {
    ImGui::TextDisabled(project_->selection.empty() ? "Select a camera to edit it." : "%zu cameras selected.",
                        project_->selection.size());
    return;
  }
  const int index = project_->IndexOf(*project_->selection.begin());
  if (index < 0) return;
  const sim::Camera& applied = project_->cameras()[index];
  // A value being typed lives in the draft until Enter or focus loss; a mouse drag applies as
  // it goes (the coverage follows the hand).
  if (draft_ && draft_->id != applied.id) draft_.reset();
  sim::Camera c = draft_ ? *draft_ : applied;
  const sim::Camera before = c;
  const geo::Frame& frame = project_->run().city.frame;
  bool changed = false, finished = false, active = false;
  auto track = [&](bool edited) {
    changed |= edited;
    active |= ImGui::IsItemActive();
    finished |= ImGui::IsItemDeactivatedAfterEdit();
  };
  ImGui::PushItemWidth(-150);
  char id[64];
  std::snprintf(id, sizeof id, "%s", c.id.c_str());
  if (ImGui::InputText("id", id, sizeof id, ImGuiInputTextFlags_EnterReturnsTrue) && id[0] &&
      project_->IndexOf(id) < 0) {
    c.id = id;  // the selection follows once the edit is applied
    changed = finished = true;
  }
  const auto models = project_->ModelNames();
  if (!models.empty() && ImGui::BeginCombo("model", c.model.empty() ? "(custom)" : c.model.c_str())) {
    for (const std::string& m : models)
      if (ImGui::Selectable(m.c_str(), m == c.model)) {
        c = project_->WithModel(c, m);
        changed = finished = true;
      }
    if (ImGui::Selectable("(custom)", c.model.empty())) {  // keeps the optics, free to change
      c.model.clear();
      changed = finished = true;
    }
    ImGui::EndCombo();
  }
  double xy[2] = {c.position.x + frame.origin_x, c.position.y + frame.origin_y};
  track(ImGui::DragScalarN("x, y", ImGuiDataType_Double, xy, 2, 0.1f, nullptr, nullptr, "%.2f"));
  c.position.x = xy[0] - frame.origin_x, c.position.y = xy[1] - frame.origin_y;
  const double ground = project_->run().city.GroundZ(c.position.x, c.position.y);
  double height = c.position.z - ground;
  const double hmin = 0, hmax = 60;
  track(ImGui::DragScalar("height above ground", ImGuiDataType_Double, &height, 0.05f, &hmin, &hmax, "%.2f m"));
  c.position.z = ground + height;
  const double yaw_min = -360, yaw_max = 720, pmin = -90, pmax = 90, rmin = -180, rmax = 180;
  track(ImGui::DragScalar("yaw (from north)", ImGuiDataType_Double, &c.yaw_deg, 0.5f, &yaw_min, &yaw_max, "%.1f\u00b0"));
  track(ImGui::DragScalar("pitch", ImGuiDataType_Double, &c.pitch_deg, 0.2f, &pmin, &pmax, "%.1f\u00b0"));
  track(ImGui::DragScalar("roll", ImGuiDataType_Double, &c.roll_deg, 0.2f, &rmin, &rmax, "%.1f\u00b0"));
  const double fmin = 2, fmax = c.lens == sim::LensModel::rectilinear ? 170 : 360;
  track(ImGui::DragScalar("HFOV", ImGuiDataType_Double, &c.hfov_deg, 0.2f, &fmin, &fmax, "%.1f\u00b0"));
  int res[2] = {c.width_px, c.height_px};
  track(ImGui::DragInt2("resolution", res, 4, 64, 16384));
  c.width_px = std::max(res[0], 64), c.height_px = std::max(res[1], 64);
  double range[2] = {c.min_range_m, c.max_range_m};
  track(ImGui::DragScalarN("range", ImGuiDataType_Double, range, 2, 0.5f, nullptr, nullptr, "%.1f m"));
  c.min_range_m = std::max(0.0, range[0]), c.max_range_m = std::max(c.min_range_m + 0.1, range[1]);
  const double cmin = 0;
  track(ImGui::DragScalar("cost", ImGuiDataType_Double, &c.cost, 5.0f, &cmin, nullptr, "%.0f"));
  if (ImGui::TreeNode("Lens")) {
    int lens = c.lens == sim::LensModel::rectilinear ? 0 : 1;
    if (ImGui::Combo("projection", &lens, "rectilinear\0fisheye (equidistant)\0")) {
      c.lens = lens == 0 ? sim::LensModel::rectilinear : sim::LensModel::fisheye_equidistant;
      if (c.lens == sim::LensModel::rectilinear) c.hfov_deg = std::min(c.hfov_deg, 170.0);
      else c.distortion = {};
      changed = finished = true;
    }
    if (c.lens == sim::LensModel::rectilinear) {  // Brown-Conrady, OpenCV's convention
      double radial[3] = {c.distortion.k1, c.distortion.k2, c.distortion.k3};
      double tangential[2] = {c.distortion.p1, c.distortion.p2};
      track(ImGui::DragScalarN("k1 k2 k3", ImGuiDataType_Double, radial, 3, 0.002f, nullptr, nullptr, "%.3f"));
      track(ImGui::DragScalarN("p1 p2", ImGuiDataType_Double, tangential, 2, 0.0005f, nullptr, nullptr, "%.4f"));
      c.distortion = {radial[0], radial[1], radial[2], tangential[0], tangential[1]};
    }
    ImGui::TreePop();
  }
  ImGui::PopItemWidth();
  ImGui::TextDisabled("%s mount, %.0f px/m on axis at 10 m", c.mount == sim::MountType::wall ? "wall"
                      : c.mount == sim::MountType::pole ? "pole" : c.mount == sim::MountType::roof ? "roof" : "other",
                      sim::PixelsPerMetreOnAxis(c, 10));
  if (!project_->run().scenario.camera_models.count(c.model) || c.model.empty())
    ImGui::TextDisabled("Type a value and press Enter (or click elsewhere) to apply it.");
  else
    ImGui::TextDisabled("%s: fixed %.1f\u00b0 lens. Enter or click elsewhere applies.", c.model.c_str(),
                        project_->Template(c.model).hfov_deg);
  // A mouse drag applies as it goes; typed text waits for Enter or focus loss.
  const bool dragging = changed && ImGui::IsMouseDown(ImGuiMouseButton_Left) && !ImGui::GetIO().WantTextInput;
  if (active && !finished) draft_ = c;
  else draft_.reset();
  if (!(finished || dragging) || c == applied) return;
  // While a slider is held the plan is amended (live coverage follows); one undo step per edit.
  const plan::Gesture gesture = editing_ == c.id ? plan::Gesture::continues : plan::Gesture::starts;
  if (const plan::EditResult r = Edit(plan::ReplaceCamera{applied.id, c}, gesture); !r.applied()) {
    draft_.reset();  // the field shows the applied value again
    if (finished) Notify("Refused: " + r.message);  // once per attempt, not per keystroke or drag step
    return;
  }
  editing_ = finished ? std::string() : c.id;
}

void Workbench::DrawEyeInset() {
  if (project_->selection.size() != 1) return;
  const int index = project_->IndexOf(*project_->selection.begin());
  if (index < 0) return;
  const sim::Camera& c = project_->cameras()[index];
  ImGui::Separator();
  ImGui::Text("Camera eye: %s", c.id.c_str());
  const osg::Texture::TextureObject* tex = eye_->texture()->getTextureObject(gw_->getState()->getContextID());
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = w * c.height_px / c.width_px;
  if (!tex) {
    ImGui::Dummy({w, h});
    return;
  }
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex->id())), {w, h}, {0, 1}, {1, 0});
  if (!ImGui::IsItemHovered()) {
    ImGui::TextDisabled("Hover the view for the pixel density there.");
    return;
  }
  // What the camera sees under the cursor: the surface point and its density through the lens.
  const ImVec2 p0 = ImGui::GetItemRectMin(), mouse = ImGui::GetIO().MousePos;
  const sim::Vec3d dir = sim::PixelRay(c, (mouse.x - p0.x) / w * c.width_px, (mouse.y - p0.y) / h * c.height_px);
  const auto pick = plan::PickSurface(project_->run().city, *project_->run().scene, c.position, dir);
  if (!pick) {
    ImGui::Text("sky");
    return;
  }
  const auto proj = sim::Project(c, pick->point);
  const double dist = std::hypot(pick->point.x - c.position.x, pick->point.y - c.position.y, pick->point.z - c.position.z);
  if (!proj) {
    ImGui::Text("%.1f m, outside the real image", dist);
    return;
  }
  const int level = project_->run().scenario.levels.Classify(proj->px_per_m);
  ImGui::Text("%.1f m away: %.0f px/m, %s%s", dist, proj->px_per_m,
              level >= 0 ? project_->run().scenario.levels.levels[level].name.c_str() : "below detect",
              dist > c.max_range_m ? " (beyond range)" : "");
}

void Workbench::DrawViewDecorations() {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  dl->PushClipRect({kLeftWidth, kMenuHeight}, {width_ - kRightWidth, height_ - kStatusHeight}, true);
  // Building names: those nearest the screen centre first, at most 60, none overlapping.
  if (show_names_) {
    std::vector<std::pair<double, ImVec2>> shown;
    std::vector<std::pair<double, std::size_t>> order;
    const auto& labels = view_->building_labels();
    const double mx = kLeftWidth + (width_ - kLeftWidth - kRightWidth) / 2.0, my = height_ / 2.0;
    std::vector<ImVec2> at(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      double x = 0, y = 0;
      if (!WorldToScreen(labels[i].position, x, y) || x < kLeftWidth || x > width_ - kRightWidth) continue;
      at[i] = ImVec2(float(x), float(y));
      order.emplace_back(std::hypot(x - mx, y - my), i);
    }
    std::sort(order.begin(), order.end());
    std::vector<ImVec4> boxes;
    for (const auto& [d, i] : order) {
      if (boxes.size() >= 60) break;
      const ImVec2 size = ImGui::CalcTextSize(labels[i].text.c_str());
      const ImVec4 box(at[i].x - size.x / 2, at[i].y - size.y / 2, at[i].x + size.x / 2, at[i].y + size.y / 2);
      bool overlaps = false;
      for (const ImVec4& b : boxes) overlaps |= box.x < b.z && b.x < box.z && box.y < b.w && b.y < box.w;
      if (overlaps) continue;
      boxes.push_back(box);
      dl->AddText({box.x + 1, box.y + 1}, IM_COL32(255, 255, 255, 200), labels[i].text.c_str());
      dl->AddText({box.x, box.y}, IM_COL32(60, 40, 20, 255), labels[i].text.c_str());
    }
  }
  // Camera labels.
  for (const sim::Camera& c : project_->cameras()) {
    double x = 0, y = 0;
    if (!WorldToScreen(c.position, x, y)) continue;
    const bool sel = project_->selection.count(c.id) > 0;
    const ImVec2 at(float(x) + 8, float(y) - 20);
    const ImVec2 size = ImGui::CalcTextSize(c.id.c_str());
    const bool inside = inside_.count(c.id) > 0;  // inside a building: red, as in the list
    dl->AddRectFilled({at.x - 3, at.y - 1}, {at.x + size.x + 3, at.y + size.y + 1},
                      sel ? IM_COL32(255, 140, 0, 230) : inside ? IM_COL32(230, 60, 60, 230) : IM_COL32(255, 255, 255, 210),
                      3);
    dl->AddText(at, IM_COL32(20, 20, 30, 255), c.id.c_str());
  }
  // North arrow and scale bar, bottom left of the 3D view, from the view's centre point.
  auto* m = dynamic_cast<osgGA::TerrainManipulator*>(viewer_->getCameraManipulator());
  if (!m) return dl->PopClipRect();
  const osg::Vec3d centre = m->getCenter();
  double cx = 0, cy = 0, nx = 0, ny = 0;
  if (WorldToScreen({centre.x(), centre.y(), centre.z()}, cx, cy) &&
      WorldToScreen({centre.x(), centre.y() + 10, centre.z()}, nx, ny)) {
    double dx = nx - cx, dy = ny - cy;
    const double len = std::hypot(dx, dy);
    if (len > 1e-6) {
      dx /= len, dy /= len;
      const ImVec2 o(kLeftWidth + 50, height_ - kStatusHeight - 60);
      const ImVec2 tip(o.x + float(dx) * 26, o.y + float(dy) * 26), tail(o.x - float(dx) * 20, o.y - float(dy) * 20);
      const ImVec2 side(-float(dy) * 9, float(dx) * 9);
      dl->AddCircleFilled(o, 32, IM_COL32(255, 255, 255, 190));
      dl->AddTriangleFilled(tip, {tail.x + side.x, tail.y + side.y}, {tail.x - side.x, tail.y - side.y}, IM_COL32(30, 30, 40, 255));
      dl->AddText({tip.x + float(dx) * 6 - 4, tip.y + float(dy) * 6 - 7}, IM_COL32(180, 0, 0, 255), "N");
    }
  }
  // Scale: metres per pixel at the centre, along the screen's horizontal.
  const osg::Camera* cam = viewer_->getCamera();
  const osg::Matrixd inv = osg::Matrixd::inverse(cam->getViewMatrix());
  osg::Vec3d right(inv(0, 0), inv(0, 1), 0);  // the screen's x axis, flattened onto the ground
  if (right.normalize() > 0) {
    double ax = 0, ay = 0, bx = 0, by = 0;
    const osg::Vec3d b = centre + right * 10.0;
    if (WorldToScreen({centre.x(), centre.y(), centre.z()}, ax, ay) && WorldToScreen({b.x(), b.y(), b.z()}, bx, by)) {
      const double px_per_m = std::hypot(bx - ax, by - ay) / 10;
      if (px_per_m > 0) {
        double metres = 1;
        for (double step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000})
          if (step * px_per_m <= 160) metres = step;
        const float len = float(metres * px_per_m);
        const ImVec2 o(kLeftWidth + 100, height_ - kStatusHeight - 30);
        dl->AddRectFilled({o.x - 6, o.y - 22}, {o.x + len + 50, o.y + 8}, IM_COL32(255, 255, 255, 190), 3);
        dl->AddLine(o, {o.x + len, o.y}, IM_COL32(20, 20, 20, 255), 3);
        dl->AddLine({o.x, o.y - 6}, {o.x, o.y}, IM_COL32(20, 20, 20, 255), 2);
        dl->AddLine({o.x + len, o.y - 6}, {o.x + len, o.y}, IM_COL32(20, 20, 20, 255), 2);
        const std::string label = metres >= 1000 ? fmt::format("{:g} km", metres / 1000) : fmt::format("{:g} m", metres);
        dl->AddText({o.x + len + 6, o.y - 16}, IM_COL32(20, 20, 20, 255), label.c_str());
        if (!top_down_) dl->AddText({o.x, o.y - 20}, IM_COL32(90, 90, 90, 255), "at centre");
      }
    }
  }
  dl->PopClipRect();
}

void Workbench::DrawStatusBar() {
  ImGui::SetNextWindowPos({0, height_ - kStatusHeight});
  ImGui::SetNextWindowSize({float(width_), kStatusHeight});
  ImGui::Begin("status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  std::string text;
  if (project_ && !ImGui::GetIO().WantCaptureMouse) {
    if (auto pick = PickAtScreen(mouse_x_, mouse_y_)) {
      const geo::Frame& f = project_->run().city.frame;
      text = fmt::format("{:.2f}, {:.2f}  z {:.1f}  {}", pick->point.x + f.origin_x, pick->point.y + f.origin_y,
                         pick->point.z, geo::SurfaceName(pick->surface));
      const sim::Grid& g = project_->run().grid;
      const int col = int(std::floor((pick->point.x - g.min_x) / g.resolution_m));
      const int row = int(std::floor((g.max_y - pick->point.y) / g.resolution_m));
      if (latest_ && shown_aggregate_.k.size() == g.size() && col >= 0 && row >= 0 && col < g.nx && row < g.ny) {
        const std::uint32_t i = g.Index(col, row);
        const sim::Aggregate& a = shown_aggregate_;
        if (g.IsTarget(i) && a.k[i] > 0) {
          const auto& levels = project_->run().scenario.levels.levels;
          text += fmt::format("  |  k = {}, best {:.0f} px/m ({}) by {}", a.k[i], a.best_px_per_m[i],
                              a.best_level[i] >= 0 ? levels[a.best_level[i]].name : "below detect",
                              a.best_camera[i] >= 0 && a.best_camera[i] < int(latest_->cameras.size())
                                  ? latest_->cameras[a.best_camera[i]].id : "?");
        } else if (g.IsTarget(i)) {
          text += "  |  not seen";
        }
      }
    }
  }
  ImGui::TextUnformatted(text.c_str());
  if (project_) {
    const std::string right = fmt::format("{}  update {:.1f} ms  frame {:.1f} ms",
                                          live_->Busy() ? "computing..." : "",
                                          latest_ ? latest_->total_ms : 0.0, last_frame_ms_);
    ImGui::SameLine(width_ - ImGui::CalcTextSize(right.c_str()).x - 16);
    ImGui::TextUnformatted(right.c_str());
  }
  ImGui::End();

  // Transient notes, top centre.
  const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  while (!notes_.empty() && notes_.front().second < now) notes_.pop_front();
  float y = ImGui::GetFrameHeight() + 8;
  for (const auto& [message, until] : notes_) {
    const ImVec2 size = ImGui::CalcTextSize(message.c_str());
    const ImVec2 at(width_ / 2.0f - size.x / 2, y);
    ImGui::GetForegroundDrawList()->AddRectFilled({at.x - 8, at.y - 4}, {at.x + size.x + 8, at.y + size.y + 4},
                                                  IM_COL32(40, 40, 50, 220), 4);
    ImGui::GetForegroundDrawList()->AddText(at, IM_COL32(255, 255, 255, 255), message.c_str());
    y += size.y + 12;
  }
}

void Workbench::DrawDialogs() {
  if (!error_.empty()) ImGui::OpenPopup("Error");
  if (ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(560);
    ImGui::TextUnformatted(error_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled(project_ ? "The open project is unchanged." : "");
    if (ImGui::Button("OK", {120, 0})) {
      error_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (offer_autosave_) ImGui::OpenPopup("Restore autosave?");
  if (ImGui::BeginPopupModal("Restore autosave?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Unsaved edits of this project were kept in\n%s", plan::Project::AutosavePath(project_->path()).string().c_str());
    if (ImGui::Button("Restore them")) {
      try {
        Edit(plan::ReplacePlan{project_->LoadAutosave(), "Restore autosave"});
      } catch (const std::exception& e) {
        ShowError(std::string("Cannot restore the autosave: ") + e.what());
      }
      offer_autosave_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep the saved plan")) {
      project_->DiscardAutosave();
      offer_autosave_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (confirm_quit_) ImGui::OpenPopup("Unsaved changes");
  if (ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The camera plan has unsaved changes.");
    if (ImGui::Button("Save and quit")) quit_ = Edit(plan::Save{}).applied();
    ImGui::SameLine();
    if (ImGui::Button("Quit without saving")) {
      project_->DiscardAutosave();
      quit_ = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      confirm_quit_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (auto chosen = DrawFileBrowser(browser_, std::exchange(path_key_, 0))) Chosen(browser_.purpose, *chosen);
}

void Workbench::Browse(const std::string& purpose) {
  const std::filesystem::path dir = project_ ? project_->path().parent_path() : std::filesystem::current_path();
  const FileFilter yaml{"Scenarios (*.yaml, *.yml)", {".yaml", ".yml"}}, all{"All files", {}};
  if (purpose == "open") {
    OpenBrowser(browser_, BrowseFor::open_file, purpose, "Open scenario", dir, "", {yaml, all});
  } else if (purpose == "save_as" && project_) {
    OpenBrowser(browser_, BrowseFor::save_file, purpose, "Save scenario as", dir,
                project_->path().stem().string() + "-edited.yaml", {yaml});
  } else if (purpose == "export" && project_) {
    OpenBrowser(browser_, BrowseFor::folder, purpose, "Export coverage into folder", dir, "coverage", {});
  } else if (purpose == "report" && project_) {
    OpenBrowser(browser_, BrowseFor::folder, purpose, "Write report into folder", dir, "report", {});
  } else if (purpose == "screenshot") {
    OpenBrowser(browser_, BrowseFor::save_file, purpose, "Save screenshot as", dir, "screenshot.png",
                {{"PNG images (*.png)", {".png"}}});
  } else {
    return;
  }
  browser_.recent = recent_;
}

void Workbench::Chosen(const std::string& purpose, const std::filesystem::path& path) {
  if (purpose == "open") {
    if (project_ && project_->dirty()) {  // nothing is lost: the edits go to the autosave file
      try {
        project_->Autosave();
        Notify("Unsaved edits kept in " + plan::Project::AutosavePath(project_->path()).string());
      } catch (const std::exception& e) {
        ShowError(std::string("Cannot keep the unsaved edits, not opening: ") + e.what());
        return;
      }
    }
    RequestOpen(path);
  } else if (purpose == "save_as") {
    if (Edit(plan::Save{path}).applied()) RememberFile(path);
  } else if (purpose == "export" || purpose == "report") {
    Export(purpose, path);
  } else if (purpose == "screenshot") {
    pending_screenshot_ = path.string();
  }
}

void Workbench::RunBenchmark(int frames, int moves) {
  // Frame time with the city, overlay and panels drawn; then camera moves through the engine's
  // incremental update (what a drag costs), timed by the worker.
  std::vector<double> frame_ms;
  for (int i = 0; i < frames; ++i) {
    glfwPollEvents();
    Frame();
    glFinish();
    frame_ms.push_back(last_frame_ms_);
    glfwSwapBuffers(window_);
  }
  std::vector<double> sync_ms, total_ms;
  const bool have_cameras = !project_->cameras().empty();
  if (have_cameras) {
    const std::string id = project_->cameras().front().id;
    for (int i = 0; i < moves; ++i) {
      std::vector<sim::Camera> next = project_->cameras();
      sim::Camera& c = next[project_->IndexOf(id)];
      c.position.x += (i % 2 ? -1.0 : 1.0) * 0.5;  // a drag, half a metre a step
      c.yaw_deg += 1;
      Edit(plan::ReplacePlan{std::move(next), "benchmark move"});
      live_->Request(project_->cameras(), project_->history().state_id(), overlay_);
      live_->WaitIdle();
      if (auto snap = live_->TakeNew()) {
        sync_ms.push_back(snap->sync_ms);
        total_ms.push_back(snap->total_ms);
        Absorb(std::move(*snap));
      }
    }
    requested_state_ = project_->history().state_id();
  }
  // The same plan recomputed from scratch (what a tool without per-camera layers would do on
  // every move), on the worker's coverage while it is idle.
  std::vector<double> full_ms;
  live_->WaitIdle();
  for (int i = 0; i < 3 && have_cameras; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    project_->run().coverage->SetCameras(project_->cameras());
    full_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  auto stats = [](std::vector<double> v) {
    if (v.empty()) return std::string("n/a");
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    return fmt::format("mean {:.2f} ms, median {:.2f} ms, p95 {:.2f} ms, max {:.2f} ms (n = {})", sum / v.size(),
                       v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back(), v.size());
  };
  std::cout << "gui benchmark: " << project_->path().filename().string() << ", " << width_ << " x " << height_
            << ", grid " << project_->run().grid.nx << " x " << project_->run().grid.ny << " cells at "
            << project_->run().grid.resolution_m << " m\n"
            << "  frame time:                " << stats(frame_ms) << "\n"
            << "  camera move (incremental): " << stats(sync_ms) << "\n"
            << "  move incl. statistics and overlay image: " << stats(total_ms) << "\n"
            << "  full recompute, " << project_->cameras().size() << " cameras: " << stats(full_ms) << "\n";
  if (!sync_ms.empty() && !full_ms.empty()) {
    std::sort(sync_ms.begin(), sync_ms.end());
    std::sort(full_ms.begin(), full_ms.end());
    std::cout << fmt::format("  incremental move vs full recompute (medians): {:.1f} x faster\n",
                             full_ms[full_ms.size() / 2] / sync_ms[sync_ms.size() / 2]);
  }
}

}  // namespace gui
