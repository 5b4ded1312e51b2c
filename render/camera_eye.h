// What a camera sees, rendered: view and projection matrices for a sim::Camera (pinhole model
// of its lens; the live GUI inset shows fisheyes through a wide pinhole), and an off-screen
// renderer that returns colour and true distances for report thumbnails, validation and
// synthetic frames — through the real lens (distortion, fisheye) via a cube of six views.
#pragma once

#include <osg/Matrixd>
#include <osg/Node>
#include <osgViewer/Viewer>
#include <cstdint>
#include <memory>
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

// Renders scenes off screen in a pbuffer (needs an X display; Xvfb will do). One renderer can
// render many views; not thread safe.
class EyeRenderer {
 public:
  // Throws std::runtime_error when no GL context can be made (no display).
  EyeRenderer(int width, int height);
  ~EyeRenderer();
  // Pinhole view with the camera's HFOV and aspect (EyeProjection).
  EyeImage Render(osg::Node* scene, const sim::Camera& camera, const EyeClip& clip = {});
  // The image the camera's lens makes: each pixel's ray (sim::PixelRay, so Brown-Conrady
  // distortion and equidistant fisheyes are exact) looked up in six 90-degree views around the
  // camera. Plain pinholes take the direct path above.
  EyeImage RenderThroughLens(osg::Node* scene, const sim::Camera& camera, const EyeClip& clip = {});
  // Any view and projection (top-down map views, tests).
  EyeImage Render(osg::Node* scene, const osg::Matrixd& view, const osg::Matrixd& projection,
                  double near_m, double far_m);

 private:
  int width_, height_;
  std::unique_ptr<EyeRenderer> faces_;  // square renderer for the cube views
  osgViewer::Viewer viewer_;
  osg::ref_ptr<osg::Image> colour_, depth_;
};

}  // namespace render
