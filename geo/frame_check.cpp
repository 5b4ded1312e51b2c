#include "geo/frame_check.h"

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "geo/gdal_util.h"

namespace geo {

std::vector<std::string> FrameDistortion(const Frame& frame) {
  std::vector<std::string> problems;
  OGRSpatialReference projected = detail::HorizontalSrs(frame.crs_wkt);
  OGRSpatialReference lonlat;
  lonlat.SetWellKnownGeogCS("WGS84");
  lonlat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  projected.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const auto destroy = [](OGRCoordinateTransformation* ct) { OGRCoordinateTransformation::DestroyCT(ct); };
  std::unique_ptr<OGRCoordinateTransformation, decltype(destroy)> to_lonlat(
      OGRCreateCoordinateTransformation(&projected, &lonlat), destroy);
  if (!to_lonlat) return problems;
  double lon = frame.origin_x, lat = frame.origin_y;
  if (!to_lonlat->Transform(1, &lon, &lat) || !std::isfinite(lon) || !std::isfinite(lat)) return problems;

  double west = 0, south = 0, east = 0, north = 0;
  const char* area_name = nullptr;
  if (projected.GetAreaOfUse(&west, &south, &east, &north, &area_name) && west > -1000) {
    const bool across_antimeridian = west > east;
    const bool inside_lon = across_antimeridian ? (lon >= west || lon <= east) : (lon >= west && lon <= east);
    if (!inside_lon || lat < south || lat > north)
      problems.push_back(fmt::format("the area ({:.4f}, {:.4f}) lies outside {}'s area of use ({})", lon, lat,
                                     frame.Label(), area_name ? area_name : "?"));
  }

  // True lengths from the point: an azimuthal equidistant projection centred on it.
  OGRSpatialReference local;
  local.SetGeogCS("WGS 84", "WGS_1984", "WGS 84", SRS_WGS84_SEMIMAJOR, SRS_WGS84_INVFLATTENING);
  local.SetAE(lat, lon, 0, 0);
  local.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation, decltype(destroy)> to_local(
      OGRCreateCoordinateTransformation(&projected, &local), destroy);
  if (!to_local) return problems;
  constexpr double kStep = 100;  // frame units (metres)
  double worst = 1;
  for (const auto& [dx, dy] : {std::pair{kStep, 0.0}, std::pair{0.0, kStep}}) {
    double x[2] = {frame.origin_x, frame.origin_x + dx}, y[2] = {frame.origin_y, frame.origin_y + dy};
    if (!to_local->Transform(2, x, y)) return problems;
    const double scale = std::hypot(x[1] - x[0], y[1] - y[0]) / kStep;
    if (std::isfinite(scale) && std::abs(scale - 1) > std::abs(worst - 1)) worst = scale;
  }
  if (std::abs(worst - 1) > 0.01)
    problems.push_back(fmt::format("{} measures lengths {:.0f} % {} than they are here (100 m of it are {:.1f} m): "
                                   "ranges, px/m and m² are off by as much; give the scenario a local projected "
                                   "`crs:` (the UTM zone, or the national grid)",
                                   frame.Label(), std::abs(1 / worst - 1) * 100, worst < 1 ? "longer" : "shorter",
                                   100 * worst));
  return problems;
}

}  // namespace geo
