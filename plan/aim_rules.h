// Where a camera placed by hand should look before the planner turns it: a new pole faces the
// nearest priority zone (the reason it is there), not north.
#pragma once

#include <optional>
#include <vector>

#include "sim/zones.h"

namespace plan {

// Yaw (degrees clockwise from north) from (x, y) toward the nearest point of any priority
// zone's outline; from inside a zone, toward its centre. nullopt without priority zones or
// when the point is the zone's centre.
std::optional<double> YawTowardNearestPriorityZone(const std::vector<sim::Zone>& zones, double x,
                                                   double y);

}  // namespace plan
