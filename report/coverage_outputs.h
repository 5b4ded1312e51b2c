// The outputs of `sightline coverage`, written atomically into one folder:
//   coverage.tif  bands: cameras seeing (k), best px/m, density class, best camera index
//   coverage.gpkg layers: cameras, fov (wedges), visibility (per camera), blind_spots, zones
//   summary.json  area per density level, k histogram, zones, privacy, per camera, cost
//   coverage.png  quick-look density map (1 pixel per grid cell)
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "scenario/pipeline.h"

namespace report {

using CoverageRun = scenario::CoverageResult;

// What summary.json and the GeoPackage layers say about a run, for the whole area: from one
// process's CoverageRun (FactsOf), or assembled by the ranks of a distributed run (dist/).
struct CoverageFacts {
  const scenario::Scenario& scenario;
  const geo::CityModel& city;
  const core::Diagnostics& diagnostics;
  geo::RasterGrid grid;  // the whole grid
  double target_height_m = 1.7;
  const sim::DensityLevels& levels;
  std::span<const sim::Camera> cameras;
  const sim::CoverageSummary& summary;
  const std::vector<sim::Zone>& zones;  // names and outlines
  const std::vector<sim::ZoneStats>& zone_stats;
};
CoverageFacts FactsOf(const CoverageRun& run);

nlohmann::json SummaryJson(const CoverageFacts& facts);
nlohmann::json SummaryJson(const CoverageRun& run);

// A camera's visible cells (whole-grid indices, sorted); asked for every camera in order. 64-bit:
// a grid spread over MPI ranks may pass 4.29 G cells (each rank's band counts in 32 bits).
using VisibleCellsFn = std::function<std::vector<std::uint64_t>(std::size_t camera)>;

// The blind spots a batch at a time (a distributed run's bands in turn): fills `batch`, false
// when none is left.
using PolygonBatchFn = std::function<bool(std::vector<geo::Polygon>& batch)>;

// coverage.gpkg and summary.json into `dir`, from the facts, the blind spots (from
// CoverageRasterWriter::Finish) and each camera's visible cells.
void WriteCoverageVectors(const CoverageFacts& facts, std::vector<geo::Polygon> blind_spots,
                          const VisibleCellsFn& visible_cells, const std::filesystem::path& dir);
void WriteCoverageVectors(const CoverageFacts& facts, const PolygonBatchFn& blind_spots,
                          const VisibleCellsFn& visible_cells, const std::filesystem::path& dir);

// Writes the four outputs into `dir` (created if missing); returns their paths. With
// `blind_spots`, also hands back the blind spots it polygonised (the report draws them too).
std::vector<std::filesystem::path> WriteCoverageOutputs(const CoverageRun& run, const std::filesystem::path& dir,
                                                        std::vector<geo::Polygon>* blind_spots = nullptr);

// A camera's field of view as drawn on maps: its position and the arc at max range across the
// horizontal field of view (local metres).
geo::Polygon FovWedge(const sim::Camera& camera);

// Target ground no camera sees, as polygons (local metres): inside the priority zones when the
// scenario has any, else everywhere.
std::vector<geo::Polygon> BlindSpots(const CoverageRun& run);

// 1 for cells inside any priority zone (where blind spots count), 1 byte per cell of `grid`;
// empty when the scenario has no priority zone.
std::vector<std::uint8_t> PriorityScope(const std::vector<sim::Zone>& zones, const sim::Grid& grid);

}  // namespace report
