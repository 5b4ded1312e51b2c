// Background rasters: tiny GeoTIFFs made here, warped into a frame; the colours land where the
// raster says, the size is capped, and bad input is refused naming the file.
#include "geo/background.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "test_util.h"

namespace geo {
namespace {

// A west-red, east-blue RGB GeoTIFF of nx x ny pixels of `pixel` m, north-west corner at
// (x0, y0) in `crs` ("" = none); `georeferenced` false leaves out the geotransform.
std::filesystem::path TwoColourTiff(const std::filesystem::path& path, const std::string& crs, double x0,
                                    double y0, int nx = 20, int ny = 10, double pixel = 1,
                                    bool georeferenced = true) {
  GDALAllRegister();
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  GDALDataset* ds = gtiff->Create(path.c_str(), nx, ny, 3, GDT_Byte, nullptr);
  if (georeferenced) {
    double gt[6] = {x0, pixel, 0, y0, 0, -pixel};
    ds->SetGeoTransform(gt);
  }
  if (!crs.empty()) {
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs.c_str());
    ds->SetSpatialRef(&srs);
  }
  std::vector<std::uint8_t> plane(std::size_t(nx) * ny);
  for (int band = 1; band <= 3; ++band) {
    for (int row = 0; row < ny; ++row)
      for (int col = 0; col < nx; ++col) {
        const bool west = col < nx / 2;
        plane[std::size_t(row) * nx + col] = band == 1 ? (west ? 220 : 0) : band == 3 ? (west ? 0 : 200) : 30;
      }
    ds->GetRasterBand(band)->RasterIO(GF_Write, 0, 0, nx, ny, plane.data(), nx, ny, GDT_Byte, 0, 0);
  }
  GDALClose(ds);
  return path;
}

Frame RdFrame() {
  Box2d extent;
  extent.Extend(84950, 446950);
  extent.Extend(85050, 447050);
  return MakeFrame(CrsToWkt("EPSG:28992", "test"), extent);  // origin 85000, 447000
}

Box2d LocalBox(double x0, double y0, double x1, double y1) {
  Box2d b;
  b.Extend(x0, y0);
  b.Extend(x1, y1);
  return b;
}

const std::uint8_t* Pixel(const BackgroundImage& img, int col, int row) {
  return &img.rgba[(std::size_t(row) * img.width + col) * 4];
}

TEST(Background, AFrameRasterLandsPixelForPixel) {
  testing_util::TempDir dir;
  const Frame frame = RdFrame();
  ASSERT_DOUBLE_EQ(frame.origin_x, 85000);
  // 20 x 10 m at 1 m, north-west corner at local (10, 40).
  const auto tif = TwoColourTiff(dir / "ortho.tif", "EPSG:28992", 85010, 447040);
  const BackgroundImage img = LoadBackground(tif, frame, LocalBox(10, 30, 30, 40));
  ASSERT_EQ(img.width, 20);
  ASSERT_EQ(img.height, 10);
  EXPECT_DOUBLE_EQ(img.pixel_m, 1);
  EXPECT_DOUBLE_EQ(img.extent.min_x, 10);
  EXPECT_DOUBLE_EQ(img.extent.max_y, 40);
  EXPECT_EQ(Pixel(img, 2, 5)[0], 220);  // west: red
  EXPECT_EQ(Pixel(img, 2, 5)[2], 0);
  EXPECT_EQ(Pixel(img, 17, 5)[2], 200);  // east: blue
  EXPECT_EQ(Pixel(img, 17, 5)[3], 255);
}

TEST(Background, OutsideItsFootprintIsTransparentAndTheSizeIsCapped) {
  testing_util::TempDir dir;
  const auto tif = TwoColourTiff(dir / "ortho.tif", "EPSG:28992", 85010, 447040);
  // The area is 40 x 20 m: the raster fills its middle half.
  const BackgroundImage img = LoadBackground(tif, RdFrame(), LocalBox(0, 25, 40, 45));
  ASSERT_EQ(img.width, 40);
  EXPECT_EQ(Pixel(img, 1, 1)[3], 0);      // north-west of the raster: no data
  EXPECT_EQ(Pixel(img, 12, 10)[3], 255);  // in it
  BackgroundOptions small;
  small.max_pixels = 8;
  const BackgroundImage capped = LoadBackground(tif, RdFrame(), LocalBox(0, 25, 40, 45), small);
  EXPECT_EQ(capped.width, 8);
  EXPECT_EQ(capped.height, 4);
  EXPECT_DOUBLE_EQ(capped.pixel_m, 5);
}

TEST(Background, AnotherCrsIsReprojected) {
  testing_util::TempDir dir;
  // The same ground in UTM 31N: RD (85010, 447040) is (593884, 5762734) there; a 60 x 30 m
  // raster around it, warped into the RD frame.
  Frame frame = RdFrame();
  const auto tif = TwoColourTiff(dir / "utm.tif", "EPSG:32631", 593854, 5762750, 60, 30, 1);
  const BackgroundImage img = LoadBackground(tif, frame, LocalBox(-40, 10, 60, 70));
  int red = 0, blue = 0;
  double red_x = 0, blue_x = 0;
  for (int row = 0; row < img.height; ++row)
    for (int col = 0; col < img.width; ++col) {
      const std::uint8_t* p = Pixel(img, col, row);
      if (p[3] < 255) continue;
      if (p[0] > 150) ++red, red_x += col;
      if (p[2] > 150) ++blue, blue_x += col;
    }
  ASSERT_GT(red, 100);
  ASSERT_GT(blue, 100);
  EXPECT_LT(red_x / red, blue_x / blue);  // red stays west of blue
  EXPECT_NEAR(red + blue, 60 * 30, 200);  // the same area, give or take the edges
}

TEST(Background, BadRastersAreRefusedNamingTheFile) {
  testing_util::TempDir dir;
  const Frame frame = RdFrame();
  const Box2d area = LocalBox(0, 0, 100, 100);
  auto message = [&](const std::filesystem::path& file) {
    try {
      LoadBackground(file, frame, area);
    } catch (const core::InputError& e) {
      EXPECT_NE(std::string(e.what()).find(file.filename().string()), std::string::npos) << e.what();
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::ofstream(dir / "notes.tif") << "not a raster";
  EXPECT_NE(message(dir / "notes.tif").find("cannot open"), std::string::npos);
  EXPECT_NE(message(dir / "missing.tif").find("cannot open"), std::string::npos);
  const auto scan = TwoColourTiff(dir / "scan.tif", "", 0, 0, 20, 10, 1, false);
  EXPECT_NE(message(scan).find("no georeferencing"), std::string::npos);
  const auto no_crs = TwoColourTiff(dir / "nocrs.tif", "", 85010, 447040);
  EXPECT_NE(message(no_crs).find("no CRS"), std::string::npos);
  const auto far = TwoColourTiff(dir / "far.tif", "EPSG:28992", 185010, 347040);
  EXPECT_NE(message(far).find("outside the scenario's area"), std::string::npos);
  // A huge scan without overviews (sparse: no pixel written) would be read whole: refused.
  {
    const char* options[] = {"TILED=YES", "SPARSE_OK=TRUE", nullptr};
    GDALDataset* huge = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        (dir / "huge.tif").c_str(), 40000, 40000, 1, GDT_Byte, const_cast<char**>(options));
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    huge->SetSpatialRef(&rd);
    double gt[6] = {85000, 0.01, 0, 447500, 0, -0.01};
    huge->SetGeoTransform(gt);
    GDALClose(huge);
  }
  EXPECT_NE(message(dir / "huge.tif").find("40000 x 40000 px without overviews"), std::string::npos);
}

}  // namespace
}  // namespace geo
