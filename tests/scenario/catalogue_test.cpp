// The camera catalogue: the sample parses, a scenario's cameras take its models, varifocal
// lenses are checked, and every mistake names the file and the line.
#include "scenario/catalogue.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "scenario/build.h"
#include "sim/lens.h"
#include "test_util.h"

namespace scenario {
namespace {

using testing_util::TempDir;
using testing_util::WriteText;

const std::filesystem::path kSample =
    std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "catalogue.yaml";

std::string CatalogueError(const std::string& yaml) {
  try {
    ParseCatalogue(yaml, "/tmp/cat.yaml");
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Catalogue, SampleParsesWithConsistentOptics) {
  const Catalogue c = LoadCatalogue(kSample);
  ASSERT_GE(c.models.size(), 5u);
  const CameraFields& bullet = c.models.at("bullet-4mp-2.8-12");
  ASSERT_TRUE(bullet.focal_range_mm);
  EXPECT_DOUBLE_EQ(bullet.focal_range_mm->first, 2.8);
  EXPECT_DOUBLE_EQ(*bullet.focal_length_mm, 2.8) << "delivered at the wide end";
  EXPECT_DOUBLE_EQ(*bullet.sensor_width_mm, 5.86) << "from sensor: 1/2.7\"";
  const auto range = HfovRangeDeg(bullet);
  ASSERT_TRUE(range);
  EXPECT_NEAR(range->first, sim::FovDeg(5.86, 12), 1e-9);
  EXPECT_NEAR(range->second, sim::FovDeg(5.86, 2.8), 1e-9);
  EXPECT_FALSE(bullet.description.empty());
  EXPECT_EQ(c.accessories.at("pole").cost, 1150);
  EXPECT_EQ(*c.accessories.at("recorder").cost_per_tb, 30);
  for (const auto& [name, m] : c.models) {
    EXPECT_TRUE(m.width_px && m.height_px) << name;
    EXPECT_TRUE(m.cost && m.bitrate_kbps && m.mount)
        << name << ": price, bitrate and mount for the BOM";
  }
}

TEST(Catalogue, ScenarioCamerasTakeItsModels) {
  TempDir dir;
  std::filesystem::copy_file(kSample, dir / "cat.yaml");
  const Scenario s = ParseScenario(R"(version: 1
city: [{source: x.geojson}]
catalogue: cat.yaml
camera_models:
  mine: {resolution: [1920, 1080], hfov_deg: 60}
cameras:
  - {id: A, model: bullet-4mp-2.8-12, position: [0, 0], focal_length_mm: 6}
  - {id: B, model: bullet-4mp-2.8-12, position: [0, 0], hfov_deg: 50}
  - {id: C, model: mine, position: [0, 0]}
optimise: {budget: 1000, models: [dome-4mp-2.8, mine]}
)",
                                   dir / "s.yaml");
  EXPECT_EQ(s.catalogue, dir / "cat.yaml");
  EXPECT_TRUE(s.camera_models.count("mine"));
  EXPECT_TRUE(s.camera_models.count("lpr-2mp-5-50"));
  EXPECT_EQ(s.accessories.size(), 13u);  // mounts, network equipment and cable
  EXPECT_EQ(*s.cameras[0].fields.focal_length_mm, 6);
  // A model built from the catalogue has the wide end's HFOV.
  const sim::Camera wide = CameraFromModel(s, "bullet-4mp-2.8-12");
  EXPECT_NEAR(wide.hfov_deg, sim::FovDeg(5.86, 2.8), 1e-9);
  EXPECT_EQ(wide.cost, 420);
}

TEST(Catalogue, VarifocalLensLimitsAreChecked) {
  TempDir dir;
  std::filesystem::copy_file(kSample, dir / "cat.yaml");
  auto error = [&](const std::string& camera) -> std::string {
    try {
      ParseScenario(
          "version: 1\ncity: [{source: x.geojson}]\ncatalogue: cat.yaml\ncameras:\n" + camera,
          dir / "s.yaml");
    } catch (const core::InputError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(error("  - {id: A, model: bullet-4mp-2.8-12, position: [0, 0], focal_length_mm: 20}\n")
                .find("s.yaml: line 5: camera 'A': focal_length_mm 20 is outside the model's "
                      "2.8-12 mm lens"),
            std::string::npos);
  EXPECT_NE(error("  - {id: A, model: bullet-4mp-2.8-12, position: [0, 0], hfov_deg: 100}\n")
                .find("hfov_deg 100 is outside"),
            std::string::npos);
  EXPECT_EQ(error("  - {id: A, model: bullet-4mp-2.8-12, position: [0, 0], hfov_deg: 30}\n"), "");
  EXPECT_EQ(error("  - {id: A, model: dome-4mp-2.8, position: [0, 0], hfov_deg: 30}\n"), "")
      << "a fixed lens with its own HFOV is a custom camera, as before";
}

TEST(Catalogue, MistakesNameFileAndLine) {
  const std::string head = "sightline_catalogue: 1\nmodels:\n";
  EXPECT_NE(CatalogueError("models: {}\n").find("missing `sightline_catalogue: 1`"),
            std::string::npos);
  EXPECT_NE(CatalogueError("sightline_catalogue: 2\nmodels: {a: {}}\n")
                .find("unsupported catalogue version"),
            std::string::npos);
  EXPECT_NE(CatalogueError(head + "  a: {resolution: [1920, 1080], hfov_deg: 60, sensr: 1/3}\n")
                .find("cat.yaml: line 3: unknown key 'sensr' in camera model 'a'"),
            std::string::npos);
  EXPECT_NE(
      CatalogueError(head + "  a: {resolution: [1920, 1080], sensor: 1/9, focal_length_mm: 4}\n")
          .find("unknown sensor format '1/9'"),
      std::string::npos);
  EXPECT_NE(CatalogueError(
                head + "  a: {resolution: [1920, 1080], sensor: 1/3, focal_range_mm: [12, 2.8]}\n")
                .find("line 3: camera model 'a': focal_range_mm must satisfy 0 < min <= max"),
            std::string::npos);
  EXPECT_NE(CatalogueError(head + "  a: {resolution: [1920, 1080], sensor: 1/3, focal_range_mm: "
                                  "[2.8, 12], focal_length_mm: 20}\n")
                .find("focal_length_mm 20 is outside its focal_range_mm [2.8, 12]"),
            std::string::npos);
  EXPECT_NE(CatalogueError(head + "  a: {resolution: [1920, 1080], focal_range_mm: [2.8, 12]}\n")
                .find("needs its sensor"),
            std::string::npos);
  EXPECT_NE(CatalogueError(head + "  a: {hfov_deg: 60}\n").find("needs resolution"),
            std::string::npos);
  EXPECT_NE(CatalogueError(head + "  a: {resolution: [1920, 1080]}\n").find("needs hfov_deg"),
            std::string::npos);
  EXPECT_NE(CatalogueError(head + "  a: {resolution: [1920, 1080], hfov_deg: 60}\naccessories:\n  "
                                  "tripod: {item: x, cost: 1}\n")
                .find("line 5: unknown accessory 'tripod'"),
            std::string::npos);
  EXPECT_NE(
      CatalogueError(
          head + "  a: {resolution: [1920, 1080], hfov_deg: 60}\naccessories:\n  pole: {cost: 1}\n")
          .find("needs item"),
      std::string::npos);
  EXPECT_NE(CatalogueError(head + "  a: {resolution: [1920, 1080], hfov_deg: 60}\n  a: "
                                  "{resolution: [1920, 1080], hfov_deg: 60}\n")
                .find("line 4"),
            std::string::npos)
      << "a model twice";
  // In a scenario: a missing catalogue and a name in both.
  TempDir dir;
  auto scenario_error = [&](const std::string& extra) -> std::string {
    try {
      ParseScenario("version: 1\ncity: [{source: x.geojson}]\n" + extra, dir / "s.yaml");
    } catch (const core::InputError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(scenario_error("catalogue: nowhere.yaml\n").find("s.yaml: line 3: camera catalogue"),
            std::string::npos);
  WriteText(dir / "cat.yaml", head + "  a: {resolution: [1920, 1080], hfov_deg: 60}\n");
  EXPECT_NE(scenario_error("catalogue: cat.yaml\ncamera_models:\n  a: {hfov_deg: 50}\n")
                .find("camera model 'a' is also in the catalogue (cat.yaml line 3)"),
            std::string::npos);
}

}  // namespace
}  // namespace scenario
