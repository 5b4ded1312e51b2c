#include "feeds/sun.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace feeds {
namespace {

constexpr double kDeg = std::numbers::pi / 180;

// Days from 1970-01-01 of a civil date (H. Hinnant's algorithm).
long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

}  // namespace

std::optional<double> DaysSinceJ2000(const std::string& utc) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  const int n = std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d%n:%2d%n", &y, &mo, &d, &h, &mi, &used,
                            &s, &used);
  if (n < 5 || (used != int(utc.size()) && !(used + 1 == int(utc.size()) && utc.back() == 'Z')))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || y < 1900 || y > 2200)
    return std::nullopt;
  const long days = DaysFromCivil(y, unsigned(mo), unsigned(d)) - DaysFromCivil(2000, 1, 1);
  return days - 0.5 + (h + mi / 60.0 + s / 3600.0) / 24;
}

SunPosition Sun(double lon_deg, double lat_deg, double n) {
  const double g = (357.529 + 0.98560028 * n) * kDeg;  // mean anomaly
  const double q = 280.459 + 0.98564736 * n;           // mean longitude, degrees
  const double l =
      (q + 1.915 * std::sin(g) + 0.020 * std::sin(2 * g)) * kDeg;  // ecliptic longitude
  const double e = (23.439 - 0.00000036 * n) * kDeg;               // obliquity
  const double ra = std::atan2(std::cos(e) * std::sin(l), std::cos(l));
  const double dec = std::asin(std::sin(e) * std::sin(l));
  const double gmst_deg = std::fmod(280.46061837 + 360.98564736629 * n, 360.0);
  const double ha = (gmst_deg + lon_deg) * kDeg - ra;  // local hour angle
  const double lat = lat_deg * kDeg;
  const double el =
      std::asin(std::sin(lat) * std::sin(dec) + std::cos(lat) * std::cos(dec) * std::cos(ha));
  const double az =
      std::atan2(-std::sin(ha), std::tan(dec) * std::cos(lat) - std::sin(lat) * std::cos(ha));
  return {std::fmod(az / kDeg + 360, 360), el / kDeg};
}

double DaylightAt(double elevation_deg) { return std::clamp((elevation_deg + 6) / 16, 0.0, 1.0); }

}  // namespace feeds
