// The ground when no DEM gives it, and buildings seated on the ground in use.
//
// Order of evidence: a DEM (role terrain); else a DTM derived from a DSM (role surface); else a
// TIN through the model's own ground: terrain objects (TINRelief, LandUse, Road, water) first,
// then the base of each building (its downward faces at its lowest point, else its lowest ring);
// else the datum z = 0. City models in national heights (Zurich at 400-620 m) then stand on
// their own ground instead of floating above a plane at 0.
#pragma once

#include "core/diagnostics.h"
#include "geo/city_model.h"
#include "geo/city_sources.h"

namespace geo {

// A DTM from a DSM alone: grey-scale morphological opening (erosion then dilation) with a
// square window `window_m` wide. Removes every raised object narrower than the window
// (buildings, tree crowns) and keeps planar slopes exactly. Limits: buildings or blocks wider
// than the window stay as ground; hilltops and ridges narrower than it are cut down; pits in the
// DSM (noise, open water in a quarry) pull the ground down around them. No-data stays no-data.
Heightfield GroundFromSurface(const Heightfield& dsm, double window_m);

// A TIN (CGAL Delaunay in plan) through the model's terrain objects' vertices and the bases of
// its buildings where no terrain object lies, extended to the area's border. Sets
// city.terrain (sampled on a regular grid) and ground_source = model, and adds the TIN's faces
// that no terrain object already covers to the mesh as ground. Returns false (and changes
// nothing) when the model carries no heights of its own: every such point at z = 0, as for
// footprints extruded from the datum.
bool DeriveGroundFromModel(CityModel& city, const GroundOptions& options);

// Seats buildings on city.terrain: a base within options.snap_tolerance_m of the ground under
// it is moved onto it (a real LoD2 base a few cm above a real DTM must not leave a hollow
// interior); bases further than options.float_warning_m above or below are reported. Does
// nothing without terrain.
void SeatBuildingsOnGround(CityModel& city, const GroundOptions& options,
                           core::Diagnostics& diagnostics);

// True for the features that are buildings (Building, BuildingPart, extruded footprints...).
bool IsBuildingKind(const std::string& kind);

}  // namespace geo
