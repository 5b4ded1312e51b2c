#include "report/compare.h"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/raster_io.h"
#include "report/cairo_draw.h"
#include "report/png_file.h"

namespace report {
namespace {

using namespace draw;
using nlohmann::json;

constexpr Rgb kGained{0, 158, 115};     // Okabe-Ito bluish green
constexpr Rgb kLost{213, 94, 0};        // vermillion
constexpr Rgb kKept{190, 210, 230};     // seen in both
constexpr Rgb kPlanA{110, 50, 150};     // cameras only in plan A: purple squares (not the lost colour)
constexpr Rgb kPlanB{0, 90, 160};       // cameras only in plan B: dark blue triangles

enum class Change { none, neither, kept, gained, lost };

Change CellChange(const CoverageRun& a, const CoverageRun& b, std::uint32_t c) {
  const bool ta = a.grid.IsTarget(c), tb = b.grid.IsTarget(c);
  if (!ta && !tb) return Change::none;
  const bool sa = ta && a.coverage->aggregate().k[c] > 0, sb = tb && b.coverage->aggregate().k[c] > 0;
  if (sa && sb) return Change::kept;
  if (sb) return Change::gained;
  if (sa) return Change::lost;
  return Change::neither;
}

double Round(double v) { return std::round(v * 100) / 100; }

json Delta(double a, double b) { return {{"a", Round(a)}, {"b", Round(b)}, {"delta", Round(b - a)}}; }

void DrawDifference(cairo_t* cr, const CoverageRun& a, const CoverageRun& b, double x, double y, double w, double h) {
  const MapView v(GridBox(b.grid), x, y, w, h);
  DrawCells(cr, v, b.grid, [&](std::uint32_t c) {
    switch (CellChange(a, b, c)) {
      case Change::none: return kBuilding;
      case Change::neither: return kUnseen;
      case Change::kept: return kKept;
      case Change::gained: return kGained;
      case Change::lost: return kLost;
    }
    return kUnseen;
  });
  cairo_save(cr);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_clip(cr);
  DrawZones(cr, v, b);
  // Both plans' cameras: one shared by both (same id and pose) once, the others marked A or B.
  const std::vector<sim::Camera>& in_a = a.coverage->cameras();
  const std::vector<sim::Camera>& in_b = b.coverage->cameras();
  auto holds = [](const std::vector<sim::Camera>& plan, const sim::Camera& c) {
    return std::any_of(plan.begin(), plan.end(), [&](const sim::Camera& o) {
      return o.id == c.id && o.position == c.position && o.yaw_deg == c.yaw_deg && o.pitch_deg == c.pitch_deg;
    });
  };
  for (const sim::Camera& c : in_a)
    if (!holds(in_b, c)) {
      SetColour(cr, kPlanA);
      DrawCameraMarker(cr, v, c, MarkerShape::square, kPlanA, c.id + " (A)");
    }
  for (const sim::Camera& c : in_b) {
    const bool shared = holds(in_a, c);
    SetColour(cr, shared ? kCamera : kPlanB);
    DrawCameraMarker(cr, v, c, shared ? MarkerShape::circle : MarkerShape::triangle, shared ? kCamera : kPlanB,
                     shared ? c.id : c.id + " (B)");
  }
  cairo_restore(cr);
  DrawDecorations(cr, v, b.city.frame);
  Legend(cr, v.x, v.y + v.h + 38,
         {{kGained, "seen only in plan B (gained)"}, {kLost, "seen only in plan A (lost)"},
          {kKept, "seen in both"}, {kUnseen, "seen in neither"}, {kBuilding, "buildings, water, excluded"},
          {kPlanA, "camera only in plan A (square)"}, {kPlanB, "camera only in plan B (triangle)"},
          {kCamera, "camera in both plans (circle)"}});
}

}  // namespace

void CheckComparable(const CoverageRun& a, const CoverageRun& b) {
  const sim::Grid& ga = a.grid;
  const sim::Grid& gb = b.grid;
  std::string differ;
  const auto add = [&](const std::string& what) { differ += (differ.empty() ? "" : ", ") + what; };
  if (a.city.frame.crs_wkt != b.city.frame.crs_wkt) add("CRS");
  if (a.city.frame.origin_x != b.city.frame.origin_x || a.city.frame.origin_y != b.city.frame.origin_y ||
      ga.nx != gb.nx || ga.ny != gb.ny || ga.min_x != gb.min_x || ga.max_y != gb.max_y)
    add("area (the grids cover different ground)");
  if (ga.resolution_m != gb.resolution_m) add("grid resolution");
  if (!differ.empty())
    throw core::InputError(b.scenario.file.string(), "",
                           "cannot compare with " + a.scenario.file.string() +
                               ": the scenarios must share CRS, area and grid resolution; they differ in " + differ);
}

// Shares of agent-seconds in the area, by group ("people", "vehicles") present in both runs.
json PeopleTimeJson(const PeopleComparison& p, const std::vector<sim::DensityLevel>& levels) {
  json j = json::object();
  for (const PeopleSection::Row& rb : p.b.rows)
    for (const PeopleSection::Row& ra : p.a.rows) {
      if (ra.group != rb.group) continue;
      json g = {{"agent_s_in_area", Delta(ra.in_area_s, rb.in_area_s)},
                {"seen_pct", Delta(ra.seen_pct, rb.seen_pct)},
                {"seen_by_2_pct", Delta(ra.seen_by_2_pct, rb.seen_by_2_pct)}};
      for (std::size_t l = 0; l < levels.size() && l < ra.at_level_pct.size() && l < rb.at_level_pct.size(); ++l)
        g["at_level_pct"][levels[l].name] = Delta(ra.at_level_pct[l], rb.at_level_pct[l]);
      j[rb.group] = g;
    }
  return j;
}

json ComparisonJson(const CoverageRun& a, const CoverageRun& b, const std::optional<PeopleComparison>& people) {
  CheckComparable(a, b);
  const double cell = b.grid.CellArea();
  std::map<Change, double> area;
  for (std::uint32_t c = 0; c < b.grid.size(); ++c) area[CellChange(a, b, c)] += cell;
  json j;
  j["a"] = {{"scenario", a.scenario.name}, {"file", a.scenario.file.string()}};
  j["b"] = {{"scenario", b.scenario.name}, {"file", b.scenario.file.string()}};
  j["area_m2"] = {{"gained", Round(area[Change::gained])}, {"lost", Round(area[Change::lost])},
                  {"seen_in_both", Round(area[Change::kept])}, {"seen_in_neither", Round(area[Change::neither])}};
  j["covered_m2"] = Delta(a.summary.covered_m2, b.summary.covered_m2);
  j["cameras"] = Delta(static_cast<double>(a.summary.cameras.size()), static_cast<double>(b.summary.cameras.size()));
  j["cost"] = Delta(a.summary.total_cost, b.summary.total_cost);
  const auto& la = a.coverage->levels().levels;
  const auto& lb = b.coverage->levels().levels;
  j["at_level_m2"] = json::object();
  for (std::size_t l = 0; l < lb.size(); ++l)
    if (l < la.size() && la[l].name == lb[l].name)
      j["at_level_m2"][lb[l].name] = Delta(a.summary.at_level_m2[l], b.summary.at_level_m2[l]);
  j["zones"] = json::array();
  // Zones match by name and, where a zone file gives several features one name, by their order
  // among those of that name: the n-th "school" of B against the n-th of A.
  std::map<std::string, int> seen_in_b;
  for (const sim::ZoneStats& zb : b.zone_stats) {
    int nth = seen_in_b[zb.name]++;
    for (const sim::ZoneStats& za : a.zone_stats)
      if (za.name == zb.name && nth-- == 0) {
        j["zones"].push_back({{"name", zb.name}, {"kind", sim::ZoneKindName(zb.kind)},
                              {zb.kind == sim::ZoneKind::privacy ? "exposed_m2" : "requirement_met_m2",
                               zb.kind == sim::ZoneKind::privacy ? Delta(za.covered_m2, zb.covered_m2)
                                                                 : Delta(za.requirement_met_m2, zb.requirement_met_m2)}});
        break;
      }
  }
  if (people) j["people_time"] = PeopleTimeJson(*people, b.coverage->levels().levels);
  return j;
}

std::vector<std::filesystem::path> WriteComparison(const CoverageRun& a, const CoverageRun& b,
                                                   const std::filesystem::path& dir, const ReportOptions& options,
                                                   const std::optional<PeopleComparison>& people) {
  const json j = ComparisonJson(a, b, people);  // checks comparability first: nothing is written otherwise
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw core::InputError(dir.string(), "", "cannot create the output folder: " + ec.message());
  const std::vector<std::filesystem::path> files = {dir / "compare.json", dir / "compare.pdf", dir / "compare.png",
                                                    dir / "difference.tif"};
  {
    core::AtomicOutput out(files[0]);
    out.WriteText(j.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
    out.Commit();
  }
  {
    core::AtomicOutput out(files[1]);
    Surface surface = NewPdf(out.temp_path().c_str(), kPageW, kPageH);
    Context cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    Text(cr.get(), kMargin, 60, "Plan comparison", 16, true);
    Text(cr.get(), kMargin, 78, "A: " + a.scenario.name + "   →   B: " + b.scenario.name, 9);
    Text(cr.get(), kMargin, 90, options.software + ", " + options.date, 7);
    const double map_h = j.contains("people_time") ? 300 : 400;  // room for the people rows
    DrawDifference(cr.get(), a, b, kMargin + 12, 100, kPageW - 2 * kMargin - 12, map_h);
    std::vector<std::vector<std::string>> rows;
    auto row = [&](const std::string& name, const json& d, const char* unit) {
      rows.push_back({name, fmt::format("{:.0f}{}", d["a"].get<double>(), unit), fmt::format("{:.0f}{}", d["b"].get<double>(), unit),
                      fmt::format("{:+.0f}{}", d["delta"].get<double>(), unit)});
    };
    row("cameras", j["cameras"], "");
    row("total cost", j["cost"], "");
    row("seen by any camera", j["covered_m2"], " m²");
    for (const auto& l : b.coverage->levels().levels)
      if (j["at_level_m2"].contains(l.name)) row("at " + l.name + " or better", j["at_level_m2"][l.name], " m²");
    for (const auto& z : j["zones"])
      row("zone " + z["name"].get<std::string>() + (z.contains("exposed_m2") ? " exposed" : " requirement met"),
          z.contains("exposed_m2") ? z["exposed_m2"] : z["requirement_met_m2"], " m²");
    rows.push_back({"gained / lost ground", "", "", fmt::format("+{:.0f} / -{:.0f} m²", j["area_m2"]["gained"].get<double>(),
                                                                j["area_m2"]["lost"].get<double>())});
    // People-time: shares of the same agents' seconds in the area, in percentage points.
    auto pct_row = [&](const std::string& name, const json& d) {
      rows.push_back({name, fmt::format("{:.1f} %", d["a"].get<double>()), fmt::format("{:.1f} %", d["b"].get<double>()),
                      fmt::format("{:+.1f} pp", d["delta"].get<double>())});
    };
    if (j.contains("people_time"))
      for (const auto& [group, g] : j["people_time"].items()) {
        pct_row(group + "-time seen", g["seen_pct"]);
        for (const auto& l : b.coverage->levels().levels)
          if (g.contains("at_level_pct") && g["at_level_pct"].contains(l.name))
            pct_row(group + "-time at " + l.name + " or better", g["at_level_pct"][l.name]);
      }
    Table(cr.get(), kMargin, 200 + map_h, {"figure", "plan A", "plan B", "change"}, rows);
    FinishPdf(cr, surface, files[1]);
    out.Commit();
  }
  {
    constexpr double kScale = 3;
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(560 * kScale), static_cast<int>(520 * kScale)));
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), kScale, kScale);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    DrawDifference(cr.get(), a, b, 20, 10, 520, 400);
    WritePng(surface.get(), files[2]);
  }
  const sim::Grid& g = b.grid;
  geo::RasterBand change{"coverage change (-1 lost, 0 unchanged, 1 gained)", geo::RasterBand::Type::int16,
                         std::vector<double>(g.size()), -9999};
  geo::RasterBand level{"density class change (B - A)", geo::RasterBand::Type::int16, std::vector<double>(g.size()), -9999};
  for (std::uint32_t c = 0; c < g.size(); ++c) {
    const Change ch = CellChange(a, b, c);
    if (ch == Change::none) {
      change.values[c] = level.values[c] = -9999;
      continue;
    }
    change.values[c] = ch == Change::gained ? 1 : ch == Change::lost ? -1 : 0;
    const int la = a.grid.IsTarget(c) ? a.coverage->aggregate().best_level[c] + 1 : 0;
    const int lb = g.IsTarget(c) ? b.coverage->aggregate().best_level[c] + 1 : 0;
    level.values[c] = lb - la;
  }
  geo::WriteGeoTiff(files[3], b.city.frame, g.Raster(), {change, level}, b.scenario.outputs.geotiff_compression);
  return files;
}

}  // namespace report
