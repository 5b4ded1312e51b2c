#include "render/camera_eye.h"

#include <osg/GraphicsContext>
#include <osg/Group>
#include <osg/Notify>
#include <chrono>
#include <algorithm>
#include <cmath>
#include <thread>
#include <cstdio>
#include <mutex>
#include <limits>
#include <stdexcept>

namespace render {
namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
}

EyeClip ViewClip(const sim::Camera& c) { return {0.3, std::max(2000.0, c.max_range_m * 2)}; }

std::vector<std::uint8_t> EyeImage::Rgba() const {
  std::vector<std::uint8_t> out;
  out.reserve(rgb.size() / 3 * 4);
  for (std::size_t i = 0; i < rgb.size(); i += 3) out.insert(out.end(), {rgb[i], rgb[i + 1], rgb[i + 2], 255});
  return out;
}

double EyeHfovDeg(const sim::Camera& c) {
  return c.lens == sim::LensModel::rectilinear ? c.hfov_deg : std::min(c.hfov_deg, 150.0);
}

osg::Matrixd EyeViewMatrix(const sim::Camera& c) {
  const sim::CameraAxes a = sim::Axes(c);
  const osg::Vec3d eye(c.position.x, c.position.y, c.position.z);
  return osg::Matrixd::lookAt(eye, eye + osg::Vec3d(a.forward.x, a.forward.y, a.forward.z),
                              osg::Vec3d(a.up.x, a.up.y, a.up.z));
}

osg::Matrixd EyeProjection(const sim::Camera& c, const EyeClip& clip) {
  // Pinhole: half-width at unit depth tan(hfov/2), half-height scaled by the pixel aspect.
  const double tx = std::tan(EyeHfovDeg(c) * kDeg / 2);
  const double ty = tx * c.height_px / c.width_px;
  return osg::Matrixd::frustum(-tx * clip.near_m, tx * clip.near_m, -ty * clip.near_m, ty * clip.near_m,
                               clip.near_m, clip.far_m);
}

namespace {

// OSG prints notices ("Unable to open display") on stdout: keep stdout for data.
class StderrNotifyHandler : public osg::NotifyHandler {
 public:
  void notify(osg::NotifySeverity, const char* message) override { std::fputs(message, stderr); }
};

}  // namespace

EyeRenderer::EyeRenderer(int width, int height) : width_(width), height_(height) {
  static std::once_flag notify_once;
  std::call_once(notify_once, [] { osg::setNotifyHandler(new StderrNotifyHandler); });
  osg::ref_ptr<osg::GraphicsContext::Traits> traits = new osg::GraphicsContext::Traits;
  traits->readDISPLAY();
  traits->setUndefinedScreenDetailsToDefaultScreen();
  traits->x = 0, traits->y = 0, traits->width = width, traits->height = height;
  traits->pbuffer = true;
  traits->doubleBuffer = false;
  traits->sharedContext = nullptr;
  // An X server busy with other GL clients (parallel tests on one Xvfb) now and then refuses a
  // pbuffer; a moment later it gives one.
  osg::ref_ptr<osg::GraphicsContext> gc;
  for (int attempt = 0; attempt < 5 && (!gc || !gc->valid()); ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
    gc = osg::GraphicsContext::createGraphicsContext(traits.get());
  }
  if (!gc || !gc->valid())
    throw std::runtime_error("cannot create an off-screen GL context (is DISPLAY set? try Xvfb)");
  osg::Camera* cam = viewer_.getCamera();
  cam->setGraphicsContext(gc);
  cam->setViewport(0, 0, width, height);
  cam->setClearColor({0.78f, 0.86f, 0.94f, 1});
  cam->setComputeNearFarMode(osg::CullSettings::DO_NOT_COMPUTE_NEAR_FAR);
  cam->setRenderTargetImplementation(osg::Camera::FRAME_BUFFER_OBJECT);
  colour_ = new osg::Image;
  colour_->allocateImage(width, height, 1, GL_RGB, GL_UNSIGNED_BYTE);
  depth_ = new osg::Image;
  depth_->allocateImage(width, height, 1, GL_DEPTH_COMPONENT, GL_FLOAT);
  cam->attach(osg::Camera::COLOR_BUFFER, colour_.get());
  cam->attach(osg::Camera::DEPTH_BUFFER, depth_.get());
  viewer_.setThreadingModel(osgViewer::Viewer::SingleThreaded);
  viewer_.setLightingMode(osg::View::SKY_LIGHT);
  viewer_.getLight()->setPosition({0.35f, -0.55f, 0.75f, 0});  // sun from the south-east, high
  viewer_.getLight()->setAmbient({0.45f, 0.45f, 0.45f, 1});
  viewer_.getLight()->setDiffuse({0.65f, 0.65f, 0.65f, 1});
  viewer_.setSceneData(new osg::Group);
  viewer_.realize();
}

EyeRenderer::~EyeRenderer() = default;

EyeImage EyeRenderer::Render(osg::Node* scene, const sim::Camera& camera, const EyeClip& clip) {
  EyeImage img = Render(scene, EyeViewMatrix(camera), EyeProjection(camera, clip), clip.near_m, clip.far_m);
  // Range along each pixel's ray: depth times the ray's length per unit of depth.
  const double tx = std::tan(EyeHfovDeg(camera) * kDeg / 2), ty = tx * camera.height_px / camera.width_px;
  img.range_m.resize(img.depth_m.size());
  for (int row = 0; row < img.height; ++row)
    for (int col = 0; col < img.width; ++col) {
      const double x = ((col + 0.5) / img.width * 2 - 1) * tx, y = (1 - (row + 0.5) / img.height * 2) * ty;
      const std::size_t i = std::size_t(row) * img.width + col;
      img.range_m[i] = static_cast<float>(img.depth_m[i] * std::sqrt(1 + x * x + y * y));
    }
  return img;
}

EyeImage EyeRenderer::RenderThroughLens(osg::Node* scene, const sim::Camera& camera, const EyeClip& clip) {
  if (camera.lens == sim::LensModel::rectilinear && camera.distortion.none()) return Render(scene, camera, clip);
  const int size = std::max(width_, height_);
  if (!faces_ || faces_->width_ != size) faces_ = std::make_unique<EyeRenderer>(size, size);
  // Six views along the camera's own axes, 90 degrees each: together they see every direction.
  const sim::CameraAxes a = sim::Axes(camera);
  const osg::Vec3d f(a.forward.x, a.forward.y, a.forward.z), r(a.right.x, a.right.y, a.right.z),
      u(a.up.x, a.up.y, a.up.z);
  struct Face {
    osg::Vec3d forward, up, right;
    EyeImage image;
  };
  std::vector<Face> faces = {{f, u, {}, {}}, {-f, u, {}, {}}, {r, u, {}, {}}, {-r, u, {}, {}}, {u, -f, {}, {}}, {-u, f, {}, {}}};
  const osg::Vec3d eye(camera.position.x, camera.position.y, camera.position.z);
  const osg::Matrixd projection = osg::Matrixd::frustum(-clip.near_m, clip.near_m, -clip.near_m, clip.near_m,
                                                        clip.near_m, clip.far_m);
  for (Face& face : faces) {
    face.right = face.forward ^ face.up;  // as gluLookAt: screen x = forward x up
    face.image = faces_->Render(scene, osg::Matrixd::lookAt(eye, eye + face.forward, face.up), projection,
                                clip.near_m, clip.far_m);
  }
  EyeImage out;
  out.width = width_, out.height = height_;
  out.rgb.assign(std::size_t(width_) * height_ * 3, 0);
  out.depth_m.assign(std::size_t(width_) * height_, std::numeric_limits<float>::infinity());
  out.range_m = out.depth_m;
  for (int row = 0; row < height_; ++row)
    for (int col = 0; col < width_; ++col) {
      const double uc = (col + 0.5) / width_ * camera.width_px, vc = (row + 0.5) / height_ * camera.height_px;
      const sim::Vec3d dv = sim::PixelRay(camera, uc, vc);
      const osg::Vec3d d(dv.x, dv.y, dv.z);
      const Face* best = &faces[0];
      for (const Face& face : faces)
        if (d * face.forward > d * best->forward) best = &face;
      const double along = d * best->forward;
      const double x = (d * best->right) / along, y = (d * best->up) / along;
      const int fc = std::clamp(static_cast<int>((x + 1) / 2 * size), 0, size - 1);
      const int fr = std::clamp(static_cast<int>((1 - y) / 2 * size), 0, size - 1);
      const std::size_t src = std::size_t(fr) * size + fc, dst = std::size_t(row) * width_ + col;
      std::copy_n(best->image.rgb.begin() + src * 3, 3, out.rgb.begin() + dst * 3);
      const float depth = best->image.depth_m[src];
      if (std::isfinite(depth)) {
        out.range_m[dst] = static_cast<float>(depth / along);
        out.depth_m[dst] = static_cast<float>(out.range_m[dst] * (d * f));
      }
    }
  return out;
}

EyeImage EyeRenderer::Render(osg::Node* scene, const osg::Matrixd& view, const osg::Matrixd& projection,
                             double near_m, double far_m) {
  viewer_.setSceneData(scene);
  viewer_.getCamera()->setViewMatrix(view);
  viewer_.getCamera()->setProjectionMatrix(projection);
  viewer_.frame();
  EyeImage out;
  out.width = width_, out.height = height_;
  out.rgb.resize(std::size_t(width_) * height_ * 3);
  out.depth_m.resize(std::size_t(width_) * height_);
  const bool perspective = projection(3, 3) == 0;
  for (int row = 0; row < height_; ++row) {  // GL rows start at the bottom
    const unsigned char* src = colour_->data(0, height_ - 1 - row);
    std::copy(src, src + width_ * 3, out.rgb.begin() + std::size_t(row) * width_ * 3);
    const float* d = reinterpret_cast<const float*>(depth_->data(0, height_ - 1 - row));
    for (int col = 0; col < width_; ++col) {
      const double z = d[col];
      double dist = std::numeric_limits<float>::infinity();
      if (z < 1.0) {
        const double ndc = 2 * z - 1;
        dist = perspective ? 2 * near_m * far_m / (far_m + near_m - ndc * (far_m - near_m))
                           : near_m + z * (far_m - near_m);
      }
      out.depth_m[std::size_t(row) * width_ + col] = static_cast<float>(dist);
    }
  }
  return out;
}

}  // namespace render
