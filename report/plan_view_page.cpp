#include "report/plan_view_page.h"

#include <fmt/format.h>

#include "report/cairo_draw.h"
#include "report/palette.h"
#include "sim/view_footprint.h"

namespace report {

using namespace draw;

void PlanViewPage(cairo_t* cr, const CoverageRun& run) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  const double y = WrappedText(cr, kMargin, 60, "Plan view: fields of view by density band", 14,
                               true, kPageW - 2 * kMargin, 17);
  const sim::DensityLevels& levels = run.coverage->levels();
  const double top =
      WrappedText(cr, kMargin, y - 1,
                  fmt::format("The ground each camera sees at {:g} m above it (a face), cut where "
                              "buildings block the view, coloured by the density it reaches ({}). "
                              "Overlapping cameras darken.",
                              run.grid.height_m, levels.name),
                  8, false, kPageW - 2 * kMargin, 10) +
      4;
  const sim::Grid& g = run.grid;
  const MapView v(GridBox(g), kMargin + 12, std::max(90.0, top), kPageW - 2 * kMargin - 12, 520);
  DrawCells(cr, v, g, [&](std::uint32_t c) {
    return g.IsTarget(c) ? Rgb{255, 255, 255} : kBuilding;
  });

  sim::FootprintOptions options;
  options.target_height_m = run.grid.height_m;
  const int n = static_cast<int>(levels.levels.size());
  cairo_save(cr);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_clip(cr);
  for (const sim::Camera& c : run.coverage->cameras()) {
    const sim::ViewFootprint f = sim::FootprintOf(c, *run.scene, run.city, levels, options);
    // One path per band: its pieces tile the band, so one fill shows no seams between them.
    for (int level = -1; level < n; ++level) {
      cairo_new_path(cr);
      bool any = false;
      for (const sim::FootprintPiece& p : f.pieces) {
        if (p.level != level) continue;
        any = true;
        cairo_move_to(cr, v.Px(p.corners[0].x), v.Py(p.corners[0].y));
        for (int k = 1; k < 4; ++k) cairo_line_to(cr, v.Px(p.corners[k].x), v.Py(p.corners[k].y));
        cairo_close_path(cr);
      }
      if (!any) continue;
      cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
      SetColour(cr, LevelColour(level, n), level < 0 ? 0.25 : 0.55);
      cairo_fill(cr);
    }
  }
  DrawZones(cr, v, run);
  DrawCameras(cr, v, run, false);
  cairo_restore(cr);
  DrawDecorations(cr, v, run.city.frame);

  std::vector<std::pair<Rgb, std::string>> legend = {
      {kBuilding, "buildings, water, excluded ground"},
      {LevelColour(-1, n),
       fmt::format("seen, below {}", levels.levels.empty() ? "" : levels.levels[0].name)}};
  for (int i = 0; i < n; ++i)
    legend.push_back({LevelColour(i, n), fmt::format("{} ≥ {:g} px/m", levels.levels[i].name,
                                                     levels.levels[i].min_px_per_m)});
  Legend(cr, v.x, v.y + v.h + 38, legend);
}

}  // namespace report
