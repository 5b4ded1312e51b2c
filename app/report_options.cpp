#include "app/report_options.h"

#include <ctime>

namespace app {

report::ReportOptions ReportOptionsToday() {
  report::ReportOptions options;
  options.software = "sightline " SIGHTLINE_VERSION;
  const std::time_t now = std::time(nullptr);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", std::localtime(&now));
  options.date = date;
  return options;
}

}  // namespace app
