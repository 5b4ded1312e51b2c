// Where the sun is for a place and a UTC time (the low-precision almanac formulae, about 0.01
// degrees, 1950-2050), and how much daylight that gives: the scene's light and the day/night knob.
#pragma once

#include <optional>
#include <string>

namespace feeds {

struct SunPosition {
  double azimuth_deg = 0;    // clockwise from north
  double elevation_deg = 0;  // above the horizon
};

// Days since J2000.0 (2000-01-01 12:00 UTC) of "YYYY-MM-DDTHH:MM" or "...:SS" (UTC, an optional
// trailing Z); nullopt when malformed.
std::optional<double> DaysSinceJ2000(const std::string& utc);

SunPosition Sun(double lon_deg, double lat_deg, double days_since_j2000);

// 0 below -6 degrees (civil twilight), 1 from +10 degrees, linear between.
double DaylightAt(double elevation_deg);

}  // namespace feeds
