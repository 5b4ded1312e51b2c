#include "render/report_views.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>

#include "render/camera_eye.h"
#include "render/city_view.h"

namespace render {

std::function<std::optional<report::Image>(const sim::Camera&)> CameraViewHook(
    const geo::CityModel& city, std::function<void()> after_render) {
  struct State {
    bool tried = false, usable = false;
    std::map<std::pair<int, int>, std::unique_ptr<EyeRenderer>> renderers;  // by thumbnail size
    osg::ref_ptr<osg::Node> scene;
  };
  auto state = std::make_shared<State>();
  return [state, &city, after_render](const sim::Camera& c) -> std::optional<report::Image> {
    // Thumbnails 480 pixels wide in the camera's own aspect.
    const std::pair<int, int> size{480, std::max(1, static_cast<int>(std::lround(480.0 * c.height_px / c.width_px)))};
    if (!state->tried) {
      state->tried = true;
      const char* display = std::getenv("DISPLAY");
      if (!display || !*display) {
        spdlog::warn("no X display: the report leaves out the camera views (run it under xvfb-run to include them)");
        return std::nullopt;
      }
      try {
        state->renderers[size] = std::make_unique<EyeRenderer>(size.first, size.second);
        state->scene = BuildCityNode(city).root;
        state->usable = true;
      } catch (const std::exception& e) {
        spdlog::warn("the report leaves out the camera views: {}", e.what());
      }
    }
    if (!state->usable) return std::nullopt;
    auto& renderer = state->renderers[size];
    if (!renderer) renderer = std::make_unique<EyeRenderer>(size.first, size.second);
    const EyeImage img = renderer->RenderThroughLens(state->scene.get(), c, ViewClip(c));
    if (after_render) after_render();
    return report::Image{img.width, img.height, img.Rgba()};
  };
}

}  // namespace render
