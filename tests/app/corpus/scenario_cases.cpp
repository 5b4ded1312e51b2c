// Corpus: the scenario file, key by key. Every message names scenario.yaml and the line.
#include "app/corpus/corpus.h"

namespace corpus {
namespace {

std::vector<std::string> Args(const std::string& verb) {
  if (verb == "info") return {"info", "scenario.yaml"};
  if (verb == "export-mesh") return {"export-mesh", "scenario.yaml", "-o", "{out}/city.ply"};
  if (verb == "compare") return {"compare", "scenario.yaml", "scenario.yaml", "-o", "{out}"};
  return {verb, "scenario.yaml", "-o", "{out}"};
}

// A case whose scenario is `yaml`, run with `verb`, failing with exit 1 and `message`.
CorpusCase Bad(std::string name, std::string verb, std::string yaml, std::string message) {
  return {.name = std::move(name), .files = {{"scenario.yaml", std::move(yaml)}}, .args = Args(verb),
          .exit_code = 1, .message = std::move(message)};
}


// A catalogue whose model 'm' is `fields`, read by `lens --catalogue`, failing with `message`.
CorpusCase BadModel(std::string name, const std::string& fields, std::string message) {
  return {.name = std::move(name), .files = {{"cat.yaml", "sightline_catalogue: 1\nmodels:\n  m: " + fields + "\n"}},
          .args = {"lens", "--catalogue", "cat.yaml"}, .exit_code = 1, .message = std::move(message)};
}

}  // namespace

std::vector<CorpusCase> ScenarioCases() {
  const std::string camera = "  - {id: C01, model: dome, position: [84990, 447490], height_m: 6, yaw: 45, pitch: -20}";
  const std::string model = "  dome: {resolution: [1920, 1080], hfov_deg: 90, range_m: [0.5, 40], cost: 100}";
  const std::string zone = "  - {name: Plaza, kind: priority, dori: detect, polygon: [[84985, 447485], [84998, 447485], [84998, 447498]]}";
  const std::string optimise = "optimise: {budget: 300, time_limit_s: 2, candidates: {facades: true, poles: false, spacing_m: 10}}";
  const std::string area = "area: {bbox: [84980, 447480, 85040, 447540], crs: EPSG:28992}";
  const std::string source = "  - {source: city.geojson, height_attribute: height}";
  auto cam = [&](const std::string& from, const std::string& to) { return Scenario(camera, Replace(camera, from, to)); };
  auto mod = [&](const std::string& from, const std::string& to) { return Scenario(model, Replace(model, from, to)); };
  auto zon = [&](const std::string& from, const std::string& to) { return Scenario(zone, Replace(zone, from, to)); };
  auto opt = [&](const std::string& from, const std::string& to) { return Scenario(optimise, Replace(optimise, from, to)); };
  return {
      // The file itself.
      Bad("yaml_syntax_error", "info", Scenario("cameras:\n", "cameras: [\n"), "scenario.yaml: line 1[0-9]: YAML syntax error"),
      Bad("yaml_tab_indentation", "coverage", Scenario("  - {source", "\t- {source"), "scenario.yaml: line [0-9]+: YAML syntax error: .*\\(YAML indents with spaces, and line [0-9]+ is indented with a tab\\)"),
      Bad("yaml_unclosed_quote", "report", Scenario("name: Corpus town", "name: \"Corpus town"), "scenario.yaml: line [0-9]+: "),
      Bad("not_a_mapping", "info", "- a\n- b\n", "scenario.yaml: a scenario must be a YAML mapping"),
      Bad("empty_file", "coverage", "", "scenario.yaml: a scenario must be a YAML mapping"),
      Bad("only_a_comment", "export-mesh", "# nothing here\n", "scenario.yaml: a scenario must be a YAML mapping"),
      Bad("binary_garbage", "info", Bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe"), "scenario.yaml: "),
      Bad("missing_version", "info", Scenario("version: 1\n", ""), "scenario.yaml: line 1: missing `version: 1`"),
      Bad("version_2", "coverage", Scenario("version: 1", "version: 2"), "scenario.yaml: line 1: unsupported scenario version 2"),
      Bad("version_text", "info", Scenario("version: 1", "version: one"), "scenario.yaml: line 1: version has the wrong type"),
      Bad("unknown_top_key", "info", Scenario("grid:", "heigth: 3\ngrid:"), "scenario.yaml: line 7: unknown key 'heigth' in scenario"),
      Bad("feeds_fps_zero", "coverage", Scenario("grid:", "feeds: {fps: 0}\ngrid:"), "scenario.yaml: line 7: fps must be 1..120"),
      Bad("feeds_odd_size", "coverage", Scenario("grid:", "feeds:\n  size: [641, 480]\ngrid:"), "scenario.yaml: line 8: size: H.264 4:2:0 needs even"),
      Bad("network_without_nodes", "info", Scenario("grid:", "network: {}\ngrid:"), "scenario.yaml: line 7: network needs nodes"),
      // Found by a newcomer: values that passed the parser and crashed or hung a run later.
      Bad("walker_path_nan", "info", Scenario("grid:", "agents: {walkers: [{id: A, path: [[85000, 447500], [.nan, 447500]]}]}\ngrid:"),
          "scenario.yaml: line 7: walker 'A' path x must be a finite coordinate"),
      Bad("walker_path_without_length", "info", Scenario("grid:", "agents: {walkers: [{id: A, path: [[85000, 447500], [85000, 447500]]}]}\ngrid:"),
          "scenario.yaml: line 7: walker 'A': the path has no length"),
      Bad("agents_duration_huge", "info", Scenario("grid:", "agents: {duration_s: 1e308, walkers: [{id: A, path: [[85000, 447500], [85010, 447500]]}]}\ngrid:"),
          "scenario.yaml: line 7: duration_s must be at most 86400"),
      Bad("agents_step_tiny", "info", Scenario("grid:", "agents: {step_s: 1e-9, walkers: [{id: A, path: [[85000, 447500], [85010, 447500]]}]}\ngrid:"),
          "scenario.yaml: line 7: step_s must be within"),
      Bad("feeds_time_month_13", "info", Scenario("grid:", "feeds: {time: 2026-13-45T25:99}\ngrid:"),
          "scenario.yaml: line 7: time '2026-13-45T25:99' is not a UTC time"),
      Bad("agents_demand_weight_null", "info", Scenario("grid:", "agents: {pedestrians_per_hour: 100, demand_weights: {Plaza: }}\ngrid:"),
          "scenario.yaml: line 7: demand weight of zone 'Plaza' has the wrong type \\(got nothing: the value is empty\\)"),
      {.name = "catalogue_is_a_folder", .files = {{"scenario.yaml", Scenario("grid:", "catalogue: cat\ngrid:")}},
       .generate = [](const std::filesystem::path& dir) { std::filesystem::create_directory(dir / "cat"); },
       .args = Args("info"), .message = "scenario.yaml: line 7: camera catalogue '.*cat' is a folder, not a catalogue file"},
      Bad("agents_demand_huge", "info", Scenario("grid:", "agents: {pedestrians_per_hour: 1e308}\ngrid:"),
          "scenario.yaml: line 7: pedestrians_per_hour must be at most 100000"),
      Bad("network_capacity_tiny", "info",
          Scenario("grid:", "network: {nodes: [{id: sw, kind: switch}, {id: nvr, kind: recorder, storage_tb: 8}], "
                            "links: [{from: sw, to: nvr, capacity_mbps: 1e-300}]}\ngrid:"),
          "scenario.yaml: line 7: .*capacity_mbps must be within \\[0.001, 1e6\\]"),
      Bad("model_bitrate_nan", "coverage", mod("cost: 100}", "cost: 100, bitrate_kbps: .nan}"), "scenario.yaml: line 9: bitrate_kbps must be within"),
      // city:
      Bad("city_missing", "info", Scenario("city:\n" + source + "\n", ""), "scenario.yaml: line 1: `city:` must list at least one source"),
      Bad("city_empty_list", "coverage", Scenario("city:\n" + source + "\n", "city: []\n"), "scenario.yaml: line 5: `city:` must list at least one source"),
      Bad("city_is_a_map", "info", Scenario("city:\n" + source + "\n", "city: {source: city.geojson}\n"), "scenario.yaml: line 5: `city:` must list"),
      Bad("city_source_missing", "info", Scenario(source, "  - {role: terrain}"), "scenario.yaml: line 6: city\\[0\\] needs a `source:` file"),
      Bad("city_unknown_key", "export-mesh", Scenario("height_attribute:", "heigth_attribute:"), "scenario.yaml: line 6: unknown key 'heigth_attribute' in city\\[0\\]"),
      Bad("city_bad_role", "info", Scenario("height_attribute: height}", "role: roof}"), "scenario.yaml: line 6: role must be one of"),
      Bad("city_source_is_a_list", "info", Scenario("source: city.geojson", "source: [a, b]"), "scenario.yaml: line 6: source has the wrong type"),
      // area:
      Bad("area_bbox_and_wkt", "info", Scenario("crs: EPSG:28992}", "crs: EPSG:28992, wkt: 'POINT(0 0)'}"), "scenario.yaml: line 4: area needs exactly one of"),
      Bad("area_bbox_three_values", "coverage", Scenario("[84980, 447480, 85040, 447540]", "[84980, 447480, 85040]"), "scenario.yaml: line 4: bbox must be \\[min_x"),
      Bad("area_bbox_inverted", "info", Scenario("[84980, 447480, 85040, 447540]", "[85040, 447480, 84980, 447540]"), "scenario.yaml: line 4: bbox must have min_x < max_x"),
      Bad("area_bbox_text", "info", Scenario("[84980, 447480, 85040, 447540]", "[84980, 447480, east, 447540]"), "scenario.yaml: line 4: bbox value has the wrong type \\(got 'east'\\)"),
      Bad("area_unknown_key", "info", Scenario("area: {bbox", "area: {box"), "scenario.yaml: line 4: unknown key 'box' in area"),
      Bad("area_bbox_nan", "info", Scenario("[84980, 447480, 85040, 447540]", "[.nan, 447480, 85040, 447540]"), "scenario.yaml: line 4: bbox"),
      Bad("area_bbox_infinite", "info", Scenario("[84980, 447480, 85040, 447540]", "[-.inf, 447480, .inf, 447540]"), "scenario.yaml: line 4: bbox"),
      Bad("area_unknown_crs", "info", Scenario("447540], crs: EPSG:28992}", "447540], crs: EPSG:999999}"), "scenario.yaml: line 4: .*EPSG:999999"),
      Bad("area_wkt_garbage", "info", Scenario(area, "area: {wkt: 'POLYGON((1 2, 3', crs: EPSG:28992}"), "scenario.yaml: line 4: area wkt: not a valid WKT polygon"),
      Bad("area_wkt_a_line", "info", Scenario(area, "area: {wkt: 'LINESTRING(85000 447500, 85010 447510)', crs: EPSG:28992}"),
          "scenario.yaml: line 4: area wkt: not a polygon but a Line String"),
      Bad("area_polygon_file_missing", "info", Scenario(area, "area: {polygon: nowhere.gpkg}"),
          "nowhere.gpkg: cannot open the area polygon file: file not found"),
      // crs:
      Bad("scenario_unknown_crs", "info", Scenario("crs: EPSG:28992\n", "crs: EPSG:999999\n"), "scenario.yaml: line 3: .*EPSG:999999"),
      Bad("scenario_crs_is_a_list", "info", Scenario("crs: EPSG:28992\n", "crs: [EPSG, 28992]\n"), "scenario.yaml: line 3: crs has the wrong type"),
      // defaults: and grid:
      Bad("defaults_unknown_key", "info", Scenario("grid:", "defaults: {storey_m: 3}\ngrid:"), "scenario.yaml: line 7: unknown key 'storey_m' in defaults"),
      Bad("defaults_negative_height", "coverage", Scenario("grid:", "defaults: {building_height_m: -5}\ngrid:"), "scenario.yaml: line 7: building_height_m must be a positive number"),
      Bad("defaults_zero_level", "info", Scenario("grid:", "defaults: {level_height_m: 0}\ngrid:"), "scenario.yaml: line 7: level_height_m must be a positive number"),
      Bad("defaults_nan_height", "info", Scenario("grid:", "defaults: {building_height_m: .nan}\ngrid:"), "scenario.yaml: line 7: building_height_m must be a positive number"),
      Bad("defaults_huge_height", "coverage", Scenario("grid:", "defaults: {building_height_m: 1e308}\ngrid:"), "scenario.yaml: line 7: building_height_m"),
      Bad("grid_resolution_too_fine", "coverage", Scenario("resolution_m: 1,", "resolution_m: 0.01,"), "scenario.yaml: line 7: resolution_m must be within \\[0.05, 100\\] m"),
      Bad("grid_resolution_text", "coverage", Scenario("resolution_m: 1,", "resolution_m: fine,"), "scenario.yaml: line 7: resolution_m has the wrong type \\(got 'fine'\\)"),
      Bad("grid_height_too_high", "report", Scenario("height_m: 1.7}", "height_m: 200}"), "scenario.yaml: line 7: grid height_m must be within \\[0, 100\\) m"),
      Bad("grid_unknown_key", "optimise", Scenario("height_m: 1.7}", "height_m: 1.7, cell: 2}"), "scenario.yaml: line 7: unknown key 'cell' in grid"),
      // density_levels:
      Bad("density_unknown_preset", "coverage", Scenario("grid:", "density_levels: iec-9999\ngrid:"), "scenario.yaml: line 7: .*iec-9999"),
      Bad("density_entry_incomplete", "coverage", Scenario("grid:", "density_levels: [{name: face}]\ngrid:"), "scenario.yaml: line 7: a density level needs name and min_px_per_m"),
      Bad("density_not_increasing", "report", Scenario("grid:", "density_levels: [{name: a, min_px_per_m: 100}, {name: b, min_px_per_m: 50}]\ngrid:"), "scenario.yaml: line 7: "),
      Bad("density_is_a_map", "info", Scenario("grid:", "density_levels: {a: 1}\ngrid:"), "scenario.yaml: line 7: density_levels must be a preset name or a list"),
      // camera_models:
      Bad("models_is_a_list", "coverage", Scenario("camera_models:\n" + model, "camera_models: [dome]"), "scenario.yaml: line 8: camera_models must map model names"),
      Bad("model_resolution_three_values", "coverage", mod("[1920, 1080]", "[1920, 1080, 3]"), "scenario.yaml: line 9: resolution must be \\[width_px, height_px\\]"),
      Bad("model_resolution_fraction", "coverage", mod("[1920, 1080]", "[1920.5, 1080]"), "scenario.yaml: line 9: resolution width must be a whole number \\(got 1920.5\\)"),
      Bad("model_bad_lens", "coverage", mod("cost: 100}", "cost: 100, lens: barrel}"), "scenario.yaml: line 9: lens must be rectilinear or fisheye, got 'barrel'"),
      Bad("model_bad_mount", "optimise", mod("cost: 100}", "cost: 100, mount: tree}"), "scenario.yaml: line 9: mount must be wall, pole, roof, ceiling or other, got 'tree'"),
      Bad("model_distortion_unknown_key", "coverage", mod("cost: 100}", "cost: 100, distortion: {k9: 0.1}}"), "scenario.yaml: line 9: unknown key 'k9' in distortion"),
      Bad("model_unknown_key", "coverage", mod("cost: 100}", "cost: 100, zoom: 3}"), "scenario.yaml: line 9: unknown key 'zoom' in camera model 'dome'"),
      Bad("model_range_three_values", "coverage", mod("[0.5, 40]", "[0.5, 40, 80]"), "scenario.yaml: line 9: range_m must be max or \\[min, max\\]"),
      Bad("model_negative_focal_length", "coverage", mod("hfov_deg: 90", "focal_length_mm: -4"), "scenario.yaml: line 9: focal_length_mm must be a positive number"),
      // cameras:
      Bad("camera_missing_id", "coverage", cam("id: C01, ", ""), "scenario.yaml: line 11: cameras\\[0\\] needs an id"),
      // Found by a tester: `id: ~` ran as a camera named "null"; "C01 " beside "C01" collides on Windows.
      Bad("camera_null_id", "coverage", cam("id: C01, ", "id: ~, "), "scenario.yaml: line 11: cameras\\[0\\] needs an id"),
      Bad("camera_id_trailing_space", "coverage", cam("id: C01, ", "id: 'C01 ', "), "scenario.yaml: line 11: camera id 'C01 ' begins or ends with a space"),
      Bad("camera_unknown_model", "coverage", cam("model: dome", "model: bullet"), "scenario.yaml: line 11: camera 'C01' refers to unknown model 'bullet'"),
      Bad("camera_missing_position", "report", cam("position: [84990, 447490], ", ""), "scenario.yaml: line 11: camera 'C01' needs position"),
      Bad("camera_position_four_values", "coverage", cam("[84990, 447490]", "[84990, 447490, 1, 2]"), "scenario.yaml: line 11: camera 'C01' needs position"),
      Bad("camera_position_text", "optimise", cam("[84990, 447490]", "[84990, north]"), "scenario.yaml: line 11: camera 'C01' position y has the wrong type \\(got 'north'\\)"),
      Bad("camera_height_and_z", "coverage", cam("height_m: 6", "height_m: 6, z: 8"), "scenario.yaml: line 11: camera 'C01': give height_m \\(above ground\\) or z"),
      Bad("camera_yaw_text", "coverage", cam("yaw: 45", "yaw: north"), "scenario.yaml: line 11: camera 'C01' yaw has the wrong type \\(got 'north'\\)"),
      Bad("camera_unknown_key", "compare", cam("yaw: 45", "yaw: 45, tilt: 3"), "scenario.yaml: line 11: unknown key 'tilt' in cameras\\[0\\]"),
      Bad("camera_duplicate_id", "coverage", Scenario(camera, camera + "\n" + Replace(camera, "84990", "84995")), "scenario.yaml: line 12: duplicate camera id 'C01'"),
      Bad("cameras_scalar", "coverage", Scenario("cameras:\n" + camera, "cameras: C01"), "scenario.yaml: line 10: cameras must be a list or \\{source: file\\}"),
      Bad("cameras_source_without_source", "coverage", Scenario("cameras:\n" + camera, "cameras: {crs: EPSG:28992}"), "scenario.yaml: line 10: cameras needs a list or \\{source: file\\}"),
      Bad("cameras_source_missing_file", "coverage", Scenario("cameras:\n" + camera, "cameras: {source: cams.gpkg}"), "cams.gpkg"),
      Bad("camera_huge_z", "coverage", cam("height_m: 6", "z: 1e308"), "scenario.yaml: line 11: .*z"),
      Bad("camera_huge_position", "coverage", cam("[84990, 447490]", "[1e308, 447490]"), "scenario.yaml: line 11: "),
      Bad("camera_huge_yaw", "coverage", cam("yaw: 45", "yaw: 1e308"), "scenario.yaml: line 11: .*yaw"),
      // Found by a tester: feeds wrote `../escaped.mp4` beside the output folder.
      Bad("camera_id_leaves_the_folder", "coverage", cam("id: C01", "id: '../escaped'"),
          "scenario.yaml: line 11: camera id '../escaped' contains '/'"),
      Bad("camera_id_dot_dot", "coverage", cam("id: C01", "id: '..'"), "scenario.yaml: line 11: camera id '..' is '..'"),
      Bad("camera_id_not_utf8", "coverage", cam("id: C01", "id: \"C\xff\xfe\""), "scenario.yaml: line 11: .*UTF-8"),
      Bad("name_not_utf8", "report", Scenario("name: Corpus town", "name: Corpus \xe9town"), "scenario.yaml: line 2: .*UTF-8"),
      // zones:
      Bad("zones_not_a_list", "coverage", Scenario("zones:\n" + zone, "zones: {name: Plaza}"), "scenario.yaml: line 12: zones must be a list"),
      Bad("zone_bad_kind", "coverage", zon("kind: priority", "kind: important"), "scenario.yaml: line 13: zone kind must be priority, privacy or exclude, got 'important'"),
      Bad("zone_k_zero", "coverage", zon("dori: detect", "dori: detect, k: 0"), "scenario.yaml: line 13: k must be a whole number between 1 and 100"),
      Bad("zone_two_points", "coverage", zon(", [84998, 447498]]", "]"), "scenario.yaml: line 13: polygon needs at least 3 \\[x, y\\] points"),
      Bad("zone_point_three_values", "coverage", zon("[84998, 447498]", "[84998, 447498, 3]"), "scenario.yaml: line 13: polygon points are \\[x, y\\]"),
      Bad("zone_unknown_level", "coverage", zon("dori: detect", "dori: admire"), "scenario.yaml: line 13: zone 'Plaza' requires unknown density level 'admire' \\(levels: detect, observe, recognise, identify\\)"),
      Bad("zone_wkt_and_polygon", "coverage", zon("kind: priority", "kind: priority, wkt: 'POINT(1 2)'"), "scenario.yaml: line 13: zones\\[0\\] needs exactly one of"),
      Bad("zone_negative_weight", "optimise", zon("kind: priority", "kind: priority, weight: -2"), "scenario.yaml: line 13: weight must be a number above 0 and at most 1e6"),
      // Found by a tester: CLP asserts (exit 134) on objective coefficients of 1e25.
      Bad("zone_weight_1e22", "optimise", zon("kind: priority", "kind: priority, weight: 1e22"),
          "scenario.yaml: line 13: weight must be a number above 0 and at most 1e6"),
      // A zone file's attributes obey the same rules as the scenario's zones.
      [&] {
        CorpusCase c = Bad("zone_file_weight_huge", "optimise", Scenario(zone, "  - {source: zones.geojson}"),
                           "zones.geojson: feature 0: weight: weight must be a number above 0 and at most 1e6 .*, got '1e308'");
        c.files["zones.geojson"] = R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
"features": [{"type": "Feature", "properties": {"name": "P", "kind": "priority", "weight": "1e308", "k": 2},
"geometry": {"type": "Polygon", "coordinates": [[[84985, 447485], [84998, 447485], [84998, 447498], [84985, 447485]]]}}]})";
        return c;
      }(),
      // Found by a tester: a zone drawn as a line was dropped with its requirement, silently.
      [&] {
        CorpusCase c = Bad("zone_file_line_feature", "coverage", Scenario(zone, "  - {source: zones.geojson}"),
                           "zone feature without a polygon skipped \\(LineString\\)[^\\n]*\\s+warning: +e.g. zones.geojson: feature 0");
        c.exit_code = 0;
        c.files["zones.geojson"] = R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
"features": [{"type": "Feature", "properties": {"name": "A", "kind": "priority"}, "geometry": {"type": "LineString", "coordinates": [[84985, 447485], [84998, 447485]]}},
{"type": "Feature", "properties": {"name": "B", "kind": "priority"}, "geometry": {"type": "Polygon", "coordinates": [[[84985, 447485], [84998, 447485], [84998, 447498], [84985, 447485]]]}}]})";
        return c;
      }(),
      // A privacy zone drawn as a point would vanish and show what it must hide: refused.
      [&] {
        CorpusCase c = Bad("zone_file_privacy_point", "coverage", Scenario(zone, "  - {source: zones.geojson}"),
                           "zones.geojson: feature 0: zone 'Window': a privacy zone must be a polygon, got Point");
        c.files["zones.geojson"] = R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
"features": [{"type": "Feature", "properties": {"name": "Window", "kind": "Privacy"}, "geometry": {"type": "Point", "coordinates": [84990, 447490]}},
{"type": "Feature", "properties": {"name": "B", "kind": "priority"}, "geometry": {"type": "Polygon", "coordinates": [[[84985, 447485], [84998, 447485], [84998, 447498], [84985, 447485]]]}}]})";
        return c;
      }(),
      Bad("zone_source_missing_file", "coverage", Scenario(zone, "  - {source: zones.geojson}"), "zones.geojson"),
      Bad("zone_wkt_garbage", "coverage", Scenario(zone, "  - {name: Bad, wkt: 'POLYGON((0 0, 1'}"), "scenario.yaml: line 13"),
      // optimise:
      Bad("optimise_negative_budget", "optimise", opt("budget: 300", "budget: -300"), "scenario.yaml: line 14: budget must be a positive number"),
      Bad("optimise_zero_cameras", "optimise", opt("budget: 300", "max_cameras: 0"), "scenario.yaml: line 14: max_cameras must be at least 1"),
      Bad("optimise_target_over_100", "optimise", opt("budget: 300", "target_coverage_pct: 150"), "scenario.yaml: line 14: target_coverage_pct must be at most 100"),
      Bad("optimise_unknown_model", "optimise", opt("budget: 300", "budget: 300, models: [bullet]"), "scenario.yaml: line 14: optimise refers to unknown model 'bullet'"),
      Bad("optimise_yaw_steps_100", "optimise", opt("spacing_m: 10", "spacing_m: 10, yaw_steps: 100"), "scenario.yaml: line 14: yaw_steps must be between 1 and 72"),
      Bad("optimise_privacy_soft", "optimise", opt("budget: 300", "budget: 300, privacy: soft"), "scenario.yaml: line 14: privacy must be hard"),
      Bad("optimise_exact_maybe", "optimise", opt("budget: 300", "budget: 300, exact: maybe"), "scenario.yaml: line 14: exact must be auto, always or never"),
      Bad("optimise_unknown_candidate_key", "optimise", opt("spacing_m: 10", "spacing: 10"), "scenario.yaml: line 14: unknown key 'spacing' in optimise.candidates"),
      Bad("optimise_heights_empty", "optimise", opt("spacing_m: 10", "spacing_m: 10, heights_m: []"), "scenario.yaml: line 14: heights_m must be a number or a list of numbers"),
      Bad("optimise_facades_maybe", "optimise", opt("facades: true", "facades: maybe"), "scenario.yaml: line 14: facades has the wrong type"),
      // YAML features that must not slip through.
      Bad("duplicate_key", "coverage", Scenario("grid: {resolution_m: 1, height_m: 1.7}\n", "grid: {resolution_m: 1, height_m: 1.7}\ngrid: {resolution_m: 2}\n"), "scenario.yaml: line 8: .*duplicate.*line 7"),
      Bad("non_scalar_key", "info", Scenario("grid:", "? [a, b]\n: 1\ngrid:"), "scenario.yaml: line 7: "),
      Bad("nul_byte", "info", Scenario("name: Corpus town", std::string("name: \"Corpus\\0town\"")), "scenario.yaml: line 2: name contains a NUL character"),
      Bad("anchor_alias_loop", "info", Scenario("grid: {resolution_m: 1, height_m: 1.7}", "grid: &g {resolution_m: 1, height_m: *g}"), "scenario.yaml: line 7"),
      Bad("deep_flow_nesting", "info", Scenario("name: Corpus town", "name: " + std::string(5000, '[') + std::string(5000, ']')), "scenario.yaml: line 2"),
      // The camera catalogue (`catalogue:`): its own file and line, or the camera's.
      Bad("catalogue_missing", "info", Scenario("grid:", "catalogue: nowhere.yaml\ngrid:"),
          "scenario.yaml: line 7: camera catalogue '.*nowhere.yaml' not found"),
      {.name = "catalogue_unknown_key",
       .files = {{"scenario.yaml", Scenario("grid:", "catalogue: cat.yaml\ngrid:")},
                 {"cat.yaml", "sightline_catalogue: 1\nmodels:\n  vf: {resolution: [1920, 1080], hfov_deg: 60, zoom: 3}\n"}},
       .args = Args("coverage"), .message = "cat.yaml: line 3: unknown key 'zoom' in camera model 'vf'"},
      {.name = "catalogue_not_yaml",
       .files = {{"scenario.yaml", Scenario("grid:", "catalogue: cat.yaml\ngrid:")}, {"cat.yaml", Bytes("\x89PNG\r\n\x1a\n\0\0")}},
       .args = Args("info"), .message = "cat.yaml: line [0-9]+: contains a NUL byte"},
      {.name = "catalogue_focal_outside_the_lens",
       .files = {{"scenario.yaml", Replace(Scenario("grid:", "catalogue: cat.yaml\ngrid:"), "model: dome,", "model: vf, focal_length_mm: 30,")},
                 {"cat.yaml", "sightline_catalogue: 1\nmodels:\n  vf: {resolution: [1920, 1080], sensor: 1/2.8, focal_range_mm: [2.8, 12]}\n"}},
       .args = Args("coverage"), .message = "scenario.yaml: line 12: camera 'C01': focal_length_mm 30 is outside the model's 2.8-12 mm lens"},
      {.name = "catalogue_csv_camera_outside_the_lens",
       .files = {{"scenario.yaml", Replace(Scenario("grid:", "catalogue: cat.yaml\ngrid:"), "cameras:\n" + camera + "\n",
                                           "cameras: {source: cams.csv}\n")},
                 {"cat.yaml", "sightline_catalogue: 1\nmodels:\n  vf: {resolution: [1920, 1080], sensor: 1/2.8, focal_range_mm: [2.8, 12]}\n"},
                 {"cams.csv", "id,x,y,height_m,yaw_deg,pitch_deg,model,hfov_deg\nC01,84990,447490,6,45,-20,vf,120\n"}},
       .args = Args("coverage"), .message = "cams.csv: line [0-9]+: camera 'C01': hfov_deg 120 is outside the model's"},
      // Catalogue values are checked at load, with the catalogue's line, for `lens` as for a scenario.
      BadModel("catalogue_rectilinear_200_degrees", "{resolution: [1920, 1080], hfov_deg: 200}",
               "cat.yaml: line 3: camera model 'm': hfov_deg 200 is not possible with a rectilinear lens"),
      BadModel("catalogue_zero_resolution", "{resolution: [0, 1080], hfov_deg: 90}",
               "cat.yaml: line 3: resolution width must be within \\[1, 100000\\]"),
      BadModel("catalogue_negative_cost", "{resolution: [1920, 1080], hfov_deg: 90, cost: -420}",
               "cat.yaml: line 3: cost must be within \\[0, 1e\\+?0?9\\]"),
      BadModel("catalogue_nan_cost", "{resolution: [1920, 1080], hfov_deg: 90, cost: .nan}", "cat.yaml: line 3: cost"),
      BadModel("catalogue_range_reversed", "{resolution: [1920, 1080], hfov_deg: 90, range_m: [80, 0.5]}",
               "cat.yaml: line 3: range_m \\[80, 0.5\\]: min must be below max"),
      BadModel("catalogue_inconsistent_optics",
               "{resolution: [2688, 1520], sensor: 1/2.7\", focal_length_mm: 2.8, hfov_deg: 120}",
               "cat.yaml: line 3: camera model 'm': hfov_deg 120 contradicts focal_length_mm 2.8 on a 5.86 mm wide sensor \\(92.6 degrees\\)"),
      {.name = "catalogue_name_with_trailing_space",
       .files = {{"cat.yaml", "sightline_catalogue: 1\nmodels:\n  A: {resolution: [1920, 1080], hfov_deg: 90}\n"
                              "  \"A \": {resolution: [1920, 1080], hfov_deg: 60}\n"}},
       .args = {"lens", "--catalogue", "cat.yaml"}, .message = "cat.yaml: line 4: model name 'A ' has leading or trailing spaces"},
      // The same check through a scenario.
      {.name = "catalogue_bad_model_in_scenario",
       .files = {{"scenario.yaml", Scenario("grid:", "catalogue: cat.yaml\ngrid:")},
                 {"cat.yaml", "sightline_catalogue: 1\nmodels:\n  m: {resolution: [1920, 1080], hfov_deg: 90, range_m: [80, 0.5]}\n"}},
       .args = Args("info"), .message = "cat.yaml: line 3: range_m \\[80, 0.5\\]: min must be below max"},
  };
}

}  // namespace corpus
