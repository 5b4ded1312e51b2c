#include "sim/summary.h"

namespace sim {

void CoverageTally::Count(const Grid& grid, std::uint32_t c, std::uint16_t k, std::int8_t best_level, int sign) {
  if (!grid.IsTarget(c)) return;
  auto add = [sign](std::size_t& v) { v = sign > 0 ? v + 1 : v - 1; };
  add(targets);
  if (k >= k_cells.size()) k_cells.resize(k + 1, 0);
  add(k_cells[k]);
  if (k == 0) return;
  add(covered);
  for (int l = 0; l <= best_level && l < static_cast<int>(level_cells.size()); ++l) add(level_cells[l]);
}

CoverageTally TallyCells(const Grid& grid, const Aggregate& a, int level_count) {
  CoverageTally t;
  t.level_cells.assign(static_cast<std::size_t>(level_count), 0);
  for (std::uint32_t c = 0; c < grid.size(); ++c) t.Count(grid, c, a.k[c], a.best_level[c], +1);
  return t;
}

CoverageSummary Summarise(const Coverage& coverage) {
  return Summarise(coverage, TallyCells(coverage.grid(), coverage.aggregate(),
                                        static_cast<int>(coverage.levels().levels.size())));
}

std::vector<CameraTally> TallyCameras(const Coverage& coverage) {
  const DensityLevels& levels = coverage.levels();
  std::vector<CameraTally> out;
  for (const CameraLayer& L : coverage.layers()) {
    CameraTally t;
    t.visible = L.cells.size();
    t.at_level.assign(levels.levels.size(), 0);
    for (float px : L.px_per_m)
      for (int l = 0; l <= levels.Classify(px); ++l) ++t.at_level[l];
    out.push_back(std::move(t));
  }
  return out;
}

CoverageSummary Summarise(const Coverage& coverage, const CoverageTally& t) {
  return SummaryOf(t, TallyCameras(coverage), coverage.cameras(), coverage.grid().CellArea());
}

CoverageSummary SummaryOf(const CoverageTally& t, const std::vector<CameraTally>& cameras,
                          std::span<const Camera> camera_list, double cell) {
  CoverageSummary s;
  s.target_m2 = t.targets * cell;
  s.covered_m2 = t.covered * cell;
  for (std::size_t n : t.level_cells) s.at_level_m2.push_back(n * cell);
  std::size_t size = t.k_cells.size();
  while (size > 1 && t.k_cells[size - 1] == 0) --size;  // up to the highest k that occurs
  s.k_histogram_m2.assign(std::max<std::size_t>(size, 1), 0);
  for (std::size_t k = 0; k < size; ++k) s.k_histogram_m2[k] = t.k_cells[k] * cell;
  for (std::size_t i = 0; i < camera_list.size(); ++i) {
    const Camera& cam = camera_list[i];
    CameraSummary cs;
    cs.id = cam.id;
    cs.model = cam.model;
    cs.cost = cam.cost;
    cs.visible_m2 = cameras[i].visible * cell;
    for (std::size_t n : cameras[i].at_level) cs.at_level_m2.push_back(n * cell);
    s.total_cost += cam.cost;
    s.cameras.push_back(std::move(cs));
  }
  return s;
}

}  // namespace sim
