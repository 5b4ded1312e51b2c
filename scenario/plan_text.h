// Writing an edited camera plan back into the planner's own scenario text. Only the cameras
// that changed are rewritten, in the form the planner used (height_m or z, mount, flow or block
// style, key order); comments and layout everywhere else stay byte for byte. yaml-cpp's node
// marks give where each camera starts; a camera's lines run to the next one.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "scenario/scenario.h"
#include "sim/camera.h"

namespace scenario {

struct PlanTextOptions {
  std::filesystem::path from_file;  // where the text was read (relative paths resolve there)
  std::filesystem::path to_file;    // where it will be written: relative paths are rebased
  // Ground height (metres) under a point in frame coordinates: `height_m` is measured from it.
  std::function<double(double x, double y)> ground_z;
};

struct PlanText {
  std::string text;
  // The cameras as the new text reads back: heights above ground are written to the
  // millimetre, so a camera kept in the `height_m` form may move by less than half a millimetre.
  std::vector<sim::Camera> cameras;
};

// `base` are the cameras `text` describes, in the order of its `cameras:` list; `cameras` is the
// plan to write. Cameras are matched by id: unchanged ones keep their lines, edited ones are
// edited in place (or rewritten in the same style when keys come or go), new ones are appended
// in the style of the others. nullopt when the text cannot be edited this way (cameras from a
// `source:` file, a flow-style list, a list that does not match `base`): then re-emit the file.
std::optional<PlanText> RewritePlanText(const std::string& text, const Scenario& scenario,
                                        const geo::Frame& frame,
                                        const std::vector<sim::Camera>& base,
                                        std::vector<sim::Camera> cameras,
                                        const PlanTextOptions& options);

}  // namespace scenario
