// What a camera sees, rendered: view and projection matrices for a sim::Camera (pinhole model
// of its lens; the live GUI inset shows fisheyes through a wide pinhole), and an off-screen
// renderer that returns colour and true distances for report thumbnails, validation and
// synthetic frames — through the real lens (distortion, fisheye) via a cube of six views.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <osg/BoundingSphere>
#include <osg/Matrixd>
#include <osg/Group>
#include <osg/Node>
#include <osg/Scissor>
#include <osgViewer/Viewer>
#include <span>
#include <vector>

#include "sim/camera.h"

namespace render {

struct EyeClip {
  double near_m = 0.3, far_m = 2000;
};
// Clip planes for showing what a camera sees: 30 cm, and far enough for any city beyond its range.
EyeClip ViewClip(const sim::Camera& camera);

osg::Matrixd EyeViewMatrix(const sim::Camera& camera);
// Rectilinear: the camera's own HFOV and aspect (principal point at the image centre);
// fisheye: a pinhole of at most 150 degrees (a wide-angle stand-in, the image's shape differs).
osg::Matrixd EyeProjection(const sim::Camera& camera, const EyeClip& clip = {});
// Horizontal field of view the eye projection uses.
double EyeHfovDeg(const sim::Camera& camera);

struct EyeImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  // row 0 at the top
  std::vector<float> depth_m;     // distance along the optical axis; +inf where nothing was hit
  std::vector<float> range_m;     // distance from the camera along each pixel's ray (camera renders)
  std::vector<std::uint8_t> Rgba() const;  // the colours with an opaque alpha channel
};

// What a render reads back: colours and the depth buffer (as distances), colours alone
// (synthetic frames and id passes: half the readback, no per-pixel depth conversion), or the
// depth alone (shadow maps: `rgb` stays empty; plain views only, not RenderThroughLens).
enum class EyeReadback { colour_and_depth, colour, depth };

// A rectangle of a camera's image plane in pixels, origin top-left; it may reach beyond the
// image (where the lens model still defines rays). Empty: the image itself.
struct ImageWindow {
  double u0 = 0, v0 = 0, u1 = 0, v1 = 0;
  bool empty() const { return !(u1 > u0 && v1 > v0); }
  bool operator==(const ImageWindow&) const = default;
};

// Renders scenes off screen in a pbuffer (needs an X display; Xvfb will do). One renderer can
// render many views; not thread safe.
class EyeRenderer {
 public:
  // Throws std::runtime_error when no GL context can be made (no display).
  EyeRenderer(int width, int height, EyeReadback readback = EyeReadback::colour_and_depth);
  ~EyeRenderer();
  // Pinhole view with the camera's HFOV and aspect (EyeProjection).
  EyeImage Render(osg::Node* scene, const sim::Camera& camera, const EyeClip& clip = {});
  // The image the camera's lens makes: each pixel's ray (sim::PixelRay, so Brown-Conrady
  // distortion and equidistant fisheyes are exact) looked up in six 90-degree views around the
  // camera. Plain pinholes take the direct path above.
  EyeImage RenderThroughLens(osg::Node* scene, const sim::Camera& camera, const EyeClip& clip = {});
  // The same into `out`, reusing its buffers (frame after frame), over `window` of the image
  // plane (empty: the image) spread across this renderer's pixels. Pixels whose ray the lens
  // does not define (beyond a fisheye's full circle) stay black and infinitely far. The pixel
  // to ray lookup is kept for the next call with the same camera, size and window.
  // `content`, when not empty: the scene shows nothing but black outside these spheres (an id
  // pass); cube views that miss them all are not rendered, their pixels black.
  void RenderThroughLens(osg::Node* scene, const sim::Camera& camera, const EyeClip& clip,
                         EyeImage& out, const ImageWindow& window = {},
                         std::span<const osg::BoundingSphere> content = {});
  // Any view and projection (top-down map views, tests).
  EyeImage Render(osg::Node* scene, const osg::Matrixd& view, const osg::Matrixd& projection,
                  double near_m, double far_m);
  // The same into `out`, reusing its buffers (frame after frame).
  void Render(osg::Node* scene, const osg::Matrixd& view, const osg::Matrixd& projection,
              double near_m, double far_m, EyeImage& out);

 private:
  // A renderer whose GL context shares objects (the scene's buffers, compiled once) with `share`.
  EyeRenderer(int width, int height, EyeReadback readback, osg::GraphicsContext* share);
  // `content` as RenderThroughLens: drawing is cut (scissor) to the pixels the spheres may
  // cover; the rest keeps the scene's clear colour. Pixels inside are drawn as without it.
  void RenderInto(osg::Node* scene, const osg::Matrixd& view, const osg::Matrixd& projection,
                  double near_m, double far_m, EyeImage& out,
                  std::span<const osg::BoundingSphere> content = {});
  struct LensLookup;  // each pixel's cube face and texel for one camera, size and window
  // Renders from now on fill the bottom-left width x height of this renderer's buffers (at
  // most its size): one renderer for images of several sizes.
  void SetView(int width, int height);
  int width_, height_;
  int view_width_, view_height_;  // the images made now (SetView)
  bool rendered_ = false;
  EyeReadback readback_;
  // The cube views' renderer: each view drawn over the part of it the lens looks into.
  std::unique_ptr<EyeRenderer> faces_;
  std::unique_ptr<LensLookup> lookup_;
  osgViewer::Viewer viewer_;
  osg::ref_ptr<osg::Image> colour_, depth_;
  osg::ref_ptr<osg::Group> scissored_;  // holds the scene of a render with content
  osg::ref_ptr<osg::Scissor> scissor_;
  class ReadBack;
  osg::ref_ptr<ReadBack> read_back_;  // colour readback: the rectangle drawn, nothing more
  osg::ref_ptr<osg::Group> frame_;     // the scene of a render and read_back_ after it
  std::array<int, 4> last_rect_{};     // the last render's pixels drawn (RenderInto's rect)
};

}  // namespace render
