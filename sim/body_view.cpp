#include "sim/body_view.h"

#include <tbb/parallel_for.h>

namespace sim {
namespace {

// One camera against every body: range and image tests first, then the occlusion rays of the
// remaining samples traced together.
void ViewFromCamera(const Scene& scene, const Camera& camera, std::span<const BodyPose> bodies,
                    const BodyViewOptions& options, std::span<BodyView> row) {
  const Projector project(camera);
  const Point3f eye{static_cast<float>(camera.position.x), static_cast<float>(camera.position.y),
                    static_cast<float>(camera.position.z)};
  const double max2 = camera.max_range_m * camera.max_range_m;
  const double min2 = camera.min_range_m * camera.min_range_m;
  const std::size_t samples = options.sample_height_fraction.size();
  std::vector<Point3f> targets;
  std::vector<std::uint32_t> body_of;  // body index per target
  std::vector<float> density;
  for (std::size_t b = 0; b < bodies.size(); ++b) {
    row[b] = {};
    const BodyPose& body = bodies[b];
    for (std::size_t s = 0; s < samples; ++s) {
      const Vec3d p{body.base.x, body.base.y, body.base.z + options.sample_height_fraction[s] * body.height_m};
      const double dx = p.x - camera.position.x, dy = p.y - camera.position.y, dz = p.z - camera.position.z;
      const double d2 = dx * dx + dy * dy + dz * dz;
      if (d2 > max2 || d2 < min2) continue;
      const auto projection = project(p);
      if (!projection) continue;
      targets.push_back({static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z)});
      body_of.push_back(static_cast<std::uint32_t>(b));
      density.push_back(static_cast<float>(projection->px_per_m));
    }
  }
  std::vector<std::uint8_t> blocked(targets.size());
  scene.OccludedFrom(eye, targets, blocked);
  // Samples of one body are in ascending height, so the last visible one is the highest.
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (blocked[k]) continue;
    BodyView& v = row[body_of[k]];
    ++v.samples_seen;
    v.px_per_m = density[k];
  }
}

}  // namespace

void ViewBodies(const Scene& scene, std::span<const Camera> cameras, std::span<const BodyPose> bodies,
                const BodyViewOptions& options, std::vector<BodyView>& out) {
  const std::size_t n = bodies.size();
  out.resize(cameras.size() * n);
  tbb::parallel_for(std::size_t{0}, cameras.size(), [&](std::size_t c) {
    ViewFromCamera(scene, cameras[c], bodies, options, std::span<BodyView>(out).subspan(c * n, n));
  });
}

}  // namespace sim
