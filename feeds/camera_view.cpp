#include "feeds/camera_view.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace feeds {
namespace {

struct Sphere {
  sim::Vec3d dir;     // unit, from the camera to the centre
  double radius_rad;  // half the angle the agent's bounding sphere fills
};

Sphere Bound(const sim::Camera& camera, const std::vector<BodyBox>& body) {
  sim::Vec3d lo{1e300, 1e300, 1e300}, hi{-1e300, -1e300, -1e300};
  for (const BodyBox& b : body)
    for (const sim::Vec3d& p : b.corners) {
      lo = {std::min(lo.x, p.x), std::min(lo.y, p.y), std::min(lo.z, p.z)};
      hi = {std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z)};
    }
  const sim::Vec3d c{(lo.x + hi.x) / 2 - camera.position.x, (lo.y + hi.y) / 2 - camera.position.y,
                     (lo.z + hi.z) / 2 - camera.position.z};
  const double r = std::hypot(hi.x - lo.x, hi.y - lo.y, hi.z - lo.z) / 2,
               d = std::hypot(c.x, c.y, c.z);
  if (d <= r) return {{0, 0, 1}, M_PI};  // around the camera: overlaps everything
  return {{c.x / d, c.y / d, c.z / d}, std::asin(r / d)};
}

// The bounding sphere of an agent's body in the frame: id passes show nothing outside them.
osg::BoundingSphere WorldSphere(const std::vector<BodyBox>& body) {
  osg::BoundingSphere s;
  for (const BodyBox& b : body)
    for (const sim::Vec3d& p : b.corners) s.expandBy(osg::Vec3d(p.x, p.y, p.z));
  return s;
}

bool Overlap(const Sphere& a, const Sphere& b) {
  const double dot =
      std::clamp(a.dir.x * b.dir.x + a.dir.y * b.dir.y + a.dir.z * b.dir.z, -1.0, 1.0);
  return std::acos(dot) <= a.radius_rad + b.radius_rad + 1e-3;
}

// An agent's pixels in an id image: how many, their span, and whether one is on the border.
struct Pixels {
  std::int64_t count = 0;
  CameraView::Span span{1 << 30, 1 << 30, -1, -1};
  bool on_border = false;
};
std::map<std::uint32_t, Pixels> CountIds(const render::EyeImage& img) {
  std::map<std::uint32_t, Pixels> out;
  std::uint32_t last = 0xffffffffu;
  Pixels* p = nullptr;
  for (int row = 0; row < img.height; ++row) {
    if (AllZero(&img.rgb[std::size_t(row) * img.width * 3], std::size_t(img.width) * 3)) continue;
    for (int col = 0; col < img.width; ++col) {
      const auto a = AgentFromColour(&img.rgb[(std::size_t(row) * img.width + col) * 3]);
      if (!a) continue;
      if (*a != last) p = &out[*a], last = *a;
      ++p->count;
      CameraView::Span& s = p->span;
      s.left = std::min(s.left, col), s.right = std::max(s.right, col);
      s.top = std::min(s.top, row), s.bottom = std::max(s.bottom, row);
      p->on_border |= row == 0 || col == 0 || row == img.height - 1 || col == img.width - 1;
    }
  }
  return out;
}

// Side of the square renders that measure truncation (a fraction, not a box: coarse will do).
constexpr int kWindowPx = 128;

}  // namespace

SharedRenderers::SharedRenderers() = default;
SharedRenderers::~SharedRenderers() = default;

render::EyeRenderer& SharedRenderers::Get(int width, int height) {
  std::unique_ptr<render::EyeRenderer>& r = renderers_[{width, height}];
  if (!r) r = std::make_unique<render::EyeRenderer>(width, height, render::EyeReadback::colour);
  return *r;
}

CameraView::CameraView(const sim::Camera& camera, double shutter, SharedRenderers* shared)
    : camera_(camera), shutter_(shutter), shared_(shared) {
  if (shared && camera.lens == sim::LensModel::rectilinear && camera.distortion.none()) {
    renderer_ = &shared->Get(camera.width_px, camera.height_px);
  } else {
    own_renderer_ = std::make_unique<render::EyeRenderer>(camera.width_px, camera.height_px,
                                                          render::EyeReadback::colour);
    renderer_ = own_renderer_.get();
  }
  // The widest angle off the optical axis the image shows: at a corner (radial lens models).
  const sim::Vec3d f = sim::Axes(camera).forward;
  for (const auto& [u, v] : {std::pair{0.0, 0.0},
                             {double(camera.width_px), 0.0},
                             {0.0, double(camera.height_px)},
                             {double(camera.width_px), double(camera.height_px)}}) {
    const sim::Vec3d d = sim::PixelRay(camera, u, v);
    half_angle_rad_ = std::max(half_angle_rad_,
                               std::acos(std::clamp(d.x * f.x + d.y * f.y + d.z * f.z, -1.0, 1.0)));
  }
}

bool CameraView::MaySee(const std::vector<BodyBox>& body) const {
  const Sphere s = Bound(camera_, body);
  const sim::Vec3d f = sim::Axes(camera_).forward;
  const double off =
      std::acos(std::clamp(s.dir.x * f.x + s.dir.y * f.y + s.dir.z * f.z, -1.0, 1.0));
  return off <= half_angle_rad_ + s.radius_rad + 0.01;
}

CameraView::~CameraView() = default;

std::vector<std::uint32_t> MaskRle(const std::vector<std::uint32_t>& ids, int image_width, int image_height,
                                   std::uint32_t id, int left, int top, int width, int height) {
  // Column-major over the whole image, visiting only the box: indices rise monotonically.
  std::vector<std::uint32_t> counts;
  std::uint64_t run_start = 0, run_end = 0;  // the current run of the agent's pixels
  bool in_run = false;
  std::uint64_t background_from = 0;  // first index after the last closed run
  const auto close = [&] {
    counts.push_back(static_cast<std::uint32_t>(run_start - background_from));
    counts.push_back(static_cast<std::uint32_t>(run_end - run_start));
    background_from = run_end;
    in_run = false;
  };
  for (int col = std::max(0, left); col < std::min(image_width, left + width); ++col)
    for (int row = std::max(0, top); row < std::min(image_height, top + height); ++row) {
      if (ids[std::size_t(row) * image_width + col] != id) continue;
      const std::uint64_t p = std::uint64_t(col) * image_height + row;
      if (in_run && p == run_end) {
        ++run_end;
        continue;
      }
      if (in_run) close();
      run_start = p, run_end = p + 1, in_run = true;
    }
  if (in_run) close();
  counts.push_back(static_cast<std::uint32_t>(std::uint64_t(image_width) * image_height - background_from));
  return counts;
}

void CameraView::Draw(osg::Node* node, render::EyeImage& into,
                      std::span<const osg::BoundingSphere> content) {
  renderer_->RenderThroughLens(node, camera_, render::ViewClip(camera_), into, {}, content);
}

double CameraView::InsideFraction(osg::Node* alone, std::uint32_t agent, const Span& box,
                                  const osg::BoundingSphere& body) {
  if (!window_renderer_ && shared_) window_renderer_ = &shared_->Get(kWindowPx, kWindowPx);
  if (!window_renderer_) {
    own_window_renderer_ =
        std::make_unique<render::EyeRenderer>(kWindowPx, kWindowPx, render::EyeReadback::colour);
    window_renderer_ = own_window_renderer_.get();
  }
  const double w = camera_.width_px, h = camera_.height_px;
  const double size = std::max(box.right - box.left + 1, box.bottom - box.top + 1);
  double inside = 1;
  // Grow the window around the part in the image until the whole agent fits inside it.
  for (double margin = size; margin < 64 * (w + h); margin *= 2) {
    const render::ImageWindow win{box.left - margin, box.top - margin, box.right + 1 + margin,
                                  box.bottom + 1 + margin};
    window_renderer_->RenderThroughLens(alone, camera_, render::ViewClip(camera_), window_, win,
                                        {&body, 1});
    std::int64_t all = 0, in = 0;
    bool at_edge = false;
    for (int row = 0; row < kWindowPx; ++row)
      for (int col = 0; col < kWindowPx; ++col) {
        const auto a = AgentFromColour(&window_.rgb[(std::size_t(row) * kWindowPx + col) * 3]);
        if (!a || *a != agent) continue;
        ++all;
        const double u = win.u0 + (col + 0.5) / kWindowPx * (win.u1 - win.u0),
                     v = win.v0 + (row + 0.5) / kWindowPx * (win.v1 - win.v0);
        in += u >= 0 && u < w && v >= 0 && v < h;
        at_edge |= row == 0 || col == 0 || row == kWindowPx - 1 || col == kWindowPx - 1;
      }
    if (all > 0) inside = double(in) / double(all);
    if (!at_edge) break;
  }
  return std::clamp(inside, 0.0, 1.0);
}

CameraView::Frame CameraView::Render(FeedScene& scene, bool colour) {
  Frame frame;
  Render(scene, frame, colour);
  return frame;
}

void CameraView::Render(FeedScene& scene, Frame& frame, bool colour) {
  frame.labels.clear();
  if (!colour) frame.colour = {};
  if (colour) scene.LightFor(camera_);  // shadows and lamps for this camera (colour only)
    if (colour) Draw(scene.colour(), frame.colour);
  if (colour && shutter_ > 0) {  // motion blur: the mean of sub-frames over the open shutter
    exposure_.assign(frame.colour.rgb.begin(), frame.colour.rgb.end());
    for (int k = 1; k < kBlurSamples; ++k) {
      scene.ShowAgentsBefore(shutter_ * k / kBlurSamples);
      Draw(scene.colour(), sub_frame_);
      for (std::size_t i = 0; i < exposure_.size(); ++i) exposure_[i] += sub_frame_.rgb[i];
    }
    scene.ShowAgentsBefore(0);
    for (std::size_t i = 0; i < exposure_.size(); ++i)
      frame.colour.rgb[i] =
          static_cast<std::uint8_t>((exposure_[i] + kBlurSamples / 2) / kBlurSamples);
  }
  // No agent near the view: nothing to label, no id pass.
  std::vector<osg::BoundingSphere> spheres, in_view;  // per body; those that may be seen
  for (const auto& body : scene.bodies()) {
    spheres.push_back(WorldSphere(body));
    if (MaySee(body)) in_view.push_back(spheres.back());
  }
  if (in_view.empty()) return;
  const osg::Vec3d eye(camera_.position.x, camera_.position.y, camera_.position.z);
  Draw(scene.IdsFor(eye, in_view), ids_, in_view);
  const int w = ids_.width, h = ids_.height;
  // Tight boxes of the visible pixels; the id of every pixel kept for the masks.
  constexpr std::uint32_t kNoAgent = 0xffffffffu;
  pixel_agent_.assign(std::size_t(w) * h, kNoAgent);
  std::map<std::uint32_t, AgentLabel> labels;
  AgentLabel* last = nullptr;
  for (int row = 0; row < h; ++row) {
    if (AllZero(&ids_.rgb[std::size_t(row) * w * 3], std::size_t(w) * 3)) continue;
    for (int col = 0; col < w; ++col) {
      const auto a = AgentFromColour(&ids_.rgb[(std::size_t(row) * w + col) * 3]);
      if (!a) continue;
      pixel_agent_[std::size_t(row) * w + col] = *a;
      if (!last || last->agent != *a) {
        auto [it, fresh] = labels.try_emplace(*a);
        last = &it->second;
        if (fresh) {
          last->agent = *a;
          last->left = last->width = col;  // width holds the right edge until the end
          last->top = last->height = row;
        }
      }
      AgentLabel& l = *last;
      l.left = std::min(l.left, col), l.width = std::max(l.width, col);
      l.top = std::min(l.top, row), l.height = std::max(l.height, row);
      ++l.visible_px;
    }
  }
  // The agents seen, rendered alone: those whose view cones do not overlap share a pass.
  const agents::Snapshot& snap = scene.snapshot();
  std::vector<std::vector<std::uint32_t>> passes;  // indices into the snapshot
  std::vector<std::vector<Sphere>> pass_bounds;
  for (std::uint32_t i = 0; i < snap.states.size(); ++i) {
    if (!labels.count(snap.states[i].agent)) continue;
    const Sphere s = Bound(camera_, scene.bodies()[i]);
    std::size_t p = 0;
    while (p < passes.size() && std::any_of(pass_bounds[p].begin(), pass_bounds[p].end(),
                                            [&](const Sphere& o) { return Overlap(s, o); }))
      ++p;
    if (p == passes.size()) passes.emplace_back(), pass_bounds.emplace_back();
    passes[p].push_back(i);
    pass_bounds[p].push_back(s);
  }
  for (const auto& pass : passes) {
    const osg::ref_ptr<osg::Node> alone = scene.Alone(pass);
    std::vector<osg::BoundingSphere> content;
    for (std::uint32_t i : pass) content.push_back(spheres[i]);
    Draw(alone.get(), alone_, content);
    for (const auto& [agent, px] : CountIds(alone_)) {
      auto it = labels.find(agent);
      if (it == labels.end()) continue;
      it->second.alone_px = px.count;
      // Cut by the image border: how much of it lies beyond (MOTChallenge's truncation).
      if (!px.on_border) continue;
      for (std::uint32_t i : pass)
        if (snap.states[i].agent == agent)
          it->second.inside = InsideFraction(alone.get(), agent, px.span, spheres[i]);
    }
  }
  for (const agents::AgentState& s : snap.states) {
    auto it = labels.find(s.agent);
    if (it == labels.end()) continue;
    AgentLabel& l = it->second;
    l.width = l.width - l.left + 1;
    l.height = l.height - l.top + 1;
    // Rasterisation differs by a pixel or so between the passes at the silhouette: cap at 1.
    l.visibility =
        l.alone_px > 0 ? std::min(1.0, double(l.visible_px) / double(l.alone_px)) * l.inside : 0;
    l.x = s.x, l.y = s.y, l.z = s.z;
    l.mask_rle = MaskRle(pixel_agent_, w, h, l.agent, l.left, l.top, l.width, l.height);
    frame.labels.push_back(l);
  }
}

}  // namespace feeds
