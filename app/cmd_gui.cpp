// `sightline gui`: the planner's desktop front end (gui/gui.h); with --script it runs
// scripted actions under a real window (Xvfb in CI) and quits.
#include <memory>
#include <regex>

#include "app/commands.h"
#include "app/report_options.h"
#include "gui/gui.h"

namespace app {

void SetupGui(CLI::App& app) {
  auto opt = std::make_shared<gui::GuiOptions>();
  auto size = std::make_shared<std::string>("1600x960");
  CLI::App* cmd = app.add_subcommand("gui", "Open the planner's 3D workbench (OpenSceneGraph + Dear ImGui)");
  cmd->add_option("scenario", opt->scenario, "Scenario YAML to open")->check(CLI::ExistingFile);
  cmd->add_option("--script", opt->script, "Run these actions (YAML list, see plan/gui_script.h), then quit")
      ->check(CLI::ExistingFile);
  cmd->add_option("--screenshot", opt->screenshot, "Write a PNG of the window once everything is drawn, then quit");
  CLI::Option* size_option =
      cmd->add_option("--size", *size, "Window size WIDTHxHEIGHT (default: 1600x960, at most the screen)")
          ->default_val("1600x960");
  cmd->callback([opt, size, size_option] {
    std::smatch m;
    if (!std::regex_match(*size, m, std::regex(R"((\d{3,5})x(\d{3,5}))")))
      throw CLI::ValidationError("--size", "expected WIDTHxHEIGHT, e.g. 1600x960");
    opt->width = std::stoi(m[1]), opt->height = std::stoi(m[2]);
    opt->fit_to_screen = size_option->count() == 0;
    if (!opt->screenshot.empty() && opt->script.empty() && opt->scenario.empty())
      throw CLI::ValidationError("--screenshot", "needs a scenario or a script");
    opt->report = ReportOptionsToday();
    const int code = gui::RunGui(*opt);
    if (code != kExitOk) throw ExitWith(code);
  });
}

}  // namespace app
