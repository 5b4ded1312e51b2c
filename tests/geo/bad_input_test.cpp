// Bad input never crashes: it is repaired and counted, or it is an InputError that names the
// file, the feature and the problem.
#include <gtest/gtest.h>

#include "core/error.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

const char* kSquare = "POLYGON((500000 300000,500010 300000,500010 300010,500000 300010,500000 300000))";

std::string ErrorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(BadInput, MissingFile) {
  core::Diagnostics diag;
  const std::string msg = ErrorOf([&] { Load({Source("/nonexistent/city.gpkg")}, diag); });
  EXPECT_EQ(msg, "/nonexistent/city.gpkg: file not found");
}

TEST(BadInput, UnsupportedFormat) {
  TempDir dir;
  const auto path = WriteText(dir / "notes.xyz123", "\x01\x02 nothing GDAL knows");
  core::Diagnostics diag;
  EXPECT_NE(ErrorOf([&] { Load({Source(path)}, diag); }).find("not a format GDAL can read"), std::string::npos);
}

TEST(BadInput, SelfIntersectingRingIsRepairedAndCounted) {
  TempDir dir;
  const auto path = WriteVector(dir / "bowtie.gpkg", 3059,
      {{"POLYGON((500000 300000,500010 300010,500010 300000,500000 300010,500000 300000))", {{"height", "5"}}},
       {kSquare, {{"height", "5"}}}});
  core::Diagnostics diag;
  const CityModel city = Load({Source(path)}, diag);
  EXPECT_EQ(diag.Count("invalid polygon repaired (self-intersection, spike or bad hole)"), 1u);
  EXPECT_EQ(CountFeatures(city, "building"), 2u);
  EXPECT_NEAR(PlanArea(city, Surface::roof), 50 + 100, 1e-3) << "bowtie = two 25 m^2 triangles";
  const auto& example = diag.kinds().begin()->second.examples.at(0);
  EXPECT_NE(example.find("bowtie.gpkg: layer 'footprints' feature 1"), std::string::npos) << example;
}

TEST(BadInput, UnclosedRingIsClosedAndCounted) {
  TempDir dir;
  const auto path = WriteVector(dir / "open.gpkg", 3059,
      {{"POLYGON((500000 300000,500010 300000,500010 300010,500000 300010))", {{"height", "5"}}}});
  core::Diagnostics diag;
  const CityModel city = Load({Source(path)}, diag);
  EXPECT_EQ(diag.Count("unclosed ring closed"), 1u);
  EXPECT_NEAR(PlanArea(city, Surface::roof), 100, 1e-3);
}

TEST(BadInput, NanAndZeroAreaFeaturesAreSkippedAndCounted) {
  TempDir dir;
  const auto path = WriteVector(dir / "bad.gpkg", 3059,
      {{"POLYGON((500000 300000,nan 300000,500010 300010,500000 300000))", {{"height", "5"}}},
       {"POLYGON((500000 300000,500010 300000,500020 300000,500000 300000))", {{"height", "5"}}},
       {kSquare, {{"height", "5"}}}});
  core::Diagnostics diag;
  const CityModel city = Load({Source(path)}, diag);
  EXPECT_EQ(CountFeatures(city, "building"), 1u);
  EXPECT_EQ(diag.Count("feature with NaN/infinite coordinates skipped") +
                diag.Count("feature without geometry skipped"), 1u);
  EXPECT_EQ(diag.Count("zero-area footprint skipped") +
                diag.Count("invalid polygon that could not be repaired skipped"), 1u);
}

// A ring of one repeated point or a flat spike: GEOS "repairs" it into a point or a line, which
// is no footprint. One warning says so, not a repair as well.
TEST(BadInput, CollapsedRingIsSkippedOnceNotAlsoRepaired) {
  TempDir dir;
  const auto path = WriteVector(dir / "collapsed.gpkg", 3059,
      {{"POLYGON((500000 300000,500000 300000,500000 300000,500000 300000))", {{"height", "5"}}},
       {"POLYGON((500000 300000,500010 300000,500000 300000,500010 300000,500000 300000))", {{"height", "5"}}},
       {kSquare, {{"height", "5"}}}});
  core::Diagnostics diag;
  const CityModel city = Load({Source(path)}, diag);
  EXPECT_EQ(CountFeatures(city, "building"), 1u);
  EXPECT_EQ(diag.Count("zero-area footprint skipped"), 2u);
  EXPECT_EQ(diag.Count("invalid polygon repaired (self-intersection, spike or bad hole)"), 0u);
}

// A `where:` that keeps no footprint: the error says the filter did it, not a broken file.
TEST(BadInput, WhereThatMatchesNoFootprintIsNamedInTheError) {
  TempDir dir;
  CitySource source = Source(WriteVector(dir / "fp.gpkg", 3059, {{kSquare, {{"height", "5"}}}}));
  source.where = "height = 'tall'";
  core::Diagnostics diag;
  const std::string error = ErrorOf([&] { Load({source}, diag); });
  EXPECT_NE(error.find("`where:` matched no building"), std::string::npos) << error;
  EXPECT_NE(error.find("height = 'tall'"), std::string::npos) << error;
}

TEST(BadInput, AbsurdAndNegativeHeightsFallBackWithWarning) {
  TempDir dir;
  const auto path = WriteVector(dir / "h.gpkg", 3059,
      {{kSquare, {{"height", "-4"}}}, {kSquare, {{"height", "5000"}}}, {kSquare, {{"height", "tall"}}}});
  core::Diagnostics diag;
  const CityModel city = Load({Source(path)}, diag);
  EXPECT_EQ(diag.Count("absurd height ignored (negative, zero or above max_height_m)"), 2u);
  EXPECT_EQ(diag.Count("unreadable height ignored"), 1u);
  for (const auto& f : city.features)
    if (f.kind == "building") {
      EXPECT_DOUBLE_EQ(f.height_m, 9.0);
    }
}

TEST(BadInput, CrsLessDataNeedsAScenarioCrs) {
  TempDir dir;
  const auto path = WriteVector(dir / "nocrs.gpkg", 0, {{kSquare, {{"height", "5"}}}});
  core::Diagnostics diag;
  const std::string msg = ErrorOf([&] { Load({Source(path)}, diag); });
  EXPECT_NE(msg.find("nocrs.gpkg"), std::string::npos) << msg;
  EXPECT_NE(msg.find("crs"), std::string::npos) << msg;
  const CityModel city = Load({Source(path)}, diag, "EPSG:3059");
  EXPECT_EQ(CountFeatures(city, "building"), 1u);
  EXPECT_EQ(diag.Count("source without CRS assumed to be in the scenario CRS"), 1u);
}

TEST(BadInput, AreaContainingNothingIsAnError) {
  TempDir dir;
  const auto path = WriteVector(dir / "b.gpkg", 3059, {{kSquare, {{"height", "5"}}}});
  geo::CityLoadOptions options;
  options.sources = {Source(path)};
  options.area = geo::AreaOfInterest{};
  options.area->bbox = std::array<double, 4>{600000, 300000, 600100, 300100};
  options.area->crs = "EPSG:3059";
  core::Diagnostics diag;
  EXPECT_EQ(ErrorOf([&] { geo::LoadCity(options, diag); }),
            path.string() + ": area: nothing of the city lies inside the area");
}

TEST(BadInput, UnknownCrsInScenario) {
  TempDir dir;
  const auto path = WriteVector(dir / "b.gpkg", 3059, {{kSquare, {{"height", "5"}}}});
  core::Diagnostics diag;
  EXPECT_NE(ErrorOf([&] { Load({Source(path)}, diag, "EPSG:12345678"); }).find("unknown CRS"),
            std::string::npos);
}

}  // namespace
}  // namespace geo
