// The report's page on people and vehicles: where pedestrians walk (the flow heat map) and the
// share of their time the cameras see. Plain figures, filled by the agents module when the
// scenario has an `agents:` section, so that report/ knows nothing of SUMO.
#pragma once

#include <string>
#include <vector>

namespace report {

struct PeopleSection {
  struct Row {
    std::string group;         // "people", "vehicles"
    double in_area_s = 0;      // agent-seconds inside the area
    double seen_pct = 0;       // by at least one camera
    double seen_by_2_pct = 0;  // by at least two
    std::vector<double> at_level_pct;  // per density level of the run
    int agents = 0;
    int agents_ever_at_recognise = 0;  // at the third level or better, at least once
  };
  std::string source;       // "scripted walkers", "SUMO"
  double duration_s = 0;
  std::vector<Row> rows;
  std::vector<float> flow;  // pedestrians per 100 m2 on each grid cell (0: nobody)
};

}  // namespace report
