// One process's share of a city that several processes load together (an MPI rank each): each
// reads only the features that meet its window, and gets, inside the window, the triangles one
// process loading everything would have.
#pragma once

#include <functional>

#include "geo/frame.h"

namespace geo {

struct CityWindow {
  // Called once the frame and the area (frame metres, local) are known, before anything is read:
  // the box to read (local frame metres). Only with an area of interest: without one the
  // area is the extent of everything read.
  std::function<Box2d(const Frame& frame, const Box2d& area)> choose;

  // Set by LoadCity.
  // Mesh, paths or poles were read in the window (before any ground plane): a window over open
  // sea or fields may hold none, so whether the area holds anything is for all windows to say.
  bool holds_geometry = false;
  // False when the city inside the window would not be what a whole load gives: with no DEM
  // or DSM, the ground is derived from every building base and terrain object of the model
  // (a TIN over the whole area), which no window has. The caller then loads the whole city.
  bool exact = true;
};

}  // namespace geo
