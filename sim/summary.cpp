#include "sim/summary.h"

namespace sim {

CoverageSummary Summarise(const Coverage& coverage) {
  const Grid& grid = coverage.grid();
  const Aggregate& a = coverage.aggregate();
  const DensityLevels& levels = coverage.levels();
  const double cell = grid.CellArea();
  CoverageSummary s;
  s.at_level_m2.assign(levels.levels.size(), 0);
  for (std::uint32_t c = 0; c < grid.size(); ++c) {
    if (!grid.IsTarget(c)) continue;
    s.target_m2 += cell;
    if (a.k[c] >= s.k_histogram_m2.size()) s.k_histogram_m2.resize(a.k[c] + 1, 0);
    s.k_histogram_m2[a.k[c]] += cell;
    if (a.k[c] == 0) continue;
    s.covered_m2 += cell;
    for (int l = 0; l <= a.best_level[c]; ++l) s.at_level_m2[l] += cell;
  }
  if (s.k_histogram_m2.empty()) s.k_histogram_m2.push_back(0);
  for (std::size_t i = 0; i < coverage.cameras().size(); ++i) {
    const Camera& cam = coverage.cameras()[i];
    const CameraLayer& L = coverage.layers()[i];
    CameraSummary cs;
    cs.id = cam.id;
    cs.model = cam.model;
    cs.cost = cam.cost;
    cs.visible_m2 = L.VisibleArea(grid);
    cs.at_level_m2.assign(levels.levels.size(), 0);
    for (float px : L.px_per_m)
      for (int l = 0; l <= levels.Classify(px); ++l) cs.at_level_m2[l] += cell;
    s.total_cost += cam.cost;
    s.cameras.push_back(std::move(cs));
  }
  return s;
}

}  // namespace sim
