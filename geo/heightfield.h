// A regular grid of terrain heights in the local frame, for seating buildings and cameras.
#pragma once

#include <cstddef>
#include <vector>

namespace geo {

struct Heightfield {
  double x0 = 0, y0 = 0;  // local coordinates of node (0, 0): the south-west node
  double spacing = 1;     // metres between nodes, same in x and y
  int nx = 0, ny = 0;
  std::vector<float> z;   // row-major from south to north; NaN where there is no data

  float At(int i, int j) const { return z[static_cast<std::size_t>(j) * nx + i]; }
  // Height at (x, y), linear on the two triangles per cell the terrain mesh is made of (split
  // along the (i, j)-(i+1, j+1) diagonal); NaN outside the grid or next to a no-data node.
  double Sample(double x, double y) const;
};

}  // namespace geo
