// Shared by the import fuzzers: load one city source as LoadCity does for a scenario, build the
// Embree scene and cast a few rays through it, so values that only break the engine (huge or
// infinite coordinates) are found too. Bad input must end as core::InputError; anything else
// escapes and libFuzzer reports it.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"
#include "geo/load_city.h"
#include "sim/scene.h"

namespace fuzz {

inline void LoadAndTrace(const std::string& path, geo::SourceRole role) {
  geo::CityLoadOptions options;
  geo::CitySource source;
  source.path = path;
  source.role = role;
  source.crs = "EPSG:28992";  // for files without a CRS of their own
  options.sources.push_back(source);
  options.crs = "EPSG:28992";
  // Ground heightfields take up to 4 M nodes (a derived ground one CGAL point location each, a
  // DEM's mesh 8 M triangles): 1.3 s natively for a corrupt 443-byte GeoTIFF claiming a 47 km
  // raster, a minute under ASan, which libFuzzer reports as a slow unit or a timeout. The same
  // code on a coarser heightfield finds the same faults.
  options.ground.max_nodes = 1e4;
  core::Diagnostics diagnostics;
  geo::CityModel city;
  try {
    city = geo::LoadCity(options, diagnostics);
  } catch (const core::InputError&) {
    return;
  }
  if (city.triangles.empty()) return;
  const auto scene = sim::BuildScene(city);
  const auto& v = city.vertices;
  const sim::Point3f eye{v[0].x + 1.0f, v[0].y + 1.0f, v[0].z + 1.7f};
  for (std::size_t i = 0; i < v.size(); i += 1 + v.size() / 8) {
    scene->Occluded(eye, {v[i].x, v[i].y, v[i].z});
    scene->FirstHit({v[i].x, v[i].y, v[i].z + 100.0f}, {0, 0, -1}, 1000.0f);
  }
}

}  // namespace fuzz
