// The project documents: bill of materials, camera list (CSV, read back as a scenario's
// cameras), the DXF plan, installation sheets and the density test chart.
#include <fmt/format.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "report/bom.h"
#include "report/installation_sheets.h"
#include "report/plan_exports.h"
#include "report/test_chart.h"
#include "sim/lens.h"
#include "test_util.h"

namespace report {
namespace {

using namespace testing_util;

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* kHead = R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
grid: {resolution_m: 1.0}
catalogue: cat.yaml
zones:
  - {name: Plaza, kind: priority, polygon: [[500030, 300030], [500080, 300030], [500080, 300080], [500030, 300080]]}
)";

constexpr const char* kCameras = R"(cameras:
  - {id: P1, model: bullet-4mp-2.8-12, position: [500060, 300010], height_m: 6, yaw: 270, pitch: -15, focal_length_mm: 4}
  - {id: P2, model: bullet-4mp-2.8-12, position: [500040, 300090], height_m: 6.1, yaw: 180, pitch: -20}
  - {id: W1, model: dome-4mp-2.8, position: [500010, 300021], height_m: 4, yaw: 0, pitch: -25}
  - {id: X1, position: [499980, 300060], height_m: 8, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60, cost: 300, mount: roof}
network:
  nodes:
    - {id: sw1, kind: switch}
    - {id: nvr, kind: recorder, storage_tb: 8}
  links:
    - {from: sw1, to: nvr, capacity_mbps: 100, medium: radio}
)";

std::unique_ptr<scenario::CoverageResult> RunIn(const TempDir& dir, const std::string& cameras) {
  WriteBlock(dir);
  std::filesystem::copy_file(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "catalogue.yaml",
                             dir / "cat.yaml", std::filesystem::copy_options::overwrite_existing);
  return scenario::RunCoverage(
      scenario::ParseScenario(std::string(kHead) + cameras, dir / "s.yaml"));
}

TEST(BillOfMaterials, CamerasMountsAndNetworkPricedFromTheCatalogue) {
  TempDir dir;
  const auto run = RunIn(dir, kCameras);
  const BillOfMaterials bom = BuildBillOfMaterials(*run);
  std::map<std::string, BomLine> by_item;
  for (const BomLine& l : bom.lines) by_item[l.category + "|" + l.item] = l;
  const BomLine& bullets = by_item.at("camera|4 MP bullet, 2.8-12 mm motorised varifocal, IR 60 m");
  EXPECT_EQ(bullets.quantity, 2);
  EXPECT_EQ(*bullets.unit_cost, 420);
  EXPECT_EQ(bullets.cameras, (std::vector<std::string>{"P1", "P2"}));
  EXPECT_EQ(by_item.at("camera|4 MP vandal-resistant dome, fixed 2.8 mm").quantity, 1);
  EXPECT_EQ(*by_item.at("camera|camera 1920x1080 px, HFOV 60°").unit_cost, 300)
      << "a custom camera's own cost";
  // Poles by height to 0.5 m: 6 and 6.1 m are both 6 m poles.
  const BomLine& poles = by_item.at("mount|steel pole with foundation and cabinet, 6 m");
  EXPECT_EQ(poles.quantity, 2);
  EXPECT_EQ(*poles.unit_cost, 1150);
  EXPECT_EQ(by_item.at("mount|wall bracket with junction box").quantity, 1);
  EXPECT_EQ(by_item.at("mount|parapet mount with 1 m mast").quantity, 1);
  EXPECT_EQ(by_item.at("network|industrial PoE+ switch in a street cabinet").quantity, 1);
  EXPECT_EQ(by_item.at("network|5 GHz point-to-point radio pair").quantity, 1);
  const BomLine& disks = by_item.at("network|recorder storage (disks)");
  EXPECT_EQ(disks.quantity, 8);
  EXPECT_EQ(disks.unit, "TB");
  EXPECT_EQ(bom.unpriced_lines, 0);
  const double expected = 2 * 420 + 260 + 300 + 2 * 1150 + 45 + 180 + 650 + 1200 + 8 * 30 + 520;
  EXPECT_DOUBLE_EQ(bom.total_cost, expected);
  WriteBomCsv(bom, dir / "bom.csv");
  const std::string csv = ReadAll(dir / "bom.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\r')),
            "category,item,key,quantity,unit,unit_cost,total_cost,cameras");
  EXPECT_NE(
      csv.find("\"steel pole with foundation and cabinet, 6 m\",pole,2,pcs,1150.00,2300.00,P1 P2"),
      std::string::npos)
      << csv;
  EXPECT_NE(csv.find(fmt::format("total,,,,,,{:.2f},", expected)), std::string::npos) << csv;
}

TEST(BillOfMaterials, CableRunsOfTheWiredLinksWithTheirDrops) {
  TempDir dir;
  const auto run = RunIn(dir, kCameras);
  // P1 (6 m up) wired 50 m to the switch; W1 (4 m up) by radio; the switch to an unplaced recorder.
  NetworkDiagram network;
  network.nodes = {{"P1", "camera", true, 500060, 300010},
                   {"sw1", "switch", true, 500090, 300050},
                   {"W1", "camera", true, 500010, 300021},
                   {"nvr", "recorder", false}};
  network.links = {{0, 1}, {2, 1}, {1, 3}};
  network.links[1].radio = true;
  const BillOfMaterials bom = BuildBillOfMaterials(*run, &network);
  const auto cable = std::find_if(bom.lines.begin(), bom.lines.end(), [](const BomLine& l) { return l.key == "cable"; });
  ASSERT_NE(cable, bom.lines.end());
  EXPECT_EQ(cable->quantity, std::ceil(50 * kCableRouting + 6)) << "straight line x routing + the mast's drop";
  EXPECT_EQ(cable->unit, "m");
  EXPECT_EQ(*cable->unit_cost, 4.5);
  EXPECT_EQ(cable->item, "outdoor Cat6 cable laid in duct (PoE) (1 run; 1 more without map positions at both ends, not measured)");
  EXPECT_EQ(cable->cameras, (std::vector<std::string>{"P1-sw1"}));
  // A run past copper Ethernet's 100 m is named.
  network.nodes[1].y = 300100;  // the switch 100 m north of P1: 125 m of cable and the drop
  const BillOfMaterials far = BuildBillOfMaterials(*run, &network);
  const auto far_cable = std::find_if(far.lines.begin(), far.lines.end(), [](const BomLine& l) { return l.key == "cable"; });
  ASSERT_NE(far_cable, far.lines.end());
  EXPECT_NE(far_cable->item.find("over the 100 m of Ethernet: P1-sw1 "), std::string::npos) << far_cable->item;
  // Without the resolved network there is nothing to measure.
  const BillOfMaterials plain = BuildBillOfMaterials(*run);
  EXPECT_TRUE(std::none_of(plain.lines.begin(), plain.lines.end(), [](const BomLine& l) { return l.key == "cable"; }));
}

TEST(BillOfMaterials, WithoutACatalogueOnlyCameraCostsAreKnown) {
  TempDir dir;
  WriteBlock(dir);
  const auto run = scenario::RunCoverage(scenario::ParseScenario(R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
grid: {resolution_m: 2.0}
cameras:
  - {id: A, position: [500060, 300010], height_m: 6, yaw: 270, pitch: -15, hfov_deg: 90, cost: 400, mount: pole}
)",
                                                                 dir / "s.yaml"));
  const BillOfMaterials bom = BuildBillOfMaterials(*run);
  ASSERT_EQ(bom.lines.size(), 2u);
  EXPECT_EQ(bom.lines[1].item, "pole mount, 6 m");
  EXPECT_FALSE(bom.lines[1].unit_cost);
  EXPECT_EQ(bom.unpriced_lines, 1);
  EXPECT_EQ(bom.total_cost, 400);
}

TEST(PlanExports, CameraCsvReadsBackAsTheSameCameras) {
  TempDir dir;
  const auto run = RunIn(dir, kCameras);
  WriteCameraCsv(*run, dir / "cameras.csv");
  const std::string csv = ReadAll(dir / "cameras.csv");
  EXPECT_EQ(csv.rfind("id,lon,lat,x,y,model,", 0), 0u) << csv.substr(0, 200);
  const auto again = scenario::RunCoverage(scenario::ParseScenario(
      std::string(kHead) + "cameras: {source: cameras.csv}\n", dir / "s.yaml"));
  ASSERT_EQ(again->coverage->cameras().size(), run->coverage->cameras().size());
  for (std::size_t i = 0; i < run->coverage->cameras().size(); ++i) {
    const sim::Camera& a = run->coverage->cameras()[i];
    const sim::Camera& b = again->coverage->cameras()[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.model, b.model);
    EXPECT_NEAR(a.position.x, b.position.x, 1e-3) << a.id;
    EXPECT_NEAR(a.position.y, b.position.y, 1e-3) << a.id;
    EXPECT_NEAR(a.position.z, b.position.z, 1e-3) << a.id;
    EXPECT_NEAR(a.hfov_deg, b.hfov_deg, 1e-4) << a.id;
    EXPECT_EQ(a.focal_length_mm, b.focal_length_mm) << a.id << ": a varifocal camera's own focal length";
    EXPECT_EQ(a.yaw_deg, b.yaw_deg);
    EXPECT_EQ(a.pitch_deg, b.pitch_deg);
    EXPECT_EQ(a.mount, b.mount);
    EXPECT_EQ(a.cost, b.cost);
  }
  EXPECT_NEAR(again->summary.covered_m2, run->summary.covered_m2, 2.0)
      << "the same coverage, within a cell or two";
}

TEST(PlanExports, DxfHasCamerasWedgesAndZonesOnTheirLayers) {
  TempDir dir;
  const auto run = RunIn(dir, kCameras);
  WritePlanDxf(*run, dir / "plan.dxf");
  GDALAllRegister();
  GDALDataset* ds =
      GDALDataset::Open((dir / "plan.dxf").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  ASSERT_NE(ds, nullptr);
  std::map<std::string, int> per_layer;
  std::vector<std::string> labels;
  double min_x = 1e300;
  for (auto& f : *ds->GetLayer(0)) {
    ++per_layer[f->GetFieldAsString("Layer")];
    if (std::string(f->GetFieldAsString("Layer")) == "camera_ids")
      labels.push_back(f->GetFieldAsString("Text"));
    if (std::string(f->GetFieldAsString("Layer")) == "cameras")
      min_x = std::min(min_x, f->GetGeometryRef()->toPoint()->getX());
  }
  GDALClose(ds);
  EXPECT_EQ(per_layer["cameras"], 4);
  EXPECT_EQ(per_layer["fov"], 4);
  EXPECT_EQ(per_layer["camera_ids"], 4);
  EXPECT_EQ(per_layer["zones_priority"], 2) << "outline and name";
  EXPECT_EQ(labels, (std::vector<std::string>{"P1", "P2", "W1", "X1"}));
  EXPECT_NEAR(min_x, 499980, 1e-6) << "coordinates in the scenario CRS";
}

TEST(InstallationSheets, OnePagePerCameraWithWhatTheInstallerNeeds) {
  TempDir dir;
  const auto run = RunIn(dir, kCameras);
  InstallationOptions o;
  o.date = "2026-11-30";
  o.views.assign(4, std::nullopt);
  o.views[0] = Image{32, 18, std::vector<std::uint8_t>(32 * 18 * 4, 90)};
  WriteInstallationSheets(*run, dir / "installation.pdf", o);
  const std::string info = ShellOutput("pdfinfo '" + (dir / "installation.pdf").string() + "'");
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Pages:\s+4\n)"))) << info;
  const std::string text =
      ShellOutput("pdftotext -layout '" + (dir / "installation.pdf").string() + "' -");
  EXPECT_NE(text.find("Camera P1"), std::string::npos);
  EXPECT_NE(text.find("Camera X1"), std::string::npos);
  EXPECT_NE(text.find("pole, 6.00 m above the ground"), std::string::npos) << text;
  EXPECT_NE(text.find("4.0 mm on a 5.86 mm wide"), std::string::npos)
      << "P1's varifocal set to 4 mm\n"
      << text;
  EXPECT_NE(text.find("(1/2.7\")"), std::string::npos) << "the sensor format";
  EXPECT_NE(text.find("varifocal 2.8-12 mm: set to 4.0 mm"), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(500060\.00 E\s+300010\.00 N)"))) << text;
  EXPECT_NE(text.find("° N, 24.0"), std::string::npos) << "WGS 84 near LKS-92's 24 E meridian";
  EXPECT_NE(text.find("270.0° from north, clockwise (W)"), std::string::npos);
  EXPECT_NE(text.find("15.0° down"), std::string::npos);
  EXPECT_NE(text.find(fmt::format("on the ground {:.1f} m away", 6 / std::tan(15 * M_PI / 180))),
            std::string::npos);
  EXPECT_NE(text.find("No camera-eye picture"), std::string::npos)
      << "said where a view is missing";
}

TEST(InstallationSheets, AimAndCompass) {
  EXPECT_NEAR(*AxisGroundDistance(6, -45), 6, 1e-12);
  EXPECT_FALSE(AxisGroundDistance(6, 0));
  EXPECT_FALSE(AxisGroundDistance(6, 10));
  EXPECT_EQ(CompassPoint(0), "N");
  EXPECT_EQ(CompassPoint(135), "SE");
  EXPECT_EQ(CompassPoint(-10), "N");
  EXPECT_EQ(CompassPoint(350), "N");
  EXPECT_EQ(CompassPoint(200), "SSW");
  EXPECT_EQ(CompassPoint(720 - 90), "W");
}

TEST(TestChart, ResampledToTheDensityKeepingItsLight) {
  const Image fine = TestChartAt(2000);
  EXPECT_EQ(fine.width, 1500);
  EXPECT_EQ(fine.height, 500);
  auto mean = [](const Image& img) {
    double sum = 0;
    for (std::size_t i = 0; i < img.rgba.size(); i += 4)
      sum += img.rgba[i] + img.rgba[i + 1] + img.rgba[i + 2];
    return sum / (img.rgba.size() / 4 * 3);
  };
  // Contrast: the spread of the values, which fewer pixels average away.
  auto spread = [&](const Image& img) {
    const double m = mean(img);
    double sum = 0;
    for (std::size_t i = 0; i < img.rgba.size(); i += 4)
      sum += (img.rgba[i] - m) * (img.rgba[i] - m);
    return std::sqrt(sum / (img.rgba.size() / 4));
  };
  double last_spread = spread(fine);
  for (double p : {250.0, 125.0, 62.5, 25.0}) {
    const Image img = TestChartAt(p);
    EXPECT_EQ(img.width, std::lround(0.75 * p)) << p;
    EXPECT_EQ(img.height, std::lround(0.25 * p)) << p;
    EXPECT_NEAR(mean(img), mean(fine), 2.0) << p << ": a box filter keeps the mean light";
    EXPECT_LT(spread(img), last_spread + 1.0) << p << ": detail only fades with fewer pixels";
    last_spread = spread(img);
  }
  EXPECT_EQ(TestChartAt(0.001).width, 1) << "never an empty image";
}

}  // namespace
}  // namespace report
