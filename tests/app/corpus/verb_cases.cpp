// Corpus: every verb with wrong command lines, bad values and outputs that cannot be written.
#include "app/corpus/corpus.h"

namespace corpus {

std::vector<CorpusCase> VerbCases() {
  const std::string optimise = "optimise: {budget: 300, time_limit_s: 2, candidates: {facades: true, poles: false, spacing_m: 10}}\n";
  return {
      // The command line itself (exit 2: wrong command line).
      {.name = "no_verb", .args = {}, .exit_code = 2, .message = "verb|subcommand"},
      {.name = "unknown_verb", .args = {"frobnicate"}, .exit_code = 2, .message = "unknown verb 'frobnicate'; the verbs are: info, "},
      {.name = "unknown_flag", .args = {"coverage", "scenario.yaml", "--colour"}, .exit_code = 2, .message = "--colour"},
      {.name = "info_without_input", .args = {"info"}, .exit_code = 2, .message = "inputs"},
      {.name = "info_bbox_three_numbers", .args = {"info", "scenario.yaml", "--bbox", "1", "2", "3"}, .exit_code = 2, .message = "bbox"},
      {.name = "info_bbox_text", .args = {"info", "scenario.yaml", "--bbox", "a", "b", "c", "d"}, .exit_code = 2, .message = "bbox"},
      {.name = "coverage_missing_scenario", .args = {"coverage", "nowhere.yaml", "-o", "{out}"}, .exit_code = 2, .message = "nowhere.yaml"},
      {.name = "coverage_resolution_zero", .args = {"coverage", "scenario.yaml", "--resolution", "0", "-o", "{out}"}, .exit_code = 2, .message = "resolution"},
      {.name = "coverage_resolution_negative", .args = {"coverage", "scenario.yaml", "--resolution", "-1", "-o", "{out}"}, .exit_code = 2, .message = "resolution"},
      {.name = "coverage_threads_negative", .args = {"coverage", "scenario.yaml", "--threads", "-2", "-o", "{out}"}, .exit_code = 2, .message = "threads"},
      // Every numeric flag refuses NaN and infinities and keeps its YAML key's range (app/cli_checks.h).
      {.name = "coverage_resolution_nan", .args = {"coverage", "scenario.yaml", "--resolution", "nan", "-o", "{out}"}, .exit_code = 2, .message = "--resolution: 'nan' is not a finite number"},
      {.name = "network_duration_inf", .args = {"network", "scenario.yaml", "--duration", "inf", "-o", "{out}"}, .exit_code = 2, .message = "--duration: 'inf' is not a finite number"},
      {.name = "network_duration_above_the_yaml_cap", .args = {"network", "scenario.yaml", "--duration", "1e9", "-o", "{out}"}, .exit_code = 2, .message = "--duration: 1e9 is outside \\[0.1, 86400\\]"},
      {.name = "lens_sensor_width_nan", .args = {"lens", "--sensor-width", "nan", "--focal", "4"}, .exit_code = 2, .message = "--sensor-width: 'nan' is not a finite number"},
      {.name = "lens_hfov_nan", .args = {"lens", "--hfov", "nan", "--px-per-m", "125", "--width-px", "2688"}, .exit_code = 2, .message = "--hfov: 'nan'"},
      {.name = "feeds_flag_fps_zero", .args = {"feeds", "scenario.yaml", "--fps", "0", "-o", "{out}"}, .exit_code = 2, .message = "--fps: 0 is outside \\[1, 120\\]"},
      {.name = "feeds_flag_size_zero", .args = {"feeds", "scenario.yaml", "--size", "0x0", "-o", "{out}"}, .exit_code = 2, .message = "--size: 0x0: each side must be"},
      {.name = "feeds_flag_duration_negative", .args = {"feeds", "scenario.yaml", "--duration", "-1", "-o", "{out}"}, .exit_code = 2, .message = "--duration: -1 is outside"},
      {.name = "feeds_flag_cameras_empty_item", .args = {"feeds", "scenario.yaml", "--cameras", "C01,,C06", "-o", "{out}"}, .exit_code = 2, .message = "--cameras: 'C01,,C06' has an empty camera id"},
      {.name = "feeds_flag_cameras_comma", .args = {"feeds", "scenario.yaml", "--cameras", ",", "-o", "{out}"}, .exit_code = 2, .message = "--cameras: ',' has an empty camera id"},
      {.name = "coverage_output_empty", .args = {"coverage", "scenario.yaml", "-o", ""}, .exit_code = 2, .message = "--output: an empty folder name"},
      {.name = "coverage_threads_text", .args = {"coverage", "scenario.yaml", "--threads", "many", "-o", "{out}"}, .exit_code = 2, .message = "threads"},
      {.name = "optimise_budget_negative", .args = {"optimise", "scenario.yaml", "--budget", "-5", "-o", "{out}"}, .exit_code = 2, .message = "budget"},
      {.name = "optimise_time_limit_zero", .args = {"optimise", "scenario.yaml", "--time-limit", "0", "-o", "{out}"}, .exit_code = 2, .message = "time-limit"},
      {.name = "compare_missing_second", .args = {"compare", "scenario.yaml", "nowhere.yaml", "-o", "{out}"}, .exit_code = 2, .message = "nowhere.yaml"},
      {.name = "export_mesh_without_output", .args = {"export-mesh", "scenario.yaml"}, .exit_code = 2, .message = "output"},
      // Values that pass the command-line parser but make no sense.
      {.name = "info_bbox_inverted", .args = {"info", "scenario.yaml", "--bbox", "85040", "447480", "84980", "447540", "--bbox-crs", "EPSG:28992"},
       .exit_code = 1, .message = "bbox"},
      {.name = "info_unknown_crs", .args = {"info", "city.geojson", "--crs", "EPSG:999999"}, .exit_code = 1, .message = "EPSG:999999"},
      {.name = "info_bbox_crs_unknown", .args = {"info", "city.geojson", "--bbox", "1", "2", "3", "4", "--bbox-crs", "EPSG:999999"},
       .exit_code = 1, .message = "EPSG:999999"},
      {.name = "info_missing_file", .args = {"info", "nowhere.gpkg"}, .exit_code = 1, .message = "nowhere.gpkg: file not found"},
      {.name = "info_two_files_one_missing", .args = {"info", "city.geojson", "nowhere.gpkg"}, .exit_code = 1, .message = "nowhere.gpkg: file not found"},
      {.name = "info_bbox_outside_city", .args = {"info", "city.geojson", "--bbox", "0", "0", "10", "10", "--bbox-crs", "EPSG:28992"},
       .exit_code = 1, .message = "area"},
      {.name = "info_default_height_negative", .args = {"info", "city.geojson", "--default-height", "-5"}, .exit_code = 2,
               .message = "default-height"},
      {.name = "info_default_height_nan", .args = {"info", "city.geojson", "--default-height", "nan"}, .exit_code = 2,
               .message = "default-height"},
      {.name = "export_mesh_default_height_huge", .args = {"export-mesh", "city.geojson", "--default-height", "1e308", "-o", "{out}/city.ply"},
               .exit_code = 2, .message = "default-height"},
      // Outputs: the target cannot be written, a previous good output survives.
      {.name = "export_mesh_unknown_extension", .args = {"export-mesh", "scenario.yaml", "-o", "{out}/city.stl"}, .exit_code = 1,
       .message = "unknown mesh format '.stl'"},
      {.name = "export_mesh_bad_scenario_keeps_previous", .files = {{"scenario.yaml", Scenario("version: 1", "version: 7")}},
       .args = {"export-mesh", "scenario.yaml", "-o", "{out}/city.ply"}, .exit_code = 1, .message = "scenario.yaml: line 1: unsupported scenario version 7"},
      {.name = "export_mesh_into_missing_folder", .args = {"export-mesh", "scenario.yaml", "-o", "{out}/no/such/city.ply"},
               .exit_code = 1, .message = "such/city.ply: "},
      {.name = "export_mesh_onto_a_folder", .files = {{"mesh.ply/keep.txt", "x"}}, .args = {"export-mesh", "scenario.yaml", "-o", "mesh.ply"},
               .exit_code = 1, .message = "mesh.ply: "},
      {.name = "coverage_output_is_a_file", .args = {"coverage", "scenario.yaml", "-o", "{out}/summary.json"}, .exit_code = 1,
       .message = "summary.json"},
      {.name = "optimise_output_is_a_file", .args = {"optimise", "scenario.yaml", "-o", "{out}/optimised.yaml"}, .exit_code = 1,
               .message = "optimised.yaml"},
      {.name = "report_output_is_a_file", .args = {"report", "scenario.yaml", "-o", "{out}/report.pdf"}, .exit_code = 1, .message = "report.pdf"},
      {.name = "compare_output_is_a_file", .args = {"compare", "scenario.yaml", "scenario.yaml", "-o", "{out}/compare.json"}, .exit_code = 1,
       .message = "compare.json"},
      // Verbs refusing scenarios they cannot use.
      {.name = "optimise_without_section", .files = {{"scenario.yaml", Scenario(optimise, "")}}, .args = {"optimise", "scenario.yaml", "-o", "{out}"},
       .exit_code = 1, .message = "scenario.yaml: .*no `optimise:` section"},
      {.name = "optimise_budget_below_cheapest", .args = {"optimise", "scenario.yaml", "--budget", "10", "-o", "{out}"}, .exit_code = 1,
       .message = "budget is below the cheapest camera"},
      {.name = "compare_different_grids", .files = {{"b.yaml", Scenario("resolution_m: 1,", "resolution_m: 2,")}},
       .args = {"compare", "scenario.yaml", "b.yaml", "-o", "{out}"}, .exit_code = 1, .message = "they differ in grid resolution_m \\(1 vs 2\\)"},
      {.name = "compare_different_area", .files = {{"b.yaml", Scenario("85040, 447540]", "85040, 447550]")}},
       .args = {"compare", "scenario.yaml", "b.yaml", "-o", "{out}"}, .exit_code = 1, .message = "they differ in area \\(bbox"},
      // Checked before the coverage run: a scenario without `agents:`.
      {.name = "agents_without_section", .args = {"agents", "scenario.yaml", "-o", "{out}"}, .exit_code = 1, .message = "scenario.yaml: no `agents:` section"},
      {.name = "compare_different_crs", .files = {{"b.yaml", Replace(Scenario("crs: EPSG:28992\n", "crs: EPSG:32631\n"), "crs: EPSG:28992}", "crs: EPSG:28992}")}},
       .args = {"compare", "scenario.yaml", "b.yaml", "-o", "{out}"}, .exit_code = 1, .message = "CRS|crs"},
      // A camera or zone outside the area is a warning naming it; the run goes on.
      {.name = "coverage_cameras_outside_area", .files = {{"scenario.yaml", Scenario("[84990, 447490]", "[95000, 447490]")}},
       .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .exit_code = 0, .message = "camera outside the area\\s+warning: +e.g. scenario.yaml: line 11: camera 'C01'"},
      {.name = "coverage_zone_outside_area", .files = {{"scenario.yaml", Scenario("[[84985, 447485], [84998, 447485], [84998, 447498]]", "[[1, 1], [2, 1], [2, 2]]")}},
       .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .exit_code = 0, .message = "zone outside the area.*\\s+warning: +e.g. scenario.yaml: line 13: zone 'Plaza'"},
      // A good run for reference: every verb succeeds on the base town.
      {.name = "good_info", .args = {"info", "scenario.yaml"}, .exit_code = 0, .message = "buildings: 2 "},
      {.name = "good_coverage", .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .exit_code = 0, .message = "seen by any camera"},
      {.name = "good_export_mesh", .args = {"export-mesh", "scenario.yaml", "-o", "{out}/city.ply"}, .exit_code = 0, .message = "wrote .*city.ply"},
  };
}

}  // namespace corpus
