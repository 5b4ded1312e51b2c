// `coverage` and `report` are one run; `report` adds the PDF report and its figures, whose
// people, network and camera-view pages need the simulation's libraries: so the writer of
// those is handed in by `report`'s setup, which only sightline-full has.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>

#include "geo/triangulate.h"
#include "scenario/pipeline.h"

namespace app {

// Writes the report's files into the run's staging folder (beside the coverage outputs), given
// the blind spots those polygonised.
using ReportWriter = std::function<void(scenario::CoverageResult& run, const std::filesystem::path& folder,
                                        std::vector<geo::Polygon> blind_spots)>;

// The verb `verb`: a coverage run, and the report when `report` is set.
void SetupCoverageRun(CLI::App& app, const char* verb, const char* help, ReportWriter report);

}  // namespace app
