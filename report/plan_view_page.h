// Private to report/: the plan view page, as the workbench draws it with wedges on: every
// camera's footprint on the ground by density band (sim::FootprintOf), cut by the buildings.
#pragma once

#include <cairo.h>

#include "report/coverage_outputs.h"

namespace report {

// Draws the page's content (title, map, legend); the caller adds the footer and shows the page.
void PlanViewPage(cairo_t* cr, const CoverageRun& run);

}  // namespace report
