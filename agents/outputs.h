// The outputs of `sightline agents`, written atomically into one folder:
//   agents.json  people-time seen: totals (people, vehicles), per camera, per zone, per agent
//   tracks.csv   t_s, id, class, x, y, z (scenario CRS), heading, cameras seeing, best px/m
//   agents.gpkg  layers `tracks` (points with time) and `paths` (LineStringM, M = time in s)
//   flow.tif     pedestrians per 100 m2 on the coverage grid, mean over the run (flow.h)
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "agents/run.h"
#include "report/people_section.h"

namespace agents {

nlohmann::json AgentsJson(const AgentsResult& result, const scenario::CoverageResult& run);

// The report's people page (flow heat map, people-time seen) from a run.
report::PeopleSection PeopleSectionOf(const AgentsResult& result, const scenario::CoverageResult& run);

// Writes the four outputs into `dir` (created if missing); returns their paths.
std::vector<std::filesystem::path> WriteAgentsOutputs(const AgentsResult& result,
                                                      const scenario::CoverageResult& run,
                                                      const std::filesystem::path& dir);

}  // namespace agents
