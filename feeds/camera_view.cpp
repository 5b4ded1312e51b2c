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

bool Overlap(const Sphere& a, const Sphere& b) {
  const double dot =
      std::clamp(a.dir.x * b.dir.x + a.dir.y * b.dir.y + a.dir.z * b.dir.z, -1.0, 1.0);
  return std::acos(dot) <= a.radius_rad + b.radius_rad + 1e-3;
}

// Pixels per agent in an id image.
std::map<std::uint32_t, std::int64_t> CountIds(const render::EyeImage& img) {
  std::map<std::uint32_t, std::int64_t> count;
  for (std::size_t i = 0; i < img.rgb.size(); i += 3)
    if (const auto a = AgentFromColour(&img.rgb[i])) ++count[*a];
  return count;
}

}  // namespace

CameraView::CameraView(const sim::Camera& camera)
    : camera_(camera),
      renderer_(std::make_unique<render::EyeRenderer>(camera.width_px, camera.height_px)) {
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

render::EyeImage CameraView::Draw(osg::Node* node) {
  return renderer_->RenderThroughLens(node, camera_, render::ViewClip(camera_));
}

CameraView::Frame CameraView::Render(FeedScene& scene, bool colour) {
  Frame frame;
  if (colour) frame.colour = Draw(scene.colour());
  // No agent near the view: nothing to label, no id pass.
  if (std::none_of(scene.bodies().begin(), scene.bodies().end(),
                   [&](const auto& b) { return MaySee(b); }))
    return frame;
  const render::EyeImage ids = Draw(scene.ids());
  const int w = ids.width, h = ids.height;
  // Tight boxes of the visible pixels; the id of every pixel kept for the masks.
  constexpr std::uint32_t kNoAgent = 0xffffffffu;
  std::vector<std::uint32_t> pixel_agent(std::size_t(w) * h, kNoAgent);
  std::map<std::uint32_t, AgentLabel> labels;
  for (int row = 0; row < h; ++row)
    for (int col = 0; col < w; ++col) {
      const auto a = AgentFromColour(&ids.rgb[(std::size_t(row) * w + col) * 3]);
      if (!a) continue;
      pixel_agent[std::size_t(row) * w + col] = *a;
      auto [it, fresh] = labels.try_emplace(*a);
      AgentLabel& l = it->second;
      if (fresh) {
        l.agent = *a;
        l.left = l.width = col;  // width holds the right edge until the end
        l.top = l.height = row;
      }
      l.left = std::min(l.left, col), l.width = std::max(l.width, col);
      l.top = std::min(l.top, row), l.height = std::max(l.height, row);
      ++l.visible_px;
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
    for (const auto& [agent, px] : CountIds(Draw(alone.get())))
      if (auto it = labels.find(agent); it != labels.end()) it->second.alone_px = px;
  }
  for (const agents::AgentState& s : snap.states) {
    auto it = labels.find(s.agent);
    if (it == labels.end()) continue;
    AgentLabel& l = it->second;
    l.width = l.width - l.left + 1;
    l.height = l.height - l.top + 1;
    // Rasterisation differs by a pixel or so between the passes at the silhouette: cap at 1.
    l.visibility = l.alone_px > 0 ? std::min(1.0, double(l.visible_px) / double(l.alone_px)) : 0;
    l.x = s.x, l.y = s.y, l.z = s.z;
    l.mask_rle = MaskRle(pixel_agent, w, h, l.agent, l.left, l.top, l.width, l.height);
    frame.labels.push_back(l);
  }
  return frame;
}

}  // namespace feeds
