// libFuzzer target: what sightline itself reads of an OSM building, its `other_tags` text
// (GDAL's hstore-like packing of tags) and the height tags in it, at the speed of plain code.
// The whole .osm path through GDAL's OSM driver is fuzz_osm; that driver sets up fixed
// buffers on every open, so under ASan it runs at about one input a second.
// Beyond "no crash", the result must be a building Embree can take: checked properties
// abort, which libFuzzer reports as a finding.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/diagnostics.h"
#include "geo/osm_tags.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const auto metres = geo::detail::ParseLength(text); metres && !std::isfinite(*metres)) std::abort();

  const geo::CityDefaults defaults;
  core::Diagnostics diagnostics;
  const geo::detail::HeightTags tags = geo::detail::OsmHeightTags(geo::detail::ParseOtherTags(text));
  const geo::detail::BuildingHeight h = geo::detail::ResolveHeight(tags, defaults, "fuzz.osm: way/1", diagnostics);
  const double highest = std::max(defaults.max_height_m, defaults.building_height_m);
  if (!std::isfinite(h.height_m) || h.height_m <= 0 || h.height_m > highest) std::abort();
  if (!std::isfinite(h.min_height_m) || h.min_height_m < 0 || h.min_height_m >= h.height_m) std::abort();
  if (h.levels < -1 || h.levels > 500) std::abort();
  return 0;
}
