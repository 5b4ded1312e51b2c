// What the CLI stamps on reports: the software version and today's date.
#pragma once

#include "report/pdf_report.h"

namespace app {

report::ReportOptions ReportOptionsToday();

}  // namespace app
