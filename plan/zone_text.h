// Sections the workbench edits, written back into the planner's scenario text. Zones drawn or
// edited in the workbench: the `zones:` section is replaced by the zones as they are now, inline (frame CRS coordinates to
// the millimetre, a single polygon as `polygon:`, holes or parts as `wkt:`); the rest of the
// file stays byte for byte. Only used when the zones changed, so zones read from a file stay
// a `source:` until the planner edits them. The background raster: a `background:` line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "scenario/scenario.h"
#include "sim/pixel_density.h"
#include "sim/zones.h"

namespace plan {

// The `zones:` block as YAML lines (ending in a newline).
std::string ZonesSection(const std::vector<sim::Zone>& zones, const geo::Frame& frame,
                         const sim::DensityLevels& levels);

// `text` with its top-level `zones:` section (the key's line and the indented or `-` lines
// under it) replaced by ZonesSection; appended when there is none.
std::string WithZonesSection(const std::string& text, const std::vector<sim::Zone>& zones,
                             const geo::Frame& frame, const sim::DensityLevels& levels);

// `text` with its top-level `key:` section (the key's line and the indented or `-` lines under
// it) replaced by `section` (YAML lines ending in a newline; "" removes the key); appended
// when there is none.
std::string WithTopLevelSection(const std::string& text, const std::string& key,
                                const std::string& section);

// The `background:` line for a scenario written to `scenario_file` (its raster's path
// relative to that file's folder when it can be); "" for none.
std::string BackgroundSection(const std::optional<scenario::BackgroundSpec>& background,
                              const std::filesystem::path& scenario_file);

}  // namespace plan
