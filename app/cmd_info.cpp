// `sightline info`: what a city source contains and what the import made of it.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/city_input.h"
#include "app/commands.h"

namespace app {
namespace {

struct InfoOptions {
  CityInputOptions city;
  bool json = false;
};

struct HeightStats {
  std::size_t count = 0;
  double min = 0, median = 0, max = 0;
};

HeightStats BuildingHeights(const geo::CityModel& city) {
  std::vector<double> h;
  for (const auto& f : city.features)
    if (f.kind == "building") h.push_back(f.height_m);
  HeightStats s;
  s.count = h.size();
  if (h.empty()) return s;
  std::sort(h.begin(), h.end());
  s.min = h.front();
  s.max = h.back();
  s.median = h[h.size() / 2];
  return s;
}

std::string BoxText(const geo::Box2d& b) {
  if (b.empty()) return "(empty)";
  return fmt::format("{:.10g} {:.10g} .. {:.10g} {:.10g}  ({:.4g} x {:.4g})", b.min_x, b.min_y, b.max_x,
                     b.max_y, b.width(), b.height());
}

std::string PartsText(std::size_t parts) {
  return parts > 0 ? fmt::format(", {} BuildingParts", parts) : "";
}

nlohmann::json BoxJson(const geo::Box2d& b) {
  if (b.empty()) return nullptr;
  return {b.min_x, b.min_y, b.max_x, b.max_y};
}

// Plan area of the up-facing water surfaces (m2): water is no target and no mount.
double WaterArea(const geo::CityModel& c) {
  double area = 0;
  for (std::size_t t = 0; t < c.triangles.size(); ++t) {
    if (c.triangle_surface[t] != geo::Surface::water) continue;
    const geo::Vec3f &a = c.vertices[c.triangles[t].a], &b = c.vertices[c.triangles[t].b],
                     &d = c.vertices[c.triangles[t].c];
    area += std::max(0.0, 0.5 * ((b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x)));
  }
  return area;
}

nlohmann::json InfoJson(const LoadedCity& loaded) {
  const geo::CityModel& c = loaded.city;
  nlohmann::json j;
  j["scenario"] = loaded.scenario_name;
  j["frame"] = {{"crs", c.frame.Label()}, {"crs_name", c.frame.crs_name},
                {"origin", {c.frame.origin_x, c.frame.origin_y}}};
  for (const auto& s : c.sources) {
    nlohmann::json js = {{"path", s.path},
                         {"format", s.format},
                         {"crs", s.crs},
                         {"extent_source", BoxJson(s.extent_source)},
                         {"extent_frame", BoxJson(s.extent_frame)},
                         {"buildings", s.buildings},
                         {"building_parts", s.building_parts},
                         {"height_from_attribute", s.height_from_attribute},
                         {"height_from_levels", s.height_from_levels},
                         {"height_from_geometry", s.height_from_geometry},
                         {"height_defaulted", s.height_defaulted}};
    for (const auto& [layer, n] : s.features_per_layer) js["features"][layer] = n;
    for (const auto& [lod, n] : s.lod_used) js["lod_used"][lod] = n;
    j["sources"].push_back(js);
  }
  const HeightStats h = BuildingHeights(c);
  j["buildings"] = {{"count", h.count}, {"parts", c.CountBuildings().parts}, {"height_min_m", h.min}, {"height_median_m", h.median},
                    {"height_max_m", h.max}};
  j["mesh"] = {{"vertices", c.vertices.size()}, {"triangles", c.triangles.size()}};
  for (int s = 0; s < geo::kSurfaceCount; ++s)
    j["mesh"]["triangles_by_surface"][geo::SurfaceName(static_cast<geo::Surface>(s))] =
        c.CountTriangles(static_cast<geo::Surface>(s));
  j["layers"] = {{"paths", c.paths.size()}, {"poles", c.poles.size()}};
  j["ground"] = geo::GroundSourceName(c.ground_source);
  j["water_m2"] = WaterArea(c);
  j["terrain"] = c.terrain ? nlohmann::json{{"nx", c.terrain->nx}, {"ny", c.terrain->ny},
                                            {"spacing_m", c.terrain->spacing}}
                           : nlohmann::json(nullptr);
  for (const auto& [kind, k] : loaded.diagnostics.kinds()) j["warnings"][kind] = k.count;
  return j;
}

void PrintInfo(const LoadedCity& loaded) {
  const geo::CityModel& c = loaded.city;
  if (!loaded.scenario_name.empty()) fmt::print("scenario: {}\n", loaded.scenario_name);
  fmt::print("frame:    {} ({}), local origin {:.0f} {:.0f}\n", c.frame.Label(), c.frame.crs_name,
             c.frame.origin_x, c.frame.origin_y);
  for (const auto& s : c.sources) {
    fmt::print("\nsource:   {}\n  format: {}\n  CRS:    {}\n", s.path, s.format, s.crs);
    fmt::print("  extent (source CRS): {}\n", BoxText(s.extent_source));
    fmt::print("  extent (frame CRS):  {}\n", BoxText(s.extent_frame));
    for (const auto& [layer, n] : s.features_per_layer) fmt::print("  {:<32} {:>8}\n", layer, n);
    if (s.buildings > 0)
      fmt::print("  buildings: {}{} (height from attribute {}, levels {}, geometry {}, default {})\n",
                 s.buildings, PartsText(s.building_parts), s.height_from_attribute,
                 s.height_from_levels, s.height_from_geometry, s.height_defaulted);
    if (!s.lod_used.empty()) fmt::print("  LoD used: {}\n", LodUsedText(s));
  }
  const HeightStats h = BuildingHeights(c);
  fmt::print("\nbuildings: {}{}", h.count, PartsText(c.CountBuildings().parts));
  if (h.count) fmt::print("  height min {:.1f} m, median {:.1f} m, max {:.1f} m", h.min, h.median, h.max);
  fmt::print("\nmesh:      {} vertices, {} triangles\n", c.vertices.size(), c.triangles.size());
  for (int s = 0; s < geo::kSurfaceCount; ++s)
    if (const std::size_t n = c.CountTriangles(static_cast<geo::Surface>(s)))
      fmt::print("  {:<12} {:>10}\n", geo::SurfaceName(static_cast<geo::Surface>(s)), n);
  const geo::Box3f b = c.Bounds();
  if (!b.empty())
    fmt::print("bounds:    x {:.1f}..{:.1f}  y {:.1f}..{:.1f}  z {:.1f}..{:.1f} m (local)\n",
               b.min.x, b.max.x, b.min.y, b.max.y, b.min.z, b.max.z);
  fmt::print("layers:    {} street/path lines, {} poles (street lamps, masts)\n", c.paths.size(),
             c.poles.size());
  fmt::print("ground:    {}", geo::GroundSourceName(c.ground_source));
  if (c.terrain)
    fmt::print(", {} x {} nodes at {:.2f} m", c.terrain->nx, c.terrain->ny, c.terrain->spacing);
  if (c.surface) fmt::print("; DSM {} x {} nodes for occlusion", c.surface->nx, c.surface->ny);
  fmt::print("\nwater:     {:.0f} m2 (no targets, no mounts)\n", WaterArea(c));
  fmt::print("warnings:  {}\n", loaded.diagnostics.Total());
  for (const auto& [kind, k] : loaded.diagnostics.kinds()) {
    fmt::print("  {:>6} x {}\n", k.count, kind);
    for (const auto& e : k.examples) fmt::print("           e.g. {}\n", e);
  }
}

}  // namespace

void SetupInfo(CLI::App& app) {
  auto opt = std::make_shared<InfoOptions>();
  CLI::App* cmd = app.add_subcommand("info", "Summarise city sources: layers, heights, extent, mesh");
  AddCityInputOptions(*cmd, opt->city);
  cmd->add_flag("--json", opt->json, "Print the summary as JSON");
  cmd->callback([opt] {
    const LoadedCity loaded = LoadCityInput(opt->city);
    if (opt->json)
      std::cout << InfoJson(loaded).dump(2) << "\n";
    else
      PrintInfo(loaded);
  });
}

}  // namespace app
