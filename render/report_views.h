// Camera-eye thumbnails for the PDF report (report::ReportOptions::camera_view), rendered off
// screen. Without a display (no X server, no Xvfb) the hook returns nothing and the report
// leaves the thumbnails out.
#pragma once

#include <functional>
#include <optional>

#include "geo/city_model.h"
#include "report/pdf_report.h"

namespace render {

// The city must outlive the hook. The renderer is made on the first call; `after_render`
// runs after each view (the GUI makes its own GL context current again there).
std::function<std::optional<report::Image>(const sim::Camera&)> CameraViewHook(
    const geo::CityModel& city, std::function<void()> after_render = {});

}  // namespace render
