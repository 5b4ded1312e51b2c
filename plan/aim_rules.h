// Where a camera placed by hand should look before the planner turns it: a new pole faces the
// nearest priority zone (the reason it is there), or looks along the street it stands by, not
// north.
#pragma once

#include <limits>
#include <optional>
#include <vector>

#include "geo/city_model.h"
#include "sim/zones.h"

namespace plan {

// Yaw (degrees clockwise from north) from (x, y) toward the nearest point of any priority
// zone's outline within `within_m`; from inside a zone, toward its centre. nullopt without
// priority zones that near or when the point is the zone's centre.
std::optional<double> YawTowardNearestPriorityZone(
    const std::vector<sim::Zone>& zones, double x, double y,
    double within_m = std::numeric_limits<double>::infinity());

// Yaw along the nearest street or footway (the city's path layers) within `within_m` of
// (x, y): toward the longer stretch of it from the point nearest the camera, which is the
// more street to see. nullopt without one that near.
std::optional<double> YawAlongNearestStreet(const std::vector<geo::PathFeature>& paths, double x,
                                            double y, double within_m = 30);

// A new pole's yaw: toward a priority zone within its range, else along a street beside it,
// else toward the nearest priority zone however far; nullopt (keep north) when none applies.
std::optional<double> NewPoleYaw(const std::vector<sim::Zone>& zones,
                                 const std::vector<geo::PathFeature>& paths, double x, double y,
                                 double range_m);

}  // namespace plan
