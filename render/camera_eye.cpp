#include "render/camera_eye.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>
#include <optional>
#include <osg/GraphicsContext>
#include <osg/Group>
#include <osg/Geode>
#include <osg/Notify>
#include <stdexcept>
#include <string>
#include <thread>

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

// OSG prints on stdout: keep stdout for data. Warnings and worse go to stderr; its notices
// ("ContextData::incrementContextIDUsageCount(2) to 5" for every shared context) say nothing
// to a user.
class StderrNotifyHandler : public osg::NotifyHandler {
 public:
  void notify(osg::NotifySeverity severity, const char* message) override {
    if (severity <= osg::WARN) std::fputs(message, stderr);
  }
};

}  // namespace

// Reads a rectangle of the colour buffer back at the end of a render: drawn last (a render bin
// of its own) while the render's framebuffer is still bound. Only these pixels leave llvmpipe's
// buffer; an image attached to the camera would read all of it after every render.
class EyeRenderer::ReadBack : public osg::Drawable {
 public:
  ReadBack() {
    setCullingActive(false);
    setUseDisplayList(false);
    setSupportsDisplayList(false);
  }
  ReadBack(const ReadBack& other, const osg::CopyOp& op) : osg::Drawable(other, op) {}
  META_Object(render, ReadBack)
  std::array<int, 4> rect{};  // x0, y0, x1, y1: GL window coordinates, x1 and y1 exclusive
  osg::ref_ptr<osg::Image> into;  // BGRA, the size of the render
  void drawImplementation(osg::RenderInfo&) const override {
    const auto [x0, y0, x1, y1] = rect;
    if (x1 <= x0 || y1 <= y0) return;
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glPixelStorei(GL_PACK_ROW_LENGTH, into->s());
    glReadPixels(x0, y0, x1 - x0, y1 - y0, GL_BGRA, GL_UNSIGNED_BYTE, into->data(x0, y0));
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
  }
};

EyeRenderer::EyeRenderer(int width, int height, EyeReadback readback)
    : EyeRenderer(width, height, readback, nullptr) {}

EyeRenderer::EyeRenderer(int width, int height, EyeReadback readback, osg::GraphicsContext* share)
    : width_(width), height_(height), view_width_(width), view_height_(height), readback_(readback) {
  static std::once_flag notify_once;
  std::call_once(notify_once, [] { osg::setNotifyHandler(new StderrNotifyHandler); });
  osg::ref_ptr<osg::GraphicsContext::Traits> traits = new osg::GraphicsContext::Traits;
  traits->readDISPLAY();
  traits->setUndefinedScreenDetailsToDefaultScreen();
  traits->x = 0, traits->y = 0, traits->width = width, traits->height = height;
  traits->pbuffer = true;
  traits->doubleBuffer = false;
  traits->sharedContext = share;
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
  if (readback != EyeReadback::depth) {
    colour_ = new osg::Image;
    // Read back as BGRA, llvmpipe's own layout: a copy, where RGB goes through a per-pixel
    // format conversion in Mesa.
    colour_->allocateImage(width, height, 1, GL_BGRA, GL_UNSIGNED_BYTE);
    colour_->setInternalTextureFormat(GL_RGBA8);
    if (readback == EyeReadback::colour) {
      // Colours alone: the render reads back only what it drew (ReadBack), from a colour
      // buffer of the same format an attached image would get.
      cam->attach(osg::Camera::COLOR_BUFFER, GL_RGBA8);
      read_back_ = new ReadBack;
      read_back_->into = colour_;
      osg::ref_ptr<osg::Geode> geode = new osg::Geode;
      geode->addDrawable(read_back_.get());
      geode->setCullingActive(false);
      geode->getOrCreateStateSet()->setRenderBinDetails(1 << 20, "RenderBin");
      frame_ = new osg::Group;
      frame_->addChild(new osg::Group);  // the scene of each render goes here
      frame_->addChild(geode);
    } else {
      cam->attach(osg::Camera::COLOR_BUFFER, colour_.get());
    }
  }
  if (readback != EyeReadback::colour) {
    depth_ = new osg::Image;
    depth_->allocateImage(width, height, 1, GL_DEPTH_COMPONENT, GL_FLOAT);
    cam->attach(osg::Camera::DEPTH_BUFFER, depth_.get());
  }  // else the FBO gets an implicit depth buffer that is never read back
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
  EyeImage img;
  RenderInto(scene, EyeViewMatrix(camera), EyeProjection(camera, clip), clip.near_m, clip.far_m,
             img);
  if (readback_ == EyeReadback::colour) return img;
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
  EyeImage out;
  RenderThroughLens(scene, camera, clip, out);
  return out;
}

namespace {

// The six 90-degree views along a camera's own axes: together they see every direction.
struct CubeFace {
  osg::Vec3d forward, up, right;
};
std::array<CubeFace, 6> CubeFaces(const sim::Camera& camera) {
  const sim::CameraAxes a = sim::Axes(camera);
  const osg::Vec3d f(a.forward.x, a.forward.y, a.forward.z), u(a.up.x, a.up.y, a.up.z),
      r(a.right.x, a.right.y, a.right.z);
  std::array<CubeFace, 6> faces = {
      {{f, u, {}}, {-f, u, {}}, {r, u, {}}, {-r, u, {}}, {u, -f, {}}, {-u, f, {}}}};
  for (CubeFace& face : faces)
    face.right = face.forward ^ face.up;  // as gluLookAt: x = forward x up
  return faces;
}

constexpr std::uint8_t kNoFace = 255;

struct TexelRect {  // texels of a cube face, rows from the top
  int col = 0, row = 0, width = 0, height = 0;
};

// Whether a sphere (centre relative to the eye, radius) reaches into a face's 90-degree view:
// in front of it and inside its four side planes, each grown by the radius.
bool FaceMaySee(const CubeFace& f, const osg::Vec3d& c, double r) {
  if (c * f.forward < -r) return false;
  for (const osg::Vec3d& side : {f.right, -f.right, f.up, -f.up})
    if (c * (f.forward - side) / std::sqrt(2.0) < -r) return false;  // inward normal of a side
  return true;
}

// The window of the image plane a render covers: the image itself when none is given.
ImageWindow WindowOrImage(const sim::Camera& c, const ImageWindow& w) {
  return w.empty() ? ImageWindow{0, 0, double(c.width_px), double(c.height_px)} : w;
}

}  // namespace

struct EyeRenderer::LensLookup {
  sim::Camera camera;
  ImageWindow window;
  int face_size = 0;
  std::array<CubeFace, 6> faces;
  std::array<bool, 6> used{};                           // faces some pixel looks into
  std::array<TexelRect, 6> crops;                       // per face: the texels looked into
  std::vector<std::uint8_t> face;                       // per output pixel: its face or kNoFace
  std::vector<std::uint32_t> texel;                     // per output pixel: its texel there
  std::vector<float> range_per_depth, depth_per_range;  // per output pixel (depth readback)
  std::array<EyeImage, 6> images;                       // the faces' renders, buffers reused
  std::array<std::array<int, 4>, 6> drawn_rects{};      // the pixels each face's render drew
  // Per face, (texel, output pixel) of the pixels looking into it, by texel: the pixels of a
  // band of the face's rows are one run (content renders draw only a rectangle of a face).
  // Whole images only: windows (small, a new lookup each) go through every pixel.
  std::array<std::vector<std::pair<std::uint32_t, std::uint32_t>>, 6> by_texel;
};

void EyeRenderer::RenderThroughLens(osg::Node* scene, const sim::Camera& camera,
                                    const EyeClip& clip, EyeImage& out,
                                    const ImageWindow& window_or_empty,
                                    std::span<const osg::BoundingSphere> content) {
  const ImageWindow window = WindowOrImage(camera, window_or_empty);
  const bool depth = readback_ == EyeReadback::colour_and_depth;
  if (camera.lens == sim::LensModel::rectilinear && camera.distortion.none()) {
    // A pinhole: the image is EyeProjection's frustum, a window an off-axis part of the plane.
    double x0, x1, y0, y1;  // the window on the plane at unit depth
    osg::Matrixd projection;
    const double n = clip.near_m;
    if (window_or_empty.empty()) {
      x1 = std::tan(EyeHfovDeg(camera) * kDeg / 2), y1 = x1 * camera.height_px / camera.width_px;
      x0 = -x1, y0 = -y1;
      projection = EyeProjection(camera, clip);
    } else {
      const double f = sim::FocalPx(camera);
      x0 = (window.u0 - camera.width_px / 2.0) / f, x1 = (window.u1 - camera.width_px / 2.0) / f;
      y0 = (camera.height_px / 2.0 - window.v1) / f, y1 = (camera.height_px / 2.0 - window.v0) / f;
      projection = osg::Matrixd::frustum(x0 * n, x1 * n, y0 * n, y1 * n, n, clip.far_m);
    }
    RenderInto(scene, EyeViewMatrix(camera), projection, clip.near_m, clip.far_m, out, content);
    if (!depth) return;
    // Range along each pixel's ray: depth times the ray's length per unit of depth.
    out.range_m.resize(out.depth_m.size());
    for (int row = 0; row < height_; ++row)
      for (int col = 0; col < width_; ++col) {
        const double x = x0 + (col + 0.5) / width_ * (x1 - x0),
                     y = y1 - (row + 0.5) / height_ * (y1 - y0);
        const std::size_t i = std::size_t(row) * width_ + col;
        out.range_m[i] = static_cast<float>(out.depth_m[i] * std::sqrt(1 + x * x + y * y));
      }
    return;
  }
  // Each pixel's ray looked up in the six cube views. The lookup depends only on the camera,
  // the size and the window: worked out once, kept for the frames that follow.
  if (!lookup_ || !(lookup_->camera == camera) || !(lookup_->window == window)) {
    auto l = std::make_unique<LensLookup>();
    l->camera = camera;
    l->window = window;
    l->faces = CubeFaces(camera);
    // Faces as fine as the lens on its axis (a fisheye's wide field needs fewer texels than
    // pixels), never finer than this renderer's larger side. Windows keep that side: one
    // face renderer for windows of any size.
    l->face_size = std::max(width_, height_);
    if (window_or_empty.empty())
      l->face_size = std::clamp(
          static_cast<int>(std::ceil(2 * sim::FocalPx(camera) * width_ / camera.width_px)), 16,
          l->face_size);
    const int size = l->face_size;
    const std::size_t n = std::size_t(width_) * height_;
    l->face.assign(n, kNoFace);
    l->texel.assign(n, 0);
    if (depth) l->range_per_depth.assign(n, 0), l->depth_per_range.assign(n, 0);
    const osg::Vec3d f = l->faces[0].forward;
    const double reach = camera.lens == sim::LensModel::fisheye_equidistant
                             ? 3.14159265358979323846 * sim::FocalPx(camera)  // the full circle
                             : std::numeric_limits<double>::infinity();
    for (int row = 0; row < height_; ++row)
      for (int col = 0; col < width_; ++col) {
        const double uc = window.u0 + (col + 0.5) / width_ * (window.u1 - window.u0),
                     vc = window.v0 + (row + 0.5) / height_ * (window.v1 - window.v0);
        if (std::hypot(uc - camera.width_px / 2.0, vc - camera.height_px / 2.0) > reach) continue;
        const sim::Vec3d dv = sim::PixelRay(camera, uc, vc);
        const osg::Vec3d d(dv.x, dv.y, dv.z);
        if (!std::isfinite(d.x()) || !std::isfinite(d.y()) || !std::isfinite(d.z())) continue;
        int best = 0;
        for (int k = 1; k < 6; ++k)
          if (d * l->faces[k].forward > d * l->faces[best].forward) best = k;
        const CubeFace& face = l->faces[best];
        const double along = d * face.forward;
        const double x = (d * face.right) / along, y = (d * face.up) / along;
        const int fc = std::clamp(static_cast<int>((x + 1) / 2 * size), 0, size - 1);
        const int fr = std::clamp(static_cast<int>((1 - y) / 2 * size), 0, size - 1);
        const std::size_t i = std::size_t(row) * width_ + col;
        l->face[i] = static_cast<std::uint8_t>(best);
        l->texel[i] = static_cast<std::uint32_t>(std::size_t(fr) * size + fc);
        TexelRect& c = l->crops[best];  // grown to hold the texel (width, height: the far corner)
        if (!l->used[best]) c = {fc, fr, fc, fr};
        c.col = std::min(c.col, fc), c.row = std::min(c.row, fr);
        c.width = std::max(c.width, fc), c.height = std::max(c.height, fr);
        l->used[best] = true;
        if (depth)
          l->range_per_depth[i] = static_cast<float>(1 / along),
          l->depth_per_range[i] = static_cast<float>(d * f);
      }
    // Each face is drawn only over the texels it is asked for: the texels renumbered in there.
    for (TexelRect& c : l->crops) c.width = c.width - c.col + 1, c.height = c.height - c.row + 1;
    // Windows change from call to call: their faces stay whole, so their renderers stay.
    if (!window_or_empty.empty()) l->crops.fill({0, 0, size, size});
    for (std::size_t i = 0; i < n; ++i) {
      if (l->face[i] == kNoFace) continue;
      const TexelRect& c = l->crops[l->face[i]];
      const int fr = static_cast<int>(l->texel[i] / size),
                fc = static_cast<int>(l->texel[i] % size);
      l->texel[i] = static_cast<std::uint32_t>(std::size_t(fr - c.row) * c.width + (fc - c.col));
      if (window_or_empty.empty())
        l->by_texel[l->face[i]].emplace_back(l->texel[i], static_cast<std::uint32_t>(i));
    }
    for (auto& pixels : l->by_texel) std::sort(pixels.begin(), pixels.end());
    lookup_ = std::move(l);
  }
  LensLookup& l = *lookup_;
  const int size = l.face_size;
  const osg::Vec3d eye(camera.position.x, camera.position.y, camera.position.z);
  std::array<bool, 6> drawn{};
  std::pair<int, int> max_crop{1, 1};
  for (int k = 0; k < 6; ++k)
    if (l.used[k])
      max_crop = {std::max(max_crop.first, l.crops[k].width),
                  std::max(max_crop.second, l.crops[k].height)};
  for (int k = 0; k < 6; ++k) {
    drawn[k] = l.used[k] &&
               (content.empty() || std::any_of(content.begin(), content.end(), [&](const auto& s) {
                  return FaceMaySee(l.faces[k], s.center() - eye, s.radius());
                }));
    if (!drawn[k]) continue;
    // The face's frustum (90 degrees, texels of 2 / size at unit depth) cut to its crop.
    const TexelRect& c = l.crops[k];
    const double n = clip.near_m, texel = 2.0 / size;
    const osg::Matrixd projection = osg::Matrixd::frustum(
        (-1 + texel * c.col) * n, (-1 + texel * (c.col + c.width)) * n,
        (1 - texel * (c.row + c.height)) * n, (1 - texel * c.row) * n, n, clip.far_m);
    // One renderer for all faces, as large as the largest crop, each face drawn in its corner
    // (a GL context is costly to make: a pbuffer, an X connection and the driver's set-up).
    if (!faces_ || faces_->width_ < max_crop.first || faces_->height_ < max_crop.second)
      faces_.reset(new EyeRenderer(max_crop.first, max_crop.second, readback_,
                                   viewer_.getCamera()->getGraphicsContext()));
    faces_->SetView(c.width, c.height);
    faces_->RenderInto(scene, osg::Matrixd::lookAt(eye, eye + l.faces[k].forward, l.faces[k].up),
                       projection, clip.near_m, clip.far_m, l.images[k], content);
    l.drawn_rects[k] = faces_->last_rect_;
  }
  const std::size_t n = std::size_t(width_) * height_;
  out.width = width_, out.height = height_;
  out.rgb.resize(n * 3);
  if (!content.empty() && !depth && window_or_empty.empty()) {
    // A content render: black but for the rectangles the faces drew (the same pixels as the
    // loop below, which visits every pixel).
    std::fill(out.rgb.begin(), out.rgb.end(), 0);
    out.depth_m.clear(), out.range_m.clear();
    for (int k = 0; k < 6; ++k) {
      if (!drawn[k]) continue;
      const auto [x0, y0, x1, y1] = l.drawn_rects[k];  // GL rows start at the bottom
      const std::uint32_t fw = static_cast<std::uint32_t>(l.images[k].width);
      const std::uint32_t fh = static_cast<std::uint32_t>(l.images[k].height);
      const auto& pixels = l.by_texel[k];
      const auto from = std::lower_bound(pixels.begin(), pixels.end(),
                                         std::pair{fw * (fh - std::uint32_t(y1)), 0u});
      const auto to = std::lower_bound(from, pixels.end(),
                                       std::pair{fw * (fh - std::uint32_t(y0)), 0u});
      const std::uint8_t* rgb = l.images[k].rgb.data();
      for (auto it = from; it != to; ++it) {
        const std::uint32_t col = it->first % fw;
        if (col < std::uint32_t(x0) || col >= std::uint32_t(x1)) continue;
        const std::uint8_t* c = rgb + std::size_t(it->first) * 3;
        std::uint8_t* px = &out.rgb[std::size_t(it->second) * 3];
        px[0] = c[0], px[1] = c[1], px[2] = c[2];
      }
    }
    return;
  }
  constexpr float kInf = std::numeric_limits<float>::infinity();
  if (depth)
    out.depth_m.resize(n), out.range_m.resize(n);
  else
    out.depth_m.clear(), out.range_m.clear();
  for (std::size_t i = 0; i < n; ++i) {
    std::uint8_t* to = &out.rgb[i * 3];
    if (l.face[i] == kNoFace || !drawn[l.face[i]]) {
      to[0] = to[1] = to[2] = 0;
      if (depth) out.depth_m[i] = out.range_m[i] = kInf;
      continue;
    }
    const EyeImage& from = l.images[l.face[i]];
    const std::uint8_t* c = &from.rgb[std::size_t(l.texel[i]) * 3];
    to[0] = c[0], to[1] = c[1], to[2] = c[2];
    if (!depth) continue;
    const float d = from.depth_m[l.texel[i]];
    out.range_m[i] = std::isfinite(d) ? d * l.range_per_depth[i] : kInf;
    out.depth_m[i] = std::isfinite(d) ? out.range_m[i] * l.depth_per_range[i] : kInf;
  }
}

EyeImage EyeRenderer::Render(osg::Node* scene, const osg::Matrixd& view, const osg::Matrixd& projection,
                             double near_m, double far_m) {
  EyeImage out;
  RenderInto(scene, view, projection, near_m, far_m, out);
  return out;
}

void EyeRenderer::Render(osg::Node* scene, const osg::Matrixd& view,
                         const osg::Matrixd& projection, double near_m, double far_m,
                         EyeImage& out) {
  RenderInto(scene, view, projection, near_m, far_m, out);
}

namespace {

// The pixels (x0, y0, x1, y1: GL window coordinates, x1 and y1 exclusive) that the spheres may
// cover in a perspective view of width x height; nullopt when one reaches the near plane
// (or behind the eye), where its projection is unbounded.
std::optional<std::array<int, 4>> ScreenRect(std::span<const osg::BoundingSphere> spheres,
                                             const osg::Matrixd& view,
                                             const osg::Matrixd& projection, double near_m,
                                             int width, int height) {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (const osg::BoundingSphere& s : spheres) {
    const osg::Vec3d c = s.center() * view;  // eye space, looking down -z
    const double r = s.radius();
    if (c.z() + r > -near_m) return std::nullopt;
    // The cube around the sphere, all of it in front of the near plane: its corners'
    // projections hold the sphere's (a perspective keeps convex hulls).
    for (int k = 0; k < 8; ++k) {
      const osg::Vec3d p(c.x() + (k & 1 ? r : -r), c.y() + (k & 2 ? r : -r),
                         c.z() + (k & 4 ? r : -r));
      const osg::Vec3d ndc = p * projection;  // osg divides by w
      x0 = std::min(x0, ndc.x()), x1 = std::max(x1, ndc.x());
      y0 = std::min(y0, ndc.y()), y1 = std::max(y1, ndc.y());
    }
  }
  // To pixels, a pixel more on every side (rounding of the rasteriser's fixed point).
  const auto px = [](double ndc, int size) { return (ndc + 1) / 2 * size; };
  std::array<int, 4> r{static_cast<int>(std::floor(px(std::max(x0, -2.0), width))) - 1,
                       static_cast<int>(std::floor(px(std::max(y0, -2.0), height))) - 1,
                       static_cast<int>(std::ceil(px(std::min(x1, 2.0), width))) + 1,
                       static_cast<int>(std::ceil(px(std::min(y1, 2.0), height))) + 1};
  r[0] = std::clamp(r[0], 0, width), r[2] = std::clamp(r[2], r[0], width);
  r[1] = std::clamp(r[1], 0, height), r[3] = std::clamp(r[3], r[1], height);
  return r;
}

}  // namespace

void EyeRenderer::SetView(int width, int height) {
  if (width == view_width_ && height == view_height_) return;
  // The framebuffer is made at the first render, the viewport's size: make it whole first.
  if (!rendered_) {
    viewer_.setSceneData(new osg::Group);
    viewer_.frame();
    rendered_ = true;
  }
  view_width_ = std::min(width, width_), view_height_ = std::min(height, height_);
  viewer_.getCamera()->setViewport(0, 0, view_width_, view_height_);
}

void EyeRenderer::RenderInto(osg::Node* scene, const osg::Matrixd& view,
                             const osg::Matrixd& projection, double near_m, double far_m,
                             EyeImage& out, std::span<const osg::BoundingSphere> content) {
  // A scene black but for the content (id passes): drawn only where the content may be. The
  // scene's clear (its ClearNode sets the whole image's) is not cut; the pixels drawn are the
  // same as without the scissor, its test being per fragment.
  const std::optional<std::array<int, 4>> rect =
      content.empty() || projection(3, 3) != 0
          ? std::nullopt
          : ScreenRect(content, view, projection, near_m, view_width_, view_height_);
  if (rect) {
    if (!scissored_) {
      scissored_ = new osg::Group;
      scissor_ = new osg::Scissor;
      scissored_->getOrCreateStateSet()->setAttributeAndModes(scissor_.get(),
                                                               osg::StateAttribute::ON);
    }
    const auto [x0, y0, x1, y1] = *rect;
    scissor_->setScissor(x0, y0, x1 - x0, y1 - y0);
    scissored_->removeChildren(0, scissored_->getNumChildren());
    scissored_->addChild(scene);
    scene = scissored_.get();
  }
  const int w = view_width_, h = view_height_;
  // The pixels read back: the content's rectangle (black elsewhere), or the whole image.
  const auto [x0, y0, x1, y1] = rect.value_or(std::array<int, 4>{0, 0, w, h});
  last_rect_ = {x0, y0, x1, y1};
  if (frame_) {
    read_back_->rect = last_rect_;
    frame_->setChild(0, scene);
    scene = frame_.get();
  }
  viewer_.setSceneData(scene);
  viewer_.getCamera()->setViewMatrix(view);
  viewer_.getCamera()->setProjectionMatrix(projection);
  viewer_.frame();
  rendered_ = true;
  out.width = w, out.height = h;
  if (colour_) {
    out.rgb.resize(std::size_t(w) * h * 3);
    // Outside a content render's rectangle the image is black (the contract of `content`):
    // only the rectangle is converted.
    if (rect) std::fill(out.rgb.begin(), out.rgb.end(), 0);
    for (int row = h - y1; row < h - y0; ++row) {  // GL rows start at the bottom
      const unsigned char* src = colour_->data(x0, h - 1 - row);
      unsigned char* to = &out.rgb[(std::size_t(row) * w + x0) * 3];
      for (int col = x0; col < x1; ++col, src += 4, to += 3)
        to[0] = src[2], to[1] = src[1], to[2] = src[0];
    }
  } else {
    out.rgb.clear();
  }
  out.range_m.clear();
  if (readback_ == EyeReadback::colour) {
    out.depth_m.clear();
    return;
  }
  out.depth_m.resize(std::size_t(w) * h);
  const bool perspective = projection(3, 3) == 0;
  for (int row = 0; row < h; ++row) {
    const float* d = reinterpret_cast<const float*>(depth_->data(0, h - 1 - row));
    for (int col = 0; col < w; ++col) {
      const double z = d[col];
      double dist = std::numeric_limits<float>::infinity();
      if (z < 1.0) {
        const double ndc = 2 * z - 1;
        dist = perspective ? 2 * near_m * far_m / (far_m + near_m - ndc * (far_m - near_m))
                           : near_m + z * (far_m - near_m);
      }
      out.depth_m[std::size_t(row) * w + col] = static_cast<float>(dist);
    }
  }
}

}  // namespace render
