#include "agents/flow.h"

#include <algorithm>
#include <cmath>

namespace agents {
namespace {

// Normalised 1D Gaussian taps out to 3 sigma (at least the centre tap).
std::vector<float> GaussianTaps(double sigma_cells) {
  if (sigma_cells < 0.25) return {1.0f};
  const int radius = static_cast<int>(std::ceil(3 * sigma_cells));
  std::vector<float> taps(2 * radius + 1);
  double sum = 0;
  for (int i = -radius; i <= radius; ++i) sum += taps[i + radius] = static_cast<float>(std::exp(-0.5 * i * i / (sigma_cells * sigma_cells)));
  for (float& t : taps) t = static_cast<float>(t / sum);
  return taps;
}

// One separable pass along rows (step 1) or columns (step nx); mass falling off the grid is lost,
// as people walking out of the area are.
void Blur(std::vector<float>& values, int nx, int ny, const std::vector<float>& taps, bool along_rows) {
  const int radius = static_cast<int>(taps.size() / 2);
  std::vector<float> out(values.size(), 0.0f);
  const int lines = along_rows ? ny : nx, length = along_rows ? nx : ny;
  for (int line = 0; line < lines; ++line)
    for (int i = 0; i < length; ++i) {
      const std::size_t at = along_rows ? std::size_t(line) * nx + i : std::size_t(i) * nx + line;
      const float v = values[at];
      if (v == 0.0f) continue;
      for (int d = -radius; d <= radius; ++d) {
        const int j = i + d;
        if (j < 0 || j >= length) continue;
        out[along_rows ? std::size_t(line) * nx + j : std::size_t(j) * nx + line] += v * taps[d + radius];
      }
    }
  values.swap(out);
}

}  // namespace

std::vector<float> PedestrianDensity(const std::vector<float>& person_s_per_cell, const sim::Grid& grid,
                                     double duration_s, const FlowOptions& options) {
  std::vector<float> density(grid.size(), 0.0f);
  if (person_s_per_cell.size() != grid.size() || duration_s <= 0) return density;
  // person-seconds / (duration x cell area) = mean people per m2; x 100 for people per 100 m2.
  const double scale = 100.0 / (duration_s * grid.CellArea());
  for (std::size_t i = 0; i < density.size(); ++i) density[i] = static_cast<float>(person_s_per_cell[i] * scale);
  const std::vector<float> taps = GaussianTaps(options.smoothing_m / grid.resolution_m);
  Blur(density, grid.nx, grid.ny, taps, true);
  Blur(density, grid.nx, grid.ny, taps, false);
  return density;
}

std::vector<float> FlowWeights(const std::vector<float>& density, const sim::Grid& grid) {
  double sum = 0;
  std::size_t targets = 0;
  for (std::uint32_t i = 0; i < grid.size(); ++i)
    if (grid.IsTarget(i)) {
      sum += density[i];
      ++targets;
    }
  std::vector<float> weights(grid.size(), 0.0f);
  if (sum <= 0 || targets == 0) return weights;
  const double scale = static_cast<double>(targets) / sum;
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = static_cast<float>(density[i] * scale);
  return weights;
}

}  // namespace agents
