#include "plan/project.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include "core/atomic_file.h"
#include "scenario/build.h"
#include "scenario/optimise_run.h"
#include "scenario/plan_text.h"
#include "plan/zone_text.h"

namespace plan {

namespace {
// Cells of the exclude zones, sorted, each once.
std::vector<std::uint32_t> ExcludedCells(const std::vector<sim::Zone>& zones) {
  std::vector<std::uint32_t> cells;
  for (const sim::Zone& z : zones)
    if (z.kind == sim::ZoneKind::exclude) cells.insert(cells.end(), z.cells.begin(), z.cells.end());
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  return cells;
}

std::string ReadText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

scenario::ScenarioWriteOptions GuiWrite() {
  scenario::ScenarioWriteOptions o;
  o.written_by = "sightline gui";
  o.name_suffix = "";
  o.keep_optimise = true;
  return o;
}
}  // namespace

CameraHistory::Background ReadBackgroundLayer(scenario::BackgroundSpec spec, const geo::Frame& frame,
                                              const geo::Box2d& area) {
  spec.file = std::filesystem::absolute(spec.file);
  spec.opacity = std::clamp(spec.opacity, 0.0, 1.0);
  auto image = std::make_shared<const geo::BackgroundImage>(geo::LoadBackground(spec.file, frame, area));
  return std::make_shared<const BackgroundLayer>(BackgroundLayer{std::move(spec), std::move(image)});
}

Project::Project(std::unique_ptr<scenario::CoverageResult> run, std::filesystem::path path)
    : run_(std::move(run)), path_(std::move(path)), text_(ReadText(path_)), base_(run_->coverage->cameras()),
      history_(run_->coverage->cameras(), std::make_shared<const std::vector<sim::Zone>>(run_->zones),
               run_->scenario.background
                   ? ReadBackgroundLayer(*run_->scenario.background, run_->city.frame, run_->city.area)
                   : nullptr) {
  base_zones_ = history_.zones();
  base_background_ = history_.background();
  saved_state_ = autosaved_state_ = history_.state_id();
  excluded_ = ExcludedCells(run_->zones);
}

bool Project::ExcludedGroundChanged() const { return ExcludedCells(zones()) != excluded_; }

bool Project::ApplyExcludedGround() {
  std::vector<std::uint32_t> now = ExcludedCells(zones());
  if (now == excluded_) return false;
  sim::Grid& grid = run_->grid;
  std::vector<std::uint32_t> freed;
  std::set_difference(excluded_.begin(), excluded_.end(), now.begin(), now.end(), std::back_inserter(freed));
  if (!freed.empty()) {  // their rows laid again: the ground as the scenario's run had it
    const int first = int(freed.front() / grid.nx), last = int(freed.back() / grid.nx);
    const sim::Grid band = sim::MakeGrid(run_->city, *run_->scene, run_->scenario.grid, {first, last - first + 1});
    for (std::uint32_t c : freed) grid.ground_z[c] = band.ground_z[c - std::size_t(first) * grid.nx];
  }
  for (std::uint32_t c : now) grid.ground_z[c] = std::numeric_limits<float>::quiet_NaN();
  excluded_ = std::move(now);
  return true;
}

std::optional<scenario::BackgroundSpec> Project::background() const {
  if (const auto& b = history_.background()) return b->spec;
  return std::nullopt;
}

std::shared_ptr<const geo::BackgroundImage> Project::background_image() const {
  const auto& b = history_.background();
  return b ? b->image : nullptr;
}

void Project::SyncRunBackground() { run_->scenario.background = background(); }

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

std::vector<sim::Camera> Project::WritePlan(const std::filesystem::path& target) const {
  scenario::PlanTextOptions o;
  o.from_file = path_;
  o.to_file = target;
  const geo::CityModel& city = run_->city;
  o.ground_z = [&city](double x, double y) { return city.GroundZ(x, y); };
  auto plan = scenario::RewritePlanText(text_, run_->scenario, city.frame, base_, cameras(), o);
  // Zones drawn or edited here replace the file's zones section (written inline).
  // The background line, when it changed or the file moves to another folder (its path is
  // relative to the scenario's).
  const bool write_background =
      history_.background() != base_background_ ||
      (background() && std::filesystem::absolute(target).parent_path() != path_.parent_path());
  auto with_zones = [&](std::string text) {
    if (write_background)
      text = WithTopLevelSection(text, "background", BackgroundSection(background(), target));
    return zones_edited() ? WithZonesSection(text, zones(), city.frame, run_->scenario.levels) : text;
  };
  if (!plan) {  // cameras from a file or a flow list: the whole scenario is written anew
    scenario::WriteScenarioWithCameras(run_->scenario, cameras(), city.frame, target, GuiWrite());
    if (zones_edited() || write_background) {
      core::AtomicOutput out(target);
      out.WriteText(with_zones(ReadText(target)));
      out.Commit();
    }
    return cameras();
  }
  if (!target.parent_path().empty()) std::filesystem::create_directories(target.parent_path());
  core::AtomicOutput out(target);
  out.WriteText(with_zones(plan->text));  // a full disk is an InputError naming the target
  out.Commit();
  return plan->cameras;
}

void Project::Save(const std::filesystem::path& to) {
  const std::filesystem::path target = to.empty() ? path_ : std::filesystem::absolute(to);
  std::vector<sim::Camera> written = WritePlan(target);
  std::error_code ignored;
  std::filesystem::remove(AutosavePath(path_), ignored);
  if (written != cameras()) history_.Amend(written);  // heights above ground to the millimetre
  path_ = target;
  run_->scenario.file = target;  // later saves rebase relative paths from here
  text_ = ReadText(target);
  base_ = std::move(written);
  base_zones_ = history_.zones();
  base_background_ = history_.background();
  saved_state_ = autosaved_state_ = history_.state_id();
}

void Project::Autosave() {
  if (!dirty() || autosaved_state_ == history_.state_id()) return;
  WritePlan(AutosavePath(path_));
  autosaved_state_ = history_.state_id();
}

bool Project::HasFreshAutosave(const std::filesystem::path& file) {
  std::error_code e1, e2;
  const auto autosaved = std::filesystem::last_write_time(AutosavePath(file), e1);
  const auto saved = std::filesystem::last_write_time(file, e2);
  return !e1 && (e2 || autosaved > saved);
}

void Project::DiscardAutosave() {
  std::error_code ignored;
  std::filesystem::remove(AutosavePath(path_), ignored);
  autosaved_state_ = history_.state_id();
}

std::vector<sim::Camera> Project::LoadAutosave() const {
  const scenario::Scenario saved = scenario::LoadScenario(AutosavePath(path_));
  core::Diagnostics ignored;
  return scenario::BuildCameras(saved, run_->city, *run_->scene, ignored);
}

std::vector<sim::Zone> Project::LoadAutosaveZones() const {
  const scenario::Scenario saved = scenario::LoadScenario(AutosavePath(path_));
  core::Diagnostics ignored;
  return scenario::BuildZones(saved, run_->city, run_->grid, ignored);
}

CameraHistory::Background Project::LoadAutosaveBackground() const {
  const scenario::Scenario saved = scenario::LoadScenario(AutosavePath(path_));
  if (!saved.background) return nullptr;
  const CameraHistory::Background& now = history_.background();
  std::error_code error;
  if (now && now->spec.opacity == saved.background->opacity &&
      std::filesystem::equivalent(now->spec.file, saved.background->file, error))
    return now;
  return ReadBackgroundLayer(*saved.background, run_->city.frame, run_->city.area);
}

std::filesystem::path Project::AutosavePath(const std::filesystem::path& file) {
  return file.parent_path() / (file.stem().string() + ".autosave.yaml");
}

}  // namespace plan
