// The camera catalogue: a YAML file of camera models (the same keys as a scenario's
// `camera_models:` entries, plus sensor format, varifocal range, data-sheet HFOV range and a
// description) and the price list of mounts and network equipment for the bill of materials.
// A scenario names it with `catalogue: cameras.yaml`; its models join `camera_models`, so the
// CLI, the optimiser and the GUI offer them alike. Format: README "Camera catalogue".
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "scenario/scenario.h"

namespace scenario {

struct Catalogue {
  std::filesystem::path file;
  std::map<std::string, CameraFields> models;
  std::map<std::string, Accessory> accessories;
};

// Strict: unknown keys, bad values and inconsistent optics are core::InputErrors naming the
// catalogue file and line.
Catalogue LoadCatalogue(const std::filesystem::path& file);
Catalogue ParseCatalogue(const std::string& yaml, const std::filesystem::path& file);

// The HFOV a model's lens can give, [widest, narrowest]: the data sheet's range, else from its
// focal range and sensor width; nullopt for a fixed or unknown lens.
std::optional<std::pair<double, double>> HfovRangeDeg(const CameraFields& model);

// Why a camera's own optics do not fit its model's varifocal lens ("" when they do): a focal
// length outside the focal range, an HFOV outside the HFOV range.
std::string LensMismatch(const CameraFields& model, const CameraFields& camera);

// Accessory keys a catalogue may price: mount kinds and network node kinds.
bool IsAccessoryKey(const std::string& key);

}  // namespace scenario
