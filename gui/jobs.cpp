#include "gui/jobs.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

#include "scenario/optimise_run.h"

namespace gui {

std::shared_ptr<LoadJob> StartLoading(const std::filesystem::path& file) {
  auto job = std::make_shared<LoadJob>();
  job->file = file;
  job->started = std::chrono::steady_clock::now();
  job->result = std::async(std::launch::async, [job] {
    return plan::Project::Open(job->file, [job](std::size_t done, std::size_t total) {
      job->cameras_done = done, job->cameras_total = total;
    });
  });
  return job;
}

std::unique_ptr<BackgroundJob> StartBackgroundLoad(const plan::Project& project,
                                                   const std::filesystem::path& file, double opacity) {
  auto job = std::make_unique<BackgroundJob>();
  job->file = std::filesystem::absolute(file);
  job->started = std::chrono::steady_clock::now();
  const geo::CityModel& city = project.run().city;
  job->result = std::async(std::launch::async, [file = job->file, frame = city.frame, area = city.area, opacity] {
    return plan::ReadBackgroundLayer({file, opacity, "the workbench"}, frame, area);
  });
  return job;
}

std::unique_ptr<OptimiserJob> StartOptimiser(const plan::Project& project,
                                             std::optional<double> time_limit_s) {
  // The optimiser works on a saved copy of the current plan (fixed cameras) in the temp folder.
  const std::filesystem::path tmp = std::filesystem::temp_directory_path() /
                                    fmt::format("sightline-optimise-{}.yaml", ::getpid());
  scenario::ScenarioWriteOptions o;
  o.written_by = "sightline gui (optimiser input)";
  o.name_suffix = "";
  o.keep_optimise = true;
  scenario::WriteScenarioWithCameras(project.run().scenario, project.cameras(),
                                     project.run().city.frame, tmp, o);

  auto optimiser = std::make_unique<OptimiserJob>();
  OptimiserJob* job = optimiser.get();
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
      job->summary = fmt::format(
          "{}{} cameras ({} new): {:.0f} m\u00b2 met in priority zones, {:.0f} m\u00b2 elsewhere "
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
  return optimiser;
}

void StopOptimiser(std::unique_ptr<OptimiserJob>& job) {
  if (job && job->thread.joinable()) {
    job->cancel = true;
    job->thread.join();
  }
  job.reset();
}

std::unique_ptr<AgentsJob> StartAgents(const plan::Project& project, std::optional<double> duration_s) {
  agents::RequireAgents(project.run().scenario);  // says what to add when there is none
  auto started = std::make_unique<AgentsJob>();
  AgentsJob* job = started.get();
  job->plan_state = project.history().state_id();
  agents::AgentsRunOptions options;
  options.duration_s = duration_s;
  options.cameras = project.cameras();
  options.zones = project.zones();
  options.output_step_s = std::min(0.2, project.run().scenario.agents->output_step_s);
  options.work_dir = std::filesystem::temp_directory_path() / fmt::format("sightline-gui-sumo-{}", ::getpid());
  options.cancel = &job->cancel;
  job->duration_s = duration_s.value_or(project.run().scenario.agents->duration_s);
  options.progress = [job](double done, double) { job->simulated_s = done; };
  const scenario::CoverageResult* run = &project.run();
  job->thread = std::thread([job, run, options = std::move(options)] {
    const auto cleanup = [&options] {  // a SUMO network built for this run only
      std::error_code ignored;
      std::filesystem::remove_all(options.work_dir, ignored);
    };
    try {
      auto result = std::make_shared<agents::AgentsResult>(agents::RunAgents(*run, options));
      std::lock_guard lock(job->mutex);
      job->result = std::move(result);
    } catch (const std::exception& e) {
      std::lock_guard lock(job->mutex);
      job->error = e.what();
    }
    cleanup();
    job->done = true;
  });
  return started;
}

void StopAgents(std::unique_ptr<AgentsJob>& job) {
  if (job && job->thread.joinable()) {
    job->cancel = true;
    job->thread.join();
  }
  job.reset();
}

plan::ReplacePlan OptimisedPlanEdit(std::vector<sim::Camera> cameras) {
  for (sim::Camera& c : cameras) plan::SnapToFilePrecision(c);
  return {std::move(cameras), "Optimised plan"};
}

}  // namespace gui
