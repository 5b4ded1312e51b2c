// One camera's frame of a feed: the colour image through the camera's lens, and its labels
// from an instance-id pass: per agent in view, the tight box of its visible pixels and its
// visibility as MOTChallenge counts it, occlusion and truncation together: visible pixels /
// pixels of the agent rendered alone (no city, no other agent in front) on the camera's image
// plane extended beyond the image border.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
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
  std::int64_t alone_px = 0;    // pixels of the image it covers with nothing in front
  // Of the agent's pixels alone on the image plane extended beyond the border, the fraction
  // inside the image (1 - truncation); 1 when it does not reach the border.
  double inside = 1;
  double visibility = 0;        // visible_px / (alone_px / inside)
  double x = 0, y = 0, z = 0;   // the agent's feet, local frame metres
  // The visible pixels as COCO's uncompressed RLE over the whole image in column-major order:
  // run lengths alternating background and agent, starting with background (maybe 0).
  std::vector<std::uint32_t> mask_rle;
};

// The RLE of the pixels of `ids` (one id per pixel, row-major, width x height) equal to `id`
// inside the box [left, left + width) x [top, top + height); pixels outside it are background.
std::vector<std::uint32_t> MaskRle(const std::vector<std::uint32_t>& ids, int image_width, int image_height, std::uint32_t id,
                                   int left, int top, int width, int height);

// Off-screen renderers that the CameraViews of one run share: one per image size, not one per
// camera (each is a GL context with its own buffers, compiled scene and first-frame costs, a
// good part of a short run). A render sets all its view parameters, so cameras may take turns;
// lens cameras keep their own (their pixel-to-ray lookup is kept per renderer). Not thread safe.
class SharedRenderers {
 public:
  SharedRenderers();
  ~SharedRenderers();
  render::EyeRenderer& Get(int width, int height);

 private:
  std::map<std::pair<int, int>, std::unique_ptr<render::EyeRenderer>> renderers_;
};

// Renders frames of one camera. Needs an X display (throws std::runtime_error without one);
// not thread safe.
class CameraView {
 public:
  // `shutter`: how long the shutter stays open, as a fraction of the frame interval (0..1),
  // ending at the frame's instant; > 0 averages kBlurSamples colour renders spread over it with
  // the agents moved back along their last step (motion blur; the labels stay at the instant).
  // `shared`: renderers to share with other views (it must outlive this one); none: its own.
  explicit CameraView(const sim::Camera& camera, double shutter = 0,
                      SharedRenderers* shared = nullptr);
  static constexpr int kBlurSamples = 4;
  ~CameraView();

  struct Frame {
    render::EyeImage colour;
    std::vector<AgentLabel> labels;  // agents with at least one visible pixel, in agent order
  };
  // The scene's current instant. `colour`: false renders only the labels.
  Frame Render(FeedScene& scene, bool colour = true);
  // The same into `frame`, reusing its colour buffer (frame after frame: no fresh pages).
  void Render(FeedScene& scene, Frame& frame, bool colour = true);

  const sim::Camera& camera() const { return camera_; }

  struct Span {  // a rectangle of pixels, edges inclusive
    int left = 0, top = 0, right = -1, bottom = -1;
  };

 private:
  void Draw(osg::Node* node, render::EyeImage& into,
            std::span<const osg::BoundingSphere> content = {});
  // Whether the body's bounding sphere reaches into the image's cone (conservative).
  bool MaySee(const std::vector<BodyBox>& body) const;
  // The fraction of the agent's pixels alone (`box`: its pixels in the image, touching the
  // border) that fall inside the image, from renders of it alone over a window of the image
  // plane grown until the agent fits.
  double InsideFraction(osg::Node* alone, std::uint32_t agent, const Span& box,
                        const osg::BoundingSphere& body);
  sim::Camera camera_;
  double shutter_ = 0;
  double half_angle_rad_ = 0;
  SharedRenderers* shared_ = nullptr;
  std::unique_ptr<render::EyeRenderer> own_renderer_;      // without `shared`, or a lens
  render::EyeRenderer* renderer_ = nullptr;                 // the frames' renderer
  std::unique_ptr<render::EyeRenderer> own_window_renderer_;
  render::EyeRenderer* window_renderer_ = nullptr;  // made when an agent is truncated
  render::EyeImage ids_, alone_, window_, sub_frame_;     // buffers kept between frames
  std::vector<std::uint16_t> exposure_;                   // motion blur's sum of sub-frames
  std::vector<std::uint32_t> pixel_agent_;
};

}  // namespace feeds
