#include "render/report_views.h"

#include <spdlog/spdlog.h>

#include <memory>

#include "render/camera_eye.h"
#include "render/city_view.h"

namespace render {

std::function<std::optional<report::Image>(const sim::Camera&)> CameraViewHook(
    const geo::CityModel& city, std::function<void()> after_render) {
  struct State {
    bool tried = false;
    std::unique_ptr<EyeRenderer> renderer;
    osg::ref_ptr<osg::Node> scene;
  };
  auto state = std::make_shared<State>();
  return [state, &city, after_render](const sim::Camera& c) -> std::optional<report::Image> {
    if (!state->tried) {
      state->tried = true;
      try {
        state->renderer = std::make_unique<EyeRenderer>(480, 270);
        state->scene = BuildCityNode(city).root;
      } catch (const std::exception& e) {
        spdlog::info("report without camera-eye thumbnails: {}", e.what());
      }
    }
    if (!state->renderer) return std::nullopt;
    const EyeImage img = state->renderer->RenderThroughLens(state->scene.get(), c, {0.3, std::max(2000.0, c.max_range_m * 2)});
    if (after_render) after_render();
    report::Image out{img.width, img.height, {}};
    out.rgba.reserve(img.rgb.size() / 3 * 4);
    for (std::size_t i = 0; i < img.rgb.size(); i += 3)
      out.rgba.insert(out.rgba.end(), {img.rgb[i], img.rgb[i + 1], img.rgb[i + 2], 255});
    return out;
  };
}

}  // namespace render
