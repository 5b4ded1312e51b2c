// One camera's frame of a feed: the colour image through the camera's lens, and its labels
// from an instance-id pass: per agent in view, the tight box of its visible pixels and its
// visibility (visible pixels / pixels of the agent rendered without the city and the other
// agents in front of it).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "feeds/scene.h"
#include "render/camera_eye.h"
#include "sim/camera.h"

namespace feeds {

struct AgentLabel {
  std::uint32_t agent = 0;      // index into the source's agents (the global id - 1)
  int left = 0, top = 0;        // pixels, 0-based, of the box's top-left pixel
  int width = 0, height = 0;    // 0 when nothing of the agent is visible
  std::int64_t visible_px = 0;  // pixels showing the agent
  std::int64_t alone_px = 0;    // pixels it covers with nothing in front (0: not rendered)
  double visibility = 0;        // visible_px / alone_px
  double x = 0, y = 0, z = 0;   // the agent's feet, local frame metres
  // The visible pixels as COCO's uncompressed RLE over the whole image in column-major order:
  // run lengths alternating background and agent, starting with background (maybe 0).
  std::vector<std::uint32_t> mask_rle;
};

// The RLE of the pixels of `ids` (one id per pixel, row-major, width x height) equal to `id`
// inside the box [left, left + width) x [top, top + height); pixels outside it are background.
std::vector<std::uint32_t> MaskRle(const std::vector<std::uint32_t>& ids, int image_width, int image_height, std::uint32_t id,
                                   int left, int top, int width, int height);

// Renders frames of one camera. Needs an X display (throws std::runtime_error without one);
// not thread safe.
class CameraView {
 public:
  explicit CameraView(const sim::Camera& camera);
  ~CameraView();

  struct Frame {
    render::EyeImage colour;
    std::vector<AgentLabel> labels;  // agents with at least one visible pixel, in agent order
  };
  // The scene's current instant. `colour`: false renders only the labels.
  Frame Render(FeedScene& scene, bool colour = true);

  const sim::Camera& camera() const { return camera_; }

 private:
  render::EyeImage Draw(osg::Node* node);
  // Whether the body's bounding sphere reaches into the image's cone (conservative).
  bool MaySee(const std::vector<BodyBox>& body) const;
  sim::Camera camera_;
  double half_angle_rad_ = 0;
  std::unique_ptr<render::EyeRenderer> renderer_;
};

}  // namespace feeds
