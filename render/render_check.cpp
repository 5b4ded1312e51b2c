#include "render/render_check.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "render/camera_eye.h"
#include "render/city_view.h"
#include "sim/body_view.h"
#include "sim/coverage.h"

namespace render {
namespace {

// What the rendering shows at a pixel, against a body sample at `range` along the ray.
enum class Shown { occluder, body, beyond };
constexpr double kBodyDepthM = 0.35;

Shown ShownAt(const EyeImage& img, int px, int py, double range) {
  const float r = img.range_m[std::size_t(py) * img.width + px];
  return r < range - kBodyDepthM ? Shown::occluder : r <= range + kBodyDepthM ? Shown::body : Shown::beyond;
}

}  // namespace

AgentAgreement& AgentAgreement::operator+=(const AgentAgreement& o) {
  checked += o.checked, agree += o.agree, visible += o.visible, hidden += o.hidden;
  on_edges += o.on_edges, by_agents += o.by_agents, touching_city += o.touching_city, out_of_view += o.out_of_view;
  return *this;
}

AgentRenderCheck::AgentRenderCheck(const geo::CityModel& city, const sim::Scene& scene, int width, int height)
    : scene_(scene), width_(width), height_(height), renderer_(width, height), city_(BuildCityNode(city).root) {}

AgentRenderCheck::~AgentRenderCheck() = default;

AgentAgreement AgentRenderCheck::Compare(const sim::Camera& cam, std::span<const AgentShape> agents) {
  std::vector<sim::BodyPose> bodies;
  for (const AgentShape& a : agents) bodies.push_back({a.base, a.height_m});
  const sim::BodyViewOptions options;  // as people-time counts them
  std::vector<sim::BodyView> engine;
  sim::ViewBodies(scene_, std::span(&cam, 1), bodies, options, engine);

  // Each body's samples in the image and range, with their pixel (render-sized) and range.
  struct Sample {
    std::size_t body;
    int px, py;
    double range;
  };
  std::vector<Sample> samples;
  for (std::size_t b = 0; b < bodies.size(); ++b)
    for (double f : options.sample_height_fraction) {
      const sim::Vec3d p{bodies[b].base.x, bodies[b].base.y, bodies[b].base.z + f * bodies[b].height_m};
      const auto proj = sim::Project(cam, p);
      if (!proj || proj->distance_m > cam.max_range_m || proj->distance_m < cam.min_range_m) continue;
      const int px = static_cast<int>(proj->u * width_ / cam.width_px);
      const int py = static_cast<int>(proj->v * height_ / cam.height_px);
      if (px < 1 || py < 1 || px >= width_ - 1 || py >= height_ - 1) continue;
      samples.push_back({b, px, py, proj->distance_m});
    }
  AgentAgreement a;
  std::vector<char> in_view(bodies.size(), 0);
  for (const Sample& s : samples) in_view[s.body] = 1;
  a.out_of_view = std::count(in_view.begin(), in_view.end(), 0);
  if (samples.empty()) return a;  // nothing to render for

  AgentsNode shapes(false);  // bodies only
  shapes.Update(agents);
  osg::ref_ptr<osg::Group> both = new osg::Group;
  both->addChild(city_);
  both->addChild(shapes.node());
  const EyeClip clip{0.3, 1000.0};
  const EyeImage with = renderer_.RenderThroughLens(both.get(), cam, clip);
  std::optional<EyeImage> alone;  // the city without agents, rendered when an occluder needs naming

  std::vector<char> edge(bodies.size(), 0), by_agents(bodies.size(), 0), touching(bodies.size(), 0),
      seen(bodies.size(), 0);
  for (const Sample& s : samples) {
    const Shown centre = ShownAt(with, s.px, s.py, s.range);
    // An occluder's silhouette edge: the engine's one ray may fall on either side. (Body
    // against background is the body's own outline: a far body is a few pixels wide.)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        if ((ShownAt(with, s.px + dx, s.py + dy, s.range) == Shown::occluder) != (centre == Shown::occluder))
          edge[s.body] = 1;
    if (centre == Shown::beyond) continue;
    if (!alone) alone = renderer_.RenderThroughLens(city_.get(), cam, clip);
    const Shown city = ShownAt(*alone, s.px, s.py, s.range);
    if (centre == Shown::occluder && city != Shown::occluder) by_agents[s.body] = 1;
    // A city surface within the body's depth in front of the sample (a walker in a tree's
    // crown, brushing a wall): the rendering cannot tell the body from it. (The ground just
    // behind a feet sample is no such surface.)
    const float city_range = alone->range_m[std::size_t(s.py) * alone->width + s.px];
    if (centre == Shown::body && city == Shown::body && city_range < s.range - 0.02) touching[s.body] = 1;
    if (centre == Shown::body) seen[s.body] = 1;
  }
  for (std::size_t b = 0; b < bodies.size(); ++b) {
    if (!in_view[b]) continue;
    if (by_agents[b]) {
      ++a.by_agents;
      continue;
    }
    if (edge[b]) {
      ++a.on_edges;
      continue;
    }
    if (touching[b]) {
      ++a.touching_city;
      continue;
    }
    ++a.checked;
    const bool engine_seen = engine[b].seen();
    ++(engine_seen ? a.visible : a.hidden);
    a.agree += engine_seen == bool(seen[b]);
  }
  return a;
}

RenderAgreement CompareWithRender(const geo::CityModel& city, const sim::Scene& scene, const sim::Grid& grid,
                                  const sim::Camera& cam, int width, int height) {
  const sim::CameraLayer layer = sim::ComputeCameraLayer(scene, grid, cam);
  const std::set<std::uint32_t> seen(layer.cells.begin(), layer.cells.end());
  EyeRenderer renderer(width, height);
  const EyeImage img = renderer.RenderThroughLens(BuildCityNode(city).root.get(), cam, {0.5, 1000.0});
  RenderAgreement a;
  for (std::uint32_t i = 0; i < grid.size(); ++i) {
    if (!grid.IsTarget(i)) continue;
    const sim::Point3f t = grid.Target(i);
    const auto proj = sim::Project(cam, {t.x, t.y, t.z});
    if (!proj || proj->distance_m > cam.max_range_m || proj->distance_m < cam.min_range_m) continue;
    const int px = static_cast<int>(proj->u * width / cam.width_px);
    const int py = static_cast<int>(proj->v * height / cam.height_px);
    if (px < 1 || py < 1 || px >= width - 1 || py >= height - 1) continue;
    const double range = proj->distance_m;
    int behind = 0, front = 0;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        ++(img.range_m[std::size_t(py + dy) * width + px + dx] >= range - 0.05 ? behind : front);
    if (behind && front) {
      ++a.on_edges;
      continue;
    }
    ++a.checked;
    const bool engine_visible = seen.count(i) > 0;
    a.agree += engine_visible == (front == 0);
    ++(engine_visible ? a.visible : a.hidden);
  }
  return a;
}

double RenderedBoardWidthPx(const sim::Camera& cam, const sim::Vec3d& centre) {
  const double dx = centre.x - cam.position.x, dy = centre.y - cam.position.y;
  const double h = std::hypot(dx, dy);
  const double rx = dy / h, ry = -dx / h;  // horizontal, across the line of sight
  geo::CityModel board;
  auto v = [&](double s, double z) {
    board.vertices.push_back({float(centre.x + rx * s), float(centre.y + ry * s), float(centre.z + z)});
  };
  v(-0.5, -0.5), v(0.5, -0.5), v(0.5, 0.5), v(-0.5, 0.5);
  board.triangles = {{0, 1, 2}, {0, 2, 3}};
  board.triangle_feature = {0, 0};
  board.triangle_surface = {geo::Surface::wall, geo::Surface::wall};
  EyeRenderer renderer(cam.width_px, cam.height_px);
  const EyeImage img = renderer.Render(BuildCityNode(board).root.get(), cam, {1.0, 500.0});
  const auto p = sim::Project(cam, centre);
  if (!p) return 0;
  const int row = static_cast<int>(p->v);
  int count = 0;
  for (int col = 0; col < img.width; ++col) count += std::isfinite(img.depth_m[std::size_t(row) * img.width + col]);
  return count;
}

}  // namespace render
