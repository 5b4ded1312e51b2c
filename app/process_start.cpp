#include "app/process_start.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace app {

std::chrono::steady_clock::time_point ProcessStart() {
  const auto now = std::chrono::steady_clock::now();
  std::ifstream stat_file("/proc/self/stat"), uptime_file("/proc/uptime");
  std::string stat;
  double uptime_s = 0;
  if (!std::getline(stat_file, stat) || !(uptime_file >> uptime_s)) return now;
  // Field 22 is the start time; the command name (field 2) may hold spaces, so count after it.
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return now;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  for (int i = 3; i < 22 && fields >> field; ++i) {
  }
  unsigned long long start_ticks = 0;
  const long ticks_per_s = sysconf(_SC_CLK_TCK);
  if (!(fields >> start_ticks) || ticks_per_s <= 0) return now;
  const double age_s = uptime_s - static_cast<double>(start_ticks) / static_cast<double>(ticks_per_s);
  if (!(age_s >= 0 && age_s < 60)) return now;  // implausible: count from now
  return now - std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(age_s));
}

}  // namespace app
