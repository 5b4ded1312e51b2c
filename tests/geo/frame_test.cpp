#include "geo/frame.h"
#include "geo/frame_check.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace geo {
namespace {

TEST(Frame, UtmCentralMeridianOnEquatorIsFalseEasting) {
  // UTM zone 32N: central meridian 9 E, false easting 500 000 m, false northing 0.
  Frame f = MakeFrame(CrsToWkt("EPSG:32632", ""), {});
  EXPECT_EQ(f.epsg, 32632);
  CrsTransform t = CrsTransform::ToFrame("EPSG:4326", f);
  double x = 9.0, y = 0.0;  // lon, lat: traditional GIS order even though EPSG:4326 is lat/lon
  ASSERT_TRUE(t.Apply(x, y));
  EXPECT_NEAR(x, 500000.0, 1e-6);
  EXPECT_NEAR(y, 0.0, 1e-6);
}

TEST(Frame, Lks92PointOnCentralMeridianAndLocalOrigin) {
  // LKS-92 / Latvia TM (EPSG:3059): central meridian 24 E, false easting 500 000 m.
  Box2d extent;
  extent.Extend(500040, 310060);
  extent.Extend(500160, 310140);
  Frame f = MakeFrame(CrsToWkt("EPSG:3059", ""), extent);
  EXPECT_EQ(f.Label(), "EPSG:3059");
  EXPECT_DOUBLE_EQ(f.origin_x, 500100);  // centre rounded to 100 m
  EXPECT_DOUBLE_EQ(f.origin_y, 310100);
  CrsTransform t = CrsTransform::ToFrame("EPSG:4326", f);
  double x = 24.0, y = 56.65;  // on the central meridian
  ASSERT_TRUE(t.Apply(x, y));
  EXPECT_NEAR(x, 500000.0 - f.origin_x, 1e-6);
}

// A feet CRS is computed in its metric twin, written as the catalogue's entry when PROJ has
// one: what GIS tools recognise, not a custom CRS they take for the feet one.
TEST(Frame, FeetCrsTwinIsTheMetricCatalogueEntry) {
  for (const auto& [feet, metres] : {std::pair{2263, 32118}, {2249, 26986}}) {
    const Frame f = MakeFrame(CrsToWkt("EPSG:" + std::to_string(feet), ""), {});
    EXPECT_FALSE(f.feet_crs_name.empty()) << feet;
    EXPECT_EQ(f.epsg, metres) << feet << ": " << f.crs_name;
  }
}

TEST(Frame, RoundTripThroughTheFrameIsExact) {
  Frame f = MakeFrame(UtmCrsWktFor(25.01, 56.6), {});
  EXPECT_EQ(f.epsg, 32635);  // Aizkraukle lies in UTM zone 35N
  f.origin_x = 378000;
  f.origin_y = 6274000;
  CrsTransform to = CrsTransform::ToFrame("EPSG:4326", f);
  CrsTransform back = CrsTransform::FromFrame(f, "EPSG:4326");
  double x = 25.0123, y = 56.6012;
  ASSERT_TRUE(to.Apply(x, y));
  EXPECT_LT(std::abs(x), 5000) << "local coordinates stay small";
  ASSERT_TRUE(back.Apply(x, y));
  EXPECT_NEAR(x, 25.0123, 1e-9);
  EXPECT_NEAR(y, 56.6012, 1e-9);
}

TEST(Frame, RejectsUnknownAndGeographicCrs) {
  EXPECT_THROW(CrsToWkt("EPSG:999999", "scenario.yaml"), core::InputError);
  EXPECT_THROW(MakeFrame(CrsToWkt("EPSG:4326", ""), {}), core::InputError);
}

}  // namespace
}  // namespace geo

namespace geo {
namespace {

// Delft in three CRSs: its national grid suits it; Web Mercator stretches lengths by 1 / cos(52°);
// UTM zone 1 is half a world away.
TEST(FrameDistortion, WebMercatorAndAFarZoneAreNamedTheNationalGridIsNot) {
  const auto frame_at = [](const std::string& crs, double lon, double lat) {
    CrsTransform to_crs = CrsTransform::ToFrame("EPSG:4326", MakeFrame(CrsToWkt(crs, ""), {}));  // origin 0
    EXPECT_TRUE(to_crs.Apply(lon, lat));
    Box2d at;
    at.Extend(lon, lat);
    return MakeFrame(CrsToWkt(crs, ""), at);
  };
  EXPECT_TRUE(FrameDistortion(frame_at("EPSG:28992", 4.3571, 52.0116)).empty());
  const auto mercator = FrameDistortion(frame_at("EPSG:3857", 4.3571, 52.0116));
  ASSERT_EQ(mercator.size(), 1u);
  EXPECT_NE(mercator[0].find("EPSG:3857 measures lengths 6"), std::string::npos) << mercator[0];
  const auto far_zone = FrameDistortion(frame_at("EPSG:32601", 4.3571, 52.0116));
  ASSERT_FALSE(far_zone.empty());
  EXPECT_NE(far_zone[0].find("outside EPSG:32601's area of use"), std::string::npos) << far_zone[0];
}

}  // namespace
}  // namespace geo
