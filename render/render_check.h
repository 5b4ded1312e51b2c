// Validation of the coverage engine against rendering: what OpenSceneGraph draws from a
// camera (depth buffer) must agree with what the engine says the camera sees, and the pixel
// density the engine predicts must match the pixels a rendered 1 m board covers. Needs an X
// display (Xvfb will do).
#pragma once

#include <cstddef>
#include <memory>
#include <osg/Node>
#include <span>

#include "geo/city_model.h"
#include "render/agents_view.h"
#include "render/camera_eye.h"
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

// Agents: does the camera see each body where the engine (sim::ViewBodies, what people-time
// counts) says it does?
struct AgentAgreement {
  std::size_t checked = 0;   // bodies decided on by both
  std::size_t agree = 0;
  std::size_t visible = 0;   // of the checked: the engine sees them
  std::size_t hidden = 0;    // of the checked: in the image and range, but occluded for the engine
  std::size_t on_edges = 0;  // skipped: an occluder's edge crosses a sample's 3 x 3 pixels
  std::size_t by_agents = 0; // skipped: another agent's body in front of a sample (the engine
                             // lets bodies not occlude one another)
  std::size_t touching_city = 0;  // skipped: a city surface within the body's depth of a sample
                                 // (a walker in a tree's crown, brushing a wall)
  std::size_t out_of_view = 0;  // no sample in the image and range (not counted)
  AgentAgreement& operator+=(const AgentAgreement& o);
  double Pct() const { return checked ? 100.0 * agree / checked : 0; }
};

// Renders the city with the agents' bodies (AgentsNode: the shapes the workbench draws) through
// a camera's lens, and the city alone. A body's sample point (feet, torso, head, as the engine
// samples) is seen in the rendering when the surface at its pixel is the body itself: within
// 0.35 m of the sample along the ray (a body is at most that deep around its axis); nearer is
// an occluder (the city's when the city-alone image has it too, else another agent), farther
// means no body is drawn there. A body is seen when one of its samples is; that is compared
// with the engine's verdict. Bodies are not counted where the answer is ambiguous: an
// occluder's edge across a sample's 3 x 3 pixels, another agent in front, a city surface
// within the body's depth.
class AgentRenderCheck {
 public:
  // Needs an X display (Xvfb will do). Keeps references to the city and the scene.
  AgentRenderCheck(const geo::CityModel& city, const sim::Scene& scene, int width, int height);
  ~AgentRenderCheck();
  AgentAgreement Compare(const sim::Camera& camera, std::span<const AgentShape> agents);

 private:
  const sim::Scene& scene_;
  int width_, height_;
  EyeRenderer renderer_;
  osg::ref_ptr<osg::Node> city_;
};

// Pixels that a 1 m wide board facing the camera, centred on `centre`, spans along the image
// row through its centre, rendered at the camera's own resolution.
double RenderedBoardWidthPx(const sim::Camera& camera, const sim::Vec3d& centre);

}  // namespace render
