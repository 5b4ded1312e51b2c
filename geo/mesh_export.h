// Writes the city mesh for inspection in MeshLab, Blender or any 3D viewer.
#pragma once

#include <filesystem>

#include "geo/city_model.h"

namespace geo {

enum class MeshFormat { obj, ply };

struct MeshExportOptions {
  // true: absolute CRS coordinates (large numbers, exact placement in GIS tools);
  // false: local frame metres (what viewers handle best). Either way the header names both.
  bool absolute_coordinates = false;
};

// Format from the extension (.obj, .ply); throws core::InputError for others.
MeshFormat MeshFormatFor(const std::filesystem::path& path);

// OBJ: one group per surface class with a material colour (city.mtl beside it).
// PLY (binary): per-face feature id, surface class and colour.
// Written to a temporary file and renamed, so a failure leaves no partial file.
void ExportMesh(const CityModel& city, const std::filesystem::path& path,
                const MeshExportOptions& options = {});

}  // namespace geo
