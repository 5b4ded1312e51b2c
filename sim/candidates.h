// Where cameras could go: mount points along building facades (facing out) and on existing
// poles (street lamps, masts), times directions, tilts and catalogue models.
#pragma once

#include <vector>

#include "geo/city_model.h"
#include "geo/triangulate.h"
#include "sim/optimise.h"

namespace sim {

struct CandidateOptions {
  bool facades = true;
  bool poles = true;                     // the city's street lamps and masts (OSM)
  bool roofs = false;                    // on roof edges: 0.5 m above the wall top, facing out
  std::vector<geo::Vec3f> extra_poles;   // more pole positions (local; z = ground), e.g. from a layer
  double spacing_m = 10;                 // between facade mounts
  std::vector<double> heights_m = {6};   // mount height above the wall's foot / the pole's base
  int yaw_steps = 5;                     // facades: across +-60 deg of the outward normal; poles: all round
  std::vector<double> pitches_deg = {-15};
  std::vector<Camera> models;            // optics and cost templates (the catalogue)
  std::vector<geo::Polygon> no_mount;    // areas where no camera may be mounted (local metres)
  std::size_t max_candidates = 50000;    // refuse larger sets (ask for a coarser spacing)
};

// In a fixed order (facades by wall, then poles), so results are reproducible.
// Throws core::InputError when no model is given or the set would exceed max_candidates.
std::vector<Candidate> GenerateCandidates(const geo::CityModel& city, const CandidateOptions& options);

}  // namespace sim
