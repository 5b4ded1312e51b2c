// Where people walk: the seconds pedestrians spent on each grid cell, turned into a smooth
// density field. It is written as flow.tif and weights the optimiser's targets
// (`optimise: {weight_by: flow}`), so that plans cover where people actually are rather than
// every square metre alike.
#pragma once

#include <vector>

#include "sim/grid.h"

namespace agents {

struct FlowOptions {
  // A person occupies more than the cell their centre is on, and a path sampled by a few
  // walkers stands for a walkway: presence is spread by a Gaussian of this sigma.
  double smoothing_m = 2.0;
};

// Mean pedestrians per 100 m2 over `duration_s` on every grid cell (0 on cells no one came
// near); person_s_per_cell is PeopleTime::person_s_per_cell.
std::vector<float> PedestrianDensity(const std::vector<float>& person_s_per_cell, const sim::Grid& grid,
                                     double duration_s, const FlowOptions& options = {});

// Per-cell weights for the optimiser: the density scaled so that its mean over the grid's
// targets is 1 (a flow-weighted m2 stays comparable to a plain one). All zero when nobody walked.
std::vector<float> FlowWeights(const std::vector<float>& density, const sim::Grid& grid);

}  // namespace agents
