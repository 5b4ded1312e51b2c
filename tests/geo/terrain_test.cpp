#include <cpl_vsi.h>
#include <gtest/gtest.h>

#include "core/error.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

// A slope rising 0.1 m per metre eastwards from z = 100 at x = 500000 (LKS-92).
double Slope(double x, double /*y*/) { return 100 + 0.1 * (x - 500000); }

TEST(Terrain, DemIsMeshedAndSampledOnItsTriangles) {
  TempDir dir;
  const auto dem = WriteRaster(dir / "dem.tif", 3059, 500000, 300000, 1.0, 100, 80, Slope);
  core::Diagnostics diag;
  const CityModel city = Load({Source(dem)}, diag);
  ASSERT_TRUE(city.terrain.has_value());
  EXPECT_NEAR(city.terrain->spacing, 1.0, 1e-9);
  const double x = 500042.3 - city.frame.origin_x, y = 300040 - city.frame.origin_y;
  EXPECT_NEAR(city.GroundZ(x, y), Slope(500042.3, 0), 1e-4);
  EXPECT_GT(city.CountTriangles(Surface::terrain), 2u * 90 * 70);
  EXPECT_EQ(city.CountTriangles(Surface::ground), 0u) << "no flat plane under real terrain";
}

// Heights stored as centimetres with GDAL's scale and offset (gdal_translate -a_scale 0.01)
// are read as metres, and its nodata stays nodata.
TEST(Terrain, BandScaleAndOffsetAreApplied) {
  TempDir dir;
  const auto dem = WriteRaster(dir / "dem_cm.tif", 3059, 500000, 300000, 1.0, 100, 80,
                               [](double x, double y) { return x < 500010 ? -9999.0 : (Slope(x, y) - 50) * 100; });
  {
    GDALDatasetUniquePtr ds(GDALDataset::Open(dem.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
    ASSERT_TRUE(ds);
    ds->GetRasterBand(1)->SetScale(0.01);
    ds->GetRasterBand(1)->SetOffset(50);
  }
  core::Diagnostics diag;
  const CityModel city = Load({Source(dem)}, diag);
  ASSERT_TRUE(city.terrain.has_value());
  EXPECT_NEAR(city.GroundZ(500042.3 - city.frame.origin_x, 300040 - city.frame.origin_y), Slope(500042.3, 0), 1e-3);
  EXPECT_TRUE(std::isnan(city.terrain->Sample(500003 - city.frame.origin_x, 300040 - city.frame.origin_y)));
}

// A scale of 0 would make every height the offset: a flat terrain that looks valid.
TEST(Terrain, BandScaleZeroIsRefused) {
  TempDir dir;
  const auto dem = WriteRaster(dir / "dem_cm.tif", 3059, 500000, 300000, 1.0, 100, 80, Slope);
  {
    GDALDatasetUniquePtr ds(GDALDataset::Open(dem.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
    ASSERT_TRUE(ds);
    ds->GetRasterBand(1)->SetScale(0);
    ds->GetRasterBand(1)->SetOffset(12);
  }
  core::Diagnostics diag;
  try {
    Load({Source(dem)}, diag);
    ADD_FAILURE() << "a zero scale was taken";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("dem_cm.tif: band 1: heights are stored with scale 0 and offset 12"), std::string::npos)
        << e.what();
  }
  for (const double bad : {-1.0, 1e-30}) {  // upside down; all but flat
    {
      GDALDatasetUniquePtr ds(GDALDataset::Open(dem.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
      ds->GetRasterBand(1)->SetScale(bad);
    }
    EXPECT_THROW(Load({Source(dem)}, diag), core::InputError) << bad;
  }
}

// The ground's node limit holds for a DEM's mesh as for the derived ground.
TEST(Terrain, DemMeshKeepsToTheGroundNodeLimit) {
  TempDir dir;
  const auto dem = WriteRaster(dir / "dem.tif", 3059, 500000, 300000, 1.0, 100, 80, Slope);
  geo::CityLoadOptions options;
  options.sources = {Source(dem)};
  options.ground.max_nodes = 1000;
  core::Diagnostics diag;
  const CityModel city = geo::LoadCity(options, diag);
  ASSERT_TRUE(city.terrain.has_value());
  EXPECT_LE(static_cast<double>(city.terrain->nx) * city.terrain->ny, 1200);  // the limit, plus a row and a column of rounding
  EXPECT_EQ(diag.Count("terrain resampled to a coarser grid (node limit)"), 1u);
  EXPECT_NEAR(city.GroundZ(500050 - city.frame.origin_x, 300040 - city.frame.origin_y), Slope(500050, 0), 0.5);
}

TEST(Terrain, BuildingsAreSeatedOnTheLowestTerrainUnderThem) {
  TempDir dir;
  const auto dem = WriteRaster(dir / "dem.tif", 3059, 500000, 300000, 1.0, 100, 80, Slope);
  const auto blocks = WriteVector(dir / "b.gpkg", 3059,
      {{"POLYGON((500020 300020,500040 300020,500040 300030,500020 300030,500020 300020))", {{"height", "10"}}}});
  core::Diagnostics diag;
  const CityModel city = Load({Source(dem), Source(blocks)}, diag);
  const Feature* b = nullptr;
  for (const auto& f : city.features)
    if (f.kind == "building") b = &f;
  ASSERT_NE(b, nullptr);
  EXPECT_NEAR(b->base_z, Slope(500020, 0), 1e-3) << "downhill edge: z = 102";
  float roof = -1;
  for (std::size_t t = 0; t < city.triangles.size(); ++t)
    if (city.triangle_surface[t] == Surface::roof) roof = city.vertices[city.triangles[t].a].z;
  EXPECT_NEAR(roof, 112.0, 1e-3);
}

TEST(Terrain, NodataAndAreaClip) {
  TempDir dir;
  // West half nodata.
  const auto dem = WriteRaster(dir / "dem.tif", 3059, 500000, 300000, 1.0, 100, 80,
                               [](double x, double y) { return x < 500050 ? -9999.0 : Slope(x, y); });
  geo::CityLoadOptions options;
  options.sources = {Source(dem)};
  options.area = geo::AreaOfInterest{};
  options.area->bbox = std::array<double, 4>{500030, 300010, 500090, 300050};
  options.area->crs = "EPSG:3059";
  core::Diagnostics diag;
  const CityModel city = geo::LoadCity(options, diag);
  ASSERT_TRUE(city.terrain);
  EXPECT_NEAR(city.terrain->nx, 61, 1);
  EXPECT_TRUE(std::isnan(city.terrain->Sample(500035 - city.frame.origin_x, 300020 - city.frame.origin_y)));
  EXPECT_EQ(city.GroundZ(500035 - city.frame.origin_x, 300020 - city.frame.origin_y), 0.0)
      << "where the DEM has no data the datum is the ground";
  EXPECT_GT(diag.Count("terrain nodes without data (nodata or outside the raster)"), 0u);
  // How much ground that is: 20 of the area's 60 m width, in m2 and as a share.
  const std::string example = diag.kinds().at("terrain nodes without data (nodata or outside the raster)").examples.at(0);
  EXPECT_NE(example.find(" m2 (3"), std::string::npos) << example;
  EXPECT_NE(example.find(" % of the area): not evaluated"), std::string::npos) << example;
}

// A DEM of 4,200 x 4,000 pixels (16.8 M, past the 16 M read limit) is read averaged down,
// not whole: the nodes still sit on the plane it holds, and its nodata corner stays a hole.
TEST(Terrain, LargeDemIsReadAveragedDownAndSampledInPlace) {
  const auto plane = [](double x, double y) {
    if (x < 500100 && y < 300100) return -9999.0;  // nodata
    return 100 + 0.1 * (x - 500000) + 0.05 * (y - 300000);
  };
  const std::string path = "/vsimem/terrain_test_large_dem.tif";
  WriteRaster(path, 3059, 500000, 300000, 1.0, 4200, 4000, plane);
  core::Diagnostics diag;
  const CityModel city = Load({Source(path)}, diag);
  VSIUnlink(path.c_str());
  ASSERT_TRUE(city.terrain.has_value());
  EXPECT_EQ(diag.Count("terrain resampled to a coarser grid (node limit)"), 1u);
  EXPECT_GT(city.terrain->spacing, 2.0);
  for (const auto& [x, y] : {std::pair{500777.7, 300333.3}, std::pair{504100.0, 303900.0}, std::pair{500150.0, 302000.0}})
    EXPECT_NEAR(city.terrain->Sample(x - city.frame.origin_x, y - city.frame.origin_y), plane(x, y), 2e-3) << x << " " << y;
  EXPECT_TRUE(std::isnan(city.terrain->Sample(500040 - city.frame.origin_x, 300040 - city.frame.origin_y)));
}

// A header claiming 300,000 x 300,000 pixels (1 cm) with no overviews would be averaged for
// many minutes: refused with the advice to build overviews or resample (found by a tester).
TEST(Terrain, BillionsOfPixelsWithoutOverviewsAreRefused) {
  TempDir dir;
  GDALAllRegister();
  const char* options[] = {"TILED=YES", "SPARSE_OK=YES", nullptr};
  {
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        (dir / "sparse.tif").c_str(), 300000, 300000, 1, GDT_Float32, const_cast<char**>(options)));
    ASSERT_NE(ds, nullptr);
    double gt[6] = {500000, 0.01, 0, 303000, 0, -0.01};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(3059);
    ds->SetSpatialRef(&srs);
  }
  core::Diagnostics diag;
  try {
    Load({Source(dir / "sparse.tif")}, diag);
    ADD_FAILURE() << "nine billion pixels were averaged";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sparse.tif: the raster's window over the area is 300000 x 300000 pixels"), std::string::npos)
        << e.what();
  }
  // Pixels of a tenth of a millimetre are no elevation model (a header's garbage, a wrong unit).
  const auto tiny = WriteRaster(dir / "tiny.tif", 3059, 500000, 300000, 0.0001, 20, 20, [](double, double) { return 5.0; });
  try {
    Load({Source(tiny)}, diag);
    ADD_FAILURE() << "0.1 mm pixels were read";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("tiny.tif: raster pixels of 0.0001 x 0.0001 (CRS units) are smaller than 0.001"),
              std::string::npos) << e.what();
  }
}

// A DSM 40 m under its DTM (ellipsoidal against orthometric heights) is said; one above is not.
TEST(Terrain, ADsmBelowItsDtmIsWarnedAbout) {
  TempDir dir;
  const auto dtm = WriteRaster(dir / "dtm.tif", 3059, 500000, 300000, 1.0, 60, 60, [](double, double) { return 45.0; });
  for (const double top : {5.0, 52.0}) {
    geo::CitySource dsm = Source(WriteRaster(dir / "dsm.tif", 3059, 500000, 300000, 1.0, 60, 60, [&](double, double) { return top; }));
    dsm.role = SourceRole::surface;
    core::Diagnostics diag;
    Load({Source(dtm), dsm}, diag);
    EXPECT_EQ(diag.Count("the surface (DSM) lies below the terrain (DTM) over most of the area: different vertical datums?"),
              top < 45 ? 1u : 0u) << top;
  }
}

TEST(Terrain, DelftDsmSample) {
  core::Diagnostics diag;
  geo::CitySource dsm = Source(DataPath("delft_dsm_1m_from_lod1.tif"));
  dsm.role = SourceRole::surface;
  const CityModel city = Load({dsm}, diag);
  // Meshed as given; the ground under it is derived by opening (tests/geo/ground_test.cpp).
  EXPECT_EQ(city.ground_source, GroundSource::dtm_from_dsm);
  ASSERT_TRUE(city.terrain && city.surface);
  const Box3f b = city.Bounds();
  EXPECT_NEAR(b.max.z, 14.5, 0.2);  // gdalinfo: heights -0.42 .. 14.5 m
  EXPECT_NEAR(b.min.z, -0.42, 0.1);
}

TEST(Terrain, CorruptRasterIsAnErrorNamingTheFile) {
  TempDir dir;
  const auto dem = WriteRaster(dir / "dem.tif", 3059, 500000, 300000, 1.0, 200, 200, Slope);
  // Truncate the file: the header survives, the pixels do not.
  std::filesystem::resize_file(dem, 600);
  core::Diagnostics diag;
  try {
    Load({Source(dem)}, diag);
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.file(), dem.string());
  }
  const auto junk = WriteText(dir / "junk.tif", "this is not a GeoTIFF");
  EXPECT_THROW(Load({Source(junk)}, diag), core::InputError);
}

}  // namespace
}  // namespace geo
