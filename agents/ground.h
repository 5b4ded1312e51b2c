// Where agents stand: the ground height of the evaluation grid's cells (terrain, roads), so
// people and cars stand on the same ground the coverage is measured over.
#pragma once

#include <optional>

#include "sim/grid.h"

namespace agents {

class Ground {
 public:
  explicit Ground(const sim::Grid& grid) : grid_(grid) {}

  // The ground z of the cell under (x, y), else of the nearest target cell within 2 cells
  // (an agent on a cell that is no target: a building edge, a bridge over water); nullopt
  // outside the grid or with no ground near.
  std::optional<double> At(double x, double y) const;
  // Inside the grid's extent (the scenario's area).
  bool InArea(double x, double y) const;
  // The cell index under (x, y); the point must be in the area.
  std::uint32_t Cell(double x, double y) const;
  const sim::Grid& grid() const { return grid_; }

 private:
  const sim::Grid& grid_;
};

}  // namespace agents
