#include "scenario/catalogue.h"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "scenario/parser.h"
#include "sim/lens.h"

namespace scenario {

Catalogue ParseCatalogue(const std::string& yaml, const std::filesystem::path& file) {
  return detail::Parser(file).CatalogueDoc(yaml);
}

Catalogue LoadCatalogue(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in || std::filesystem::is_directory(file))
    throw core::InputError(file.string(), "", "cannot open the camera catalogue");
  std::stringstream text;
  text << in.rdbuf();
  return ParseCatalogue(text.str(), file);
}

std::optional<std::pair<double, double>> HfovRangeDeg(const CameraFields& m) {
  if (m.hfov_range_deg) return m.hfov_range_deg;
  if (!m.focal_range_mm || !m.sensor_width_mm) return std::nullopt;
  const sim::LensModel lens = m.lens.value_or(sim::LensModel::rectilinear);
  return std::pair{sim::FovDeg(*m.sensor_width_mm, m.focal_range_mm->second, lens),
                   sim::FovDeg(*m.sensor_width_mm, m.focal_range_mm->first, lens)};
}

std::string LensMismatch(const CameraFields& model, const CameraFields& camera) {
  if (!model.focal_range_mm) return "";  // a fixed lens: a camera's own HFOV is a custom camera
  const auto [wide, tele] = *model.focal_range_mm;
  if (camera.focal_length_mm &&
      (*camera.focal_length_mm < wide - 1e-9 || *camera.focal_length_mm > tele + 1e-9))
    return fmt::format("focal_length_mm {:g} is outside the model's {:g}-{:g} mm lens",
                       *camera.focal_length_mm, wide, tele);
  if (camera.hfov_deg)
    if (const auto range = HfovRangeDeg(model); range && (*camera.hfov_deg < range->first - 0.05 ||
                                                          *camera.hfov_deg > range->second + 0.05))
      return fmt::format(
          "hfov_deg {:g} is outside the model's {:.1f}-{:.1f} degrees ({:g}-{:g} mm lens)",
          *camera.hfov_deg, range->first, range->second, wide, tele);
  return "";
}

bool IsAccessoryKey(const std::string& key) {
  static const std::set<std::string> keys = {"wall",   "pole",         "roof",   "ceiling",
                                             "other",  "switch",       "router", "recorder",
                                             "centre", "access_point", "radio",  "radio_link",
                                             "cable"};
  return keys.count(key) > 0;
}

}  // namespace scenario
