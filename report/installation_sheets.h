// Installation sheets: one A4 page per camera for the installer who mounts and aims it. A map
// snippet with the camera, its field-of-view wedge and the ground it sees; where it goes (scenario
// CRS and WGS 84), the mount and its height above the ground, yaw, pitch and roll, the lens as
// focal length on its sensor, where the image centre meets the ground, and the camera-eye
// picture of what it must see (when a renderer is available).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "report/coverage_outputs.h"
#include "report/image.h"

namespace report {

struct InstallationOptions {
  std::string software = "sightline";
  std::string date;
  // Per camera (same order as the run's cameras): its camera-eye picture, or nullopt.
  std::vector<std::optional<Image>> views;
  double snippet_m = 0;  // side of the map snippet; 0 = from the camera's range (40-160 m)
};

// Writes installation.pdf (atomically).
void WriteInstallationSheets(const CoverageRun& run, const std::filesystem::path& pdf,
                             const InstallationOptions& options);

// Where the optical axis meets level ground `height_m` below the camera; nullopt when it looks
// at or above the horizon.
std::optional<double> AxisGroundDistance(double height_m, double pitch_deg);

// "N", "NNE", ... for a yaw in degrees clockwise from north.
std::string CompassPoint(double yaw_deg);

}  // namespace report
