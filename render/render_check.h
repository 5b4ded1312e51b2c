// Validation of the coverage engine against rendering: what OpenSceneGraph draws from a
// camera (depth buffer) must agree with what the engine says the camera sees, and the pixel
// density the engine predicts must match the pixels a rendered 1 m board covers. Needs an X
// display (Xvfb will do).
#pragma once

#include <cstddef>

#include "geo/city_model.h"
#include "sim/camera.h"
#include "sim/grid.h"
#include "sim/scene.h"

namespace render {

struct RenderAgreement {
  std::size_t checked = 0;    // targets in the image and range, not on a silhouette edge
  std::size_t agree = 0;
  std::size_t visible = 0;    // of the checked: the engine sees them
  std::size_t hidden = 0;     // of the checked: the engine finds them occluded
  std::size_t on_edges = 0;   // skipped: the 3 x 3 pixels around the target disagree
  double Pct() const { return checked ? 100.0 * agree / checked : 0; }
};

// Renders the camera's view through its lens (EyeRenderer::RenderThroughLens, width x height
// pixels) and checks every grid target in its image and range: the engine calls it visible
// exactly when no rendered surface lies in front of it at its pixel (distance along the
// pixel's ray, 5 cm tolerance).
RenderAgreement CompareWithRender(const geo::CityModel& city, const sim::Scene& scene, const sim::Grid& grid,
                                  const sim::Camera& camera, int width, int height);

// Pixels that a 1 m wide board facing the camera, centred on `centre`, spans along the image
// row through its centre, rendered at the camera's own resolution.
double RenderedBoardWidthPx(const sim::Camera& camera, const sim::Vec3d& centre);

}  // namespace render
