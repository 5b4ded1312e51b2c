// Which cameras see a moving body (a person, a vehicle) at one instant, through the same lens
// model, range, occlusion rays and px/m as the coverage engine. A body is a vertical axis of
// sample points (feet, torso, head) over the ground point under its centre; bodies do not
// occlude one another (first cut).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/camera.h"
#include "sim/scene.h"

namespace sim {

struct BodyPose {
  Vec3d base;             // local frame metres: the ground under the body's centre
  double height_m = 1.75; // top of the body above `base`
};

struct BodyViewOptions {
  // Sample heights as fractions of the body height: feet (just above the ground, so the
  // ground itself does not block them), torso, head (a person's face).
  std::array<double, 3> sample_height_fraction = {0.05, 0.55, 0.93};
};

struct BodyView {
  std::uint8_t samples_seen = 0;  // sample points in the image, in range and unoccluded
  float px_per_m = 0;             // at the highest visible sample (the face for a person)
  bool seen() const { return samples_seen > 0; }
};

// Views of every body from every camera: out[c * bodies.size() + b]. Parallel over cameras;
// each camera's row is computed on its own, so the result does not depend on the thread count.
void ViewBodies(const Scene& scene, std::span<const Camera> cameras, std::span<const BodyPose> bodies,
                const BodyViewOptions& options, std::vector<BodyView>& out);

}  // namespace sim
