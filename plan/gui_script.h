// Scripted GUI sessions (`sightline gui --script actions.yaml`): what a planner does with the
// mouse and menus, as a YAML list, so tests under Xvfb and benchmarks drive the real front end.
//
//   - place: {at: [84950, 447500], model: bullet-4mp}   # drop a camera (frame CRS coordinates)
//   - click: [800, 450]            # a left click at a window pixel with the current tool
//   - tool: place | select | measure | zone
//   - measure: {from: [84950, 447500], to: [84960, 447510]}   # the measure tool's two points
//   - select: C03                  # or [C01, C02]; [] clears
//   - move: {to: [84960, 447510]}  # drag the selected camera there (along the surface)
//   - rotate: {yaw: 30, pitch: -5} # turn the selected cameras by these angles
//   - aim: {at: [84950, 447500]}   # the selected cameras look at that ground point (Ctrl+drag)
//   - set: {yaw: 120, pitch: -20, height_m: 5, model: bullet-8mp-tele, id: X1}
//   - delete                       # the selected cameras
//   - undo / redo
//   - view: top | 3d | home
//   - zoom: 2                      # closer by this factor (0.5: farther), about the view's centre
//   - look_at: [84975, 447515]     # the view turns about this ground point (frame CRS)
//   - overlay: k | density | off
//   - wedges: on | off             # every camera's footprint by DORI band
//   - zone: {points: [[x, y], ...], name: Market, kind: priority, dori: recognise, k: 2, weight: 2}
//                                  # kind: priority, privacy or exclude (not evaluated)
//   - zone_vertex: {zone: Market, index: 1, to: [x, y]}   # drag a vertex of a zone
//                                  # (part: 0, ring: 1: of its first hole)
//   - zone_hole: {zone: Market, points: [[x, y], ...]}    # the zone tool's "Cut a hole"
//   - zone_part: {zone: Market, points: [[x, y], ...]}    # ... "Add a part"
//   - zone_set: {zone: Market, kind: privacy}      # change a zone's fields (name, kind, dori, k, weight)
//   - delete_zone: Market
//   - background: {file: ortho.tif, opacity: 0.6}   # a raster under the coverage (saved with the plan)
//   - background: {opacity: 0.3}   # ... its opacity; `background: clear` removes it
//   - background: {file: bad.tif, expect: error}    # must be refused, the old one kept
//   - save: out/plan.yaml          # the scenario with the edited plan
//   - summary: out/summary.json    # the live coverage figures (as `sightline coverage` writes)
//   - export: out/coverage         # coverage.tif/.gpkg/.png + summary.json
//   - report: out/report           # report.pdf and maps
//   - screenshot: out/gui.png
//   - eye: out/eye.png             # the selected camera's view
//   - open: other.yaml             # opens another scenario (errors are shown, project kept)
//   - open: {file: bad.yaml, expect: error}   # must fail and leave the project as it was
//   - optimise: {time_limit_s: 5}  # run the scenario's optimiser and apply its plan
//   - dialog: save_as              # show the file browser (open, save_as, export, report, background, screenshot)
//   - frames: 10                   # just render frames
//   - benchmark: {frames: 120, moves: 40}
//   - agents: run                  # simulate the scenario's agents: over the plan (waits for it)
//   - agents: {duration_s: 60}     # ... for this many simulated seconds
//   - time: 42.5                   # the timeline at this instant (simulated seconds)
//   - play / pause                 # the timeline's clock (wall time; `frames:` lets it run)
//   - speed: 4                     # simulated seconds per second
//   - hand_over                    # the script ends and the window stays, a person's session
//                                  # (tests of what an idle window costs after the script)
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace plan {

struct ScriptAction {
  std::string verb;                    // place, click, select, move, ...
  std::string text;                    // path, mode, tool, id
  std::vector<std::string> ids;        // select
  std::array<double, 2> xy{0, 0};      // place/move: frame CRS; click: pixels
  std::array<double, 2> xy2{0, 0};     // measure: the second point
  std::map<std::string, double> numbers;  // rotate/set/benchmark fields
  std::string model;                   // place/set
  std::vector<std::array<double, 2>> points;  // zone: the outline, frame CRS
  std::map<std::string, std::string> words;   // zone fields given as text: name, kind, dori, zone
  bool expect_error = false;           // open: the file must be refused
  int line = 0;                        // for messages
};

// Throws core::InputError naming the file and line for unknown verbs or bad values.
std::vector<ScriptAction> LoadScript(const std::filesystem::path& file);

}  // namespace plan
