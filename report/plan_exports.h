// The plan for other tools: the camera list as CSV (spreadsheets; read back by a scenario's
// `cameras: {source: cameras.csv}`) and the plan as a DXF drawing (CAD).
#pragma once

#include <filesystem>

#include "report/coverage_outputs.h"

namespace report {

// cameras.csv: id, lon, lat (WGS 84), x, y (scenario CRS), then the camera layer fields of
// scenario/camera_fields.h (model, z, height_m, yaw_deg, pitch_deg, ...), one row per camera.
void WriteCameraCsv(const CoverageRun& run, const std::filesystem::path& path);

// plan.dxf in the scenario CRS: layers `cameras` (points), `camera_ids` (labels), `fov`
// (field-of-view wedges), `zones_priority`, `zones_privacy`, `zones_exclude` (outlines).
void WritePlanDxf(const CoverageRun& run, const std::filesystem::path& path);

}  // namespace report
