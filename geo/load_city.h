// Builds the one metric city mesh from every source of a scenario.
#pragma once

#include "core/diagnostics.h"
#include "geo/city_model.h"
#include "geo/city_sources.h"

namespace geo {

// Reads each source, reprojects it into the frame, clips to the area, triangulates footprints
// (CGAL constrained Delaunay) and extrudes them onto the terrain.
// Throws core::InputError when a source cannot be used at all or nothing remains; repairable
// problems (invalid rings, missing heights...) are counted in `diagnostics`.
CityModel LoadCity(const CityLoadOptions& options, core::Diagnostics& diagnostics);

}  // namespace geo
