#include "render/project.h"

#include "scenario/build.h"
#include "scenario/optimise_run.h"

namespace render {

namespace {
scenario::ScenarioWriteOptions GuiWrite() {
  scenario::ScenarioWriteOptions o;
  o.written_by = "sightline gui";
  o.name_suffix = "";
  o.keep_optimise = true;
  return o;
}
}  // namespace

Project::Project(std::unique_ptr<scenario::CoverageResult> run, std::filesystem::path path)
    : run_(std::move(run)), path_(std::move(path)), history_(run_->coverage->cameras()) {
  saved_state_ = autosaved_state_ = history_.state_id();
}

std::unique_ptr<Project> Project::Open(const std::filesystem::path& file, const sim::Coverage::ProgressFn& progress) {
  auto run = scenario::RunCoverage(scenario::LoadScenario(file), progress);
  return std::unique_ptr<Project>(new Project(std::move(run), std::filesystem::absolute(file)));
}

std::string Project::Title() const {
  const std::string name = run_->scenario.name.empty() ? path_.filename().string() : run_->scenario.name;
  return name + (dirty() ? " *" : "");
}

int Project::IndexOf(const std::string& id) const {
  const auto& cams = cameras();
  for (std::size_t i = 0; i < cams.size(); ++i)
    if (cams[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> Project::ModelNames() const {
  std::vector<std::string> names;
  for (const auto& [name, fields] : run_->scenario.camera_models) names.push_back(name);
  return names;
}

sim::Camera Project::Template(const std::string& model) const {
  if (run_->scenario.camera_models.count(model)) return scenario::CameraFromModel(run_->scenario, model);
  sim::Camera c;  // no catalogue: a generic 4 MP bullet
  c.width_px = 2688, c.height_px = 1520, c.hfov_deg = 85, c.max_range_m = 80;
  return c;
}

sim::Camera Project::WithModel(const sim::Camera& c, const std::string& model) const {
  sim::Camera t = Template(model);
  t.id = c.id, t.position = c.position, t.yaw_deg = c.yaw_deg, t.pitch_deg = c.pitch_deg, t.roll_deg = c.roll_deg;
  t.mount = c.mount;
  return t;
}

void Project::Save(const std::filesystem::path& to) {
  const std::filesystem::path target = to.empty() ? path_ : std::filesystem::absolute(to);
  scenario::WriteScenarioWithCameras(run_->scenario, cameras(), run_->city.frame, target, GuiWrite());
  std::error_code ignored;
  std::filesystem::remove(AutosavePath(path_), ignored);
  path_ = target;
  run_->scenario.file = target;  // later saves rebase relative paths from here
  saved_state_ = autosaved_state_ = history_.state_id();
}

void Project::Autosave() {
  if (!dirty() || autosaved_state_ == history_.state_id()) return;
  scenario::WriteScenarioWithCameras(run_->scenario, cameras(), run_->city.frame, AutosavePath(path_), GuiWrite());
  autosaved_state_ = history_.state_id();
}

std::vector<sim::Camera> Project::LoadAutosave() const {
  const scenario::Scenario saved = scenario::LoadScenario(AutosavePath(path_));
  core::Diagnostics ignored;
  return scenario::BuildCameras(saved, run_->city, *run_->scene, ignored);
}

std::filesystem::path Project::AutosavePath(const std::filesystem::path& file) {
  return file.parent_path() / (file.stem().string() + ".autosave.yaml");
}

}  // namespace render
