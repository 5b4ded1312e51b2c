// The outputs of `sightline coverage`, written atomically into one folder:
//   coverage.tif  bands: cameras seeing (k), best px/m, density class, best camera index
//   coverage.gpkg layers: cameras, fov (wedges), visibility (per camera), blind_spots, zones
//   summary.json  area per density level, k histogram, zones, privacy, per camera, cost
//   coverage.png  quick-look density map (1 pixel per grid cell)
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "scenario/pipeline.h"

namespace report {

using CoverageRun = scenario::CoverageResult;

nlohmann::json SummaryJson(const CoverageRun& run);

// Writes the four outputs into `dir` (created if missing); returns their paths.
std::vector<std::filesystem::path> WriteCoverageOutputs(const CoverageRun& run,
                                                        const std::filesystem::path& dir);

// A camera's field of view as drawn on maps: its position and the arc at max range across the
// horizontal field of view (local metres).
geo::Polygon FovWedge(const sim::Camera& camera);

// Target ground no camera sees, as polygons (local metres): inside the priority zones when the
// scenario has any, else everywhere.
std::vector<geo::Polygon> BlindSpots(const CoverageRun& run);

}  // namespace report
