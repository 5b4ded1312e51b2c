#include "report/pdf_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>

#include "test_util.h"

namespace report {
namespace {

using namespace testing_util;

int PdfPages(const std::filesystem::path& pdf) {
  std::smatch m;
  const std::string info = ShellOutput("pdfinfo '" + pdf.string() + "'");
  return std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : -1;
}

std::unique_ptr<scenario::CoverageResult> RunScenario(const TempDir& dir, const std::string& body) {
  return scenario::RunCoverage(scenario::ParseScenario(
      "version: 1\ncrs: EPSG:3059\narea: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}\n" + body,
      dir / "s.yaml"));
}

ReportOptions Options() {
  ReportOptions o;
  o.software = "sightline test";
  o.date = "2026-11-25";
  return o;
}

TEST(PdfReport, PagesTextAndFiguresMatchTheSummary) {
  TempDir dir;
  WriteBlock(dir);
  const auto run = RunScenario(dir, R"(name: "Aizkraukle, Spīdolas iela"
city: [{source: blocks.gpkg}]
grid: {resolution_m: 1.0}
cameras:
  - {id: A, position: [500060, 300010], height_m: 6, yaw: 270, pitch: -15, hfov_deg: 90, range_m: 60, cost: 400}
  - {id: B, position: [499980, 300060], height_m: 6, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60, cost: 300}
zones:
  - {name: Tirgus laukums, kind: priority, dori: observe, k: 2, polygon: [[500030, 300030], [500080, 300030], [500080, 300080], [500030, 300080]]}
  - {name: Sētas pagalms, kind: privacy, polygon: [[500030, 300000], [500045, 300000], [500045, 300020], [500030, 300020]]}
)");
  const auto files = WriteReport(*run, dir / "out", Options());
  ASSERT_EQ(files.size(), 8u) << "report, three figures, installation sheets, BOM, camera list, DXF";
  for (const auto& f : files) EXPECT_TRUE(std::filesystem::exists(f)) << f;
  const auto pdf = dir / "out" / "report.pdf";
  EXPECT_EQ(PdfPages(pdf), 9) << "title, overview, k, density, density preview, plan view, tables, bill of materials, positions";
  const std::string text = PdfText(pdf);
  EXPECT_NE(text.find("Aizkraukle, Spīdolas iela"), std::string::npos) << "Latvian diacritics survive";
  EXPECT_NE(text.find("Tirgus laukums"), std::string::npos);
  EXPECT_NE(text.find("Sētas pagalms"), std::string::npos);
  EXPECT_NE(text.find("EPSG:3059"), std::string::npos);
  EXPECT_NE(text.find("Total cost: 700"), std::string::npos) << text;
  const auto& s = run->summary;
  EXPECT_NE(text.find(fmt::format("Covered ground: {:.0f} m² of {:.0f} m²", s.covered_m2, s.target_m2)), std::string::npos);
  EXPECT_NE(text.find(fmt::format("{:.0f} m² exposed", run->zone_stats[1].covered_m2)), std::string::npos);
  EXPECT_NE(text.find("Camera positions"), std::string::npos);
  EXPECT_NE(text.find("24.000"), std::string::npos) << "lon/lat of cameras near LKS-92's 24 E meridian";
  // The per-camera table carries each camera's visible area as summary.json does.
  for (const auto& cam : s.cameras) {
    const std::regex row("\\n\\s*" + cam.id + "\\s+.*\\s" + fmt::format("{:.0f}", cam.visible_m2) + "\\s");
    EXPECT_TRUE(std::regex_search(text, row)) << cam.id << " " << cam.visible_m2;
  }
}

// Sixteen density levels (the most a scenario may have) with long names: each has its chart
// on the preview page, not the first four that fit at full size.
TEST(PdfReport, EveryDensityLevelIsPreviewed) {
  TempDir dir;
  WriteBlock(dir);
  std::string levels = "density_levels:\n";
  for (int i = 1; i <= 16; ++i) levels += fmt::format("  - {{name: 'Level {} of a long-named local scheme', min_px_per_m: {}}}\n", i, 10 * i);
  const auto run = RunScenario(dir, "city: [{source: blocks.gpkg}]\ngrid: {resolution_m: 2.0}\n" + levels +
                                        "cameras:\n  - {id: A, position: [500060, 300010], height_m: 6, yaw: 270, pitch: -15, hfov_deg: 90, range_m: 60}\n");
  WriteReport(*run, dir / "out", Options());
  const std::string page = ShellOutput("pdftotext -f 5 -l 5 '" + (dir / "out" / "report.pdf").string() + "' -");
  ASSERT_NE(page.find("What the density levels look like"), std::string::npos) << page;
  for (int i = 1; i <= 16; ++i)
    EXPECT_NE(page.find(fmt::format("Level {} of a long-named local scheme", i)), std::string::npos) << i;
}

TEST(PdfReport, CameraViewHookAddsAThumbnailPage) {
  TempDir dir;
  WriteRaster(dir / "dem.tif", 3059, 499900, 299900, 2.0, 150, 150, [](double, double) { return 50.0; });
  const auto run = RunScenario(dir, R"(city: [{source: dem.tif}]
grid: {resolution_m: 2.0}
cameras:
  - {id: Eye1, position: [500000, 300000], height_m: 6, hfov_deg: 60}
)");
  ReportOptions o = Options();
  int asked = 0;
  o.camera_view = [&](const sim::Camera&) {
    ++asked;
    Image img{64, 36, std::vector<std::uint8_t>(64 * 36 * 4, 128)};
    return std::optional<Image>(img);
  };
  WriteReport(*run, dir / "out", o);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(PdfPages(dir / "out" / "report.pdf"), 10);
  EXPECT_NE(PdfText(dir / "out" / "report.pdf").find("Camera views"), std::string::npos);
  // A renderer that cannot render (no display): no empty page of thumbnails, but the report
  // says the views were left out (its reader cannot see the log).
  o.camera_view = [&](const sim::Camera&) { return std::optional<Image>(); };
  WriteReport(*run, dir / "out2", o);
  EXPECT_EQ(PdfPages(dir / "out2" / "report.pdf"), 10);
  EXPECT_NE(PdfText(dir / "out2" / "report.pdf").find("Left out: they could not be rendered"), std::string::npos);
}

TEST(PdfReport, PeopleAndNetworkSectionsAddTheirPages) {
  TempDir dir;
  WriteBlock(dir);
  const auto run = RunScenario(dir, R"(city: [{source: blocks.gpkg}]
grid: {resolution_m: 1.0}
cameras:
  - {id: A, position: [500060, 300010], height_m: 6, yaw: 270, pitch: -15, hfov_deg: 90, range_m: 60}
)");
  ReportOptions o = Options();
  PeopleSection people;
  people.source = "Scripted walkers";
  people.duration_s = 60;
  people.flow.assign(run->grid.size(), 0.0f);
  people.flow[run->grid.size() / 2] = 2.5f;
  people.rows.push_back({"people", 120, 42.5, 10, {40, 20, 5, 0}, 3, 1});
  o.people = people;
  NetworkDiagram network;
  network.title = "Network";
  network.nodes = {{"A", "camera", true, 60, 10, 4.2, 1.53}, {"sw", "switch", false, 0, 0}, {"nvr", "recorder", false, 0, 0}};
  network.retention_days = 30;
  network.links = {{0, 1, 100, 0.04, 4.1, false, false}, {1, 2, 2, 1.0, 4.1, true, false}};
  network.notes = {"recorder nvr: 1.2 TB needed for 30 days, 8 TB installed"};
  o.network = network;
  WriteReport(*run, dir / "out", o);
  const auto pdf = dir / "out" / "report.pdf";
  EXPECT_EQ(PdfPages(pdf), 11) << "the nine pages, people, network";
  const std::string text = PdfText(pdf);
  EXPECT_NE(text.find("People and vehicles"), std::string::npos);
  EXPECT_NE(text.find("42.5 %"), std::string::npos) << "the people row's seen share";
  EXPECT_NE(text.find("Network and storage"), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(sw .+ nvr\s+2\s+4.1\s+20[0-9] %\s+overloaded)"))) << text;
  // The camera table gains what each camera sends and stores.
  EXPECT_NE(text.find("TB/30 d"), std::string::npos) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(4\.2\s+1\.53)"))) << text;
}

TEST(PdfReport, PeoplePageWithNobodyInTheAreaSaysSo) {
  TempDir dir;
  WriteBlock(dir);
  const auto run = RunScenario(dir, R"(city: [{source: blocks.gpkg}]
grid: {resolution_m: 1.0}
)");
  ReportOptions o = Options();
  PeopleSection people;
  people.source = "Scripted walkers";
  people.duration_s = 60;
  people.flow.assign(run->grid.size(), 0.0f);
  o.people = people;
  WriteReport(*run, dir / "out", o);
  const std::string text = PdfText(dir / "out" / "report.pdf");
  EXPECT_NE(text.find("No person or vehicle came inside the area"), std::string::npos) << text;
}

TEST(PdfReport, ScenarioWithoutCamerasOrBuildingsStillMakesSensiblePages) {
  TempDir dir;
  WriteRaster(dir / "dem.tif", 3059, 499900, 299900, 2.0, 150, 150, [](double, double) { return 50.0; });
  const auto run = RunScenario(dir, R"(city: [{source: dem.tif}]
grid: {resolution_m: 2.0}
zones:
  - {name: Far away, polygon: [[600000, 300000], [600010, 300000], [600010, 300010]]}
)");
  WriteReport(*run, dir / "out", Options());
  const std::string text = PdfText(dir / "out" / "report.pdf");
  EXPECT_NE(text.find("The scenario has no cameras"), std::string::npos);
  EXPECT_NE(text.find("zone outside the area"), std::string::npos) << "warnings are listed";
  EXPECT_EQ(PdfPages(dir / "out" / "report.pdf"), 8);
}

// Long titles wrap, table headers stand apart, the mount column says how each camera is
// mounted, and a hilly DEM gets relief and contours on the maps.
TEST(PdfReport, LongTitlesWrapHeadersStandApartMountsAndRelief) {
  TempDir dir;
  WriteBlock(dir);
  // A valley: 40 m of relief across the area.
  WriteRaster(dir / "dem.tif", 3059, 499900, 299900, 2.0, 150, 150,
              [](double x, double) { return 100 + std::abs(x - 500025) * 0.4; });
  const auto run = RunScenario(dir, R"(name: "Aizkraukle old town, river embankment and market square: night shift surveillance upgrade, phase two"
city: [{source: dem.tif}, {source: blocks.gpkg}]
grid: {resolution_m: 2.0}
cameras:
  - {id: A, position: [500020.3, 300010], height_m: 6, yaw: 90, pitch: -15, hfov_deg: 90, range_m: 60, cost: 400, mount: wall}
  - {id: B, position: [499980, 300060], height_m: 6, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60, cost: 300, mount: pole}
)");
  WriteReport(*run, dir / "out", Options());
  const std::string text = PdfText(dir / "out" / "report.pdf");
  // The title is on two or more lines: its first and last words on different lines.
  const std::size_t first = text.find("Aizkraukle old town"), last = text.find("phase two");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(last, std::string::npos) << text;
  EXPECT_NE(text.substr(first, last - first).find('\n'), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex("recognise m²\\s+identify m²"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("\\n\\s*A\\s+–\\s+[0-9. ]+\\s+wall\\s+6\\.0 m"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("\\n\\s*B\\s+–\\s+[0-9. ]+\\s+pole\\s+6\\.0 m"))) << text;
  EXPECT_NE(text.find("shaded relief, contours every 5 m"), std::string::npos) << text;
}

}  // namespace
}  // namespace report
