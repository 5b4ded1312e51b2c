#include "geo/geotiff_writer.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "geo/frame.h"
#include "geo/vrt_mosaic.h"
#include "test_util.h"

namespace geo {
namespace {

using testing_util::TempDir;

// 300 x 520 cells, two bands: band 0 = row * 1000 + col, band 1 = -row.
constexpr int kNx = 300, kNy = 520;

// Rows first_row .. first_row + count of the raster (all of it by default), as its own file.
void Write(const std::filesystem::path& path, int chunk_rows, int first_row = 0, int count = kNy) {
  const Frame frame = MakeFrame(CrsToWkt("EPSG:3059", ""), {});
  GeoTiffWriter w(path, frame, {0, 1000 - first_row * 0.5, 0.5, kNx, count}, GeoTiffWriter::Type::float32,
                  {{"a", -9999}, {"b", -9999}});
  for (int row = first_row; row < first_row + count; row += chunk_rows) {
    const int rows = std::min(chunk_rows, first_row + count - row);
    std::vector<float> v(2 * static_cast<std::size_t>(rows) * kNx);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < kNx; ++c) {
        v[static_cast<std::size_t>(r) * kNx + c] = static_cast<float>((row + r) * 1000 + c);
        v[(static_cast<std::size_t>(rows) + r) * kNx + c] = static_cast<float>(-(row + r));
      }
    w.AddRows(rows, v);
  }
  w.Commit();
}

using DatasetPtr = std::unique_ptr<GDALDataset, void (*)(GDALDataset*)>;
DatasetPtr Open(const std::filesystem::path& p) {
  return {GDALDataset::Open(p.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY), [](GDALDataset* d) { GDALClose(d); }};
}

std::vector<float> Band(GDALDataset& ds, int band) {
  std::vector<float> v(static_cast<std::size_t>(kNx) * kNy);
  EXPECT_EQ(ds.GetRasterBand(band)->RasterIO(GF_Read, 0, 0, kNx, kNy, v.data(), kNx, kNy, GDT_Float32, 0, 0), CE_None);
  return v;
}

std::string Bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// MPI ranks hand their bands to the writer in pieces of any size: the file must not depend on them.
TEST(GeoTiffWriter, SameBytesForAnyChunkingAndValuesRoundTrip) {
  TempDir dir;
  Write(dir / "one.tif", kNy);
  Write(dir / "rows.tif", 1);
  Write(dir / "odd.tif", 77);
  const std::string one = Bytes(dir / "one.tif");
  EXPECT_EQ(one, Bytes(dir / "rows.tif"));
  EXPECT_EQ(one, Bytes(dir / "odd.tif"));
  std::unique_ptr<GDALDataset, void (*)(GDALDataset*)> ds(
      GDALDataset::Open((dir / "odd.tif").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY),
      [](GDALDataset* d) { GDALClose(d); });
  ASSERT_NE(ds, nullptr);
  EXPECT_EQ(ds->GetRasterXSize(), kNx);
  EXPECT_EQ(ds->GetRasterYSize(), kNy);
  EXPECT_EQ(ds->GetRasterBand(1)->GetOverviewCount(), 1);  // 520 / 2 >= 256
  std::vector<float> a(static_cast<std::size_t>(kNx) * kNy), b(a.size());
  ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, kNx, kNy, a.data(), kNx, kNy, GDT_Float32, 0, 0), CE_None);
  ASSERT_EQ(ds->GetRasterBand(2)->RasterIO(GF_Read, 0, 0, kNx, kNy, b.data(), kNx, kNy, GDT_Float32, 0, 0), CE_None);
  EXPECT_EQ(a[0], 0);
  EXPECT_EQ(a[static_cast<std::size_t>(300) * kNx + 17], 300017);
  EXPECT_EQ(b[static_cast<std::size_t>(519) * kNx + 299], -519);
  EXPECT_STREQ(ds->GetRasterBand(2)->GetDescription(), "b");
  ds.reset();
  // Nothing left beside it: the temporary files were renamed.
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 3);
}

// Tiles with no value but nodata (open sea, outside the area) take no room in the file: GDAL
// leaves them out (SPARSE_OK) and reads them back as nodata.
TEST(GeoTiffWriter, NodataTilesLeftOutAndReadBackAsNodata) {
  TempDir dir;
  constexpr int nx = 600, ny = 600;
  const Frame frame = MakeFrame(CrsToWkt("EPSG:3059", ""), {});
  {
    GeoTiffWriter w(dir / "sparse.tif", frame, {0, 1000, 0.5, nx, ny}, GeoTiffWriter::Type::float32,
                    {{"a", -9999}, {"b", -9999}});
    std::vector<float> v(2 * static_cast<std::size_t>(nx) * ny, -9999.0f);
    v[static_cast<std::size_t>(nx) * 300 + 300] = 7;  // one value in the middle tile
    w.AddRows(ny, v);
    w.Commit();
  }
  DatasetPtr ds = Open(dir / "sparse.tif");
  ASSERT_NE(ds, nullptr);
  GDALRasterBand* a = ds->GetRasterBand(1);
  const char* empty = a->GetMetadataItem("BLOCK_OFFSET_0_0", "TIFF");
  const char* kept = a->GetMetadataItem("BLOCK_OFFSET_1_1", "TIFF");
  EXPECT_TRUE(empty == nullptr || std::string(empty).empty() || std::string(empty) == "0") << empty;
  ASSERT_NE(kept, nullptr);
  EXPECT_NE(std::string(kept), "0");
  float corner = 0, middle = 0;
  ASSERT_EQ(a->RasterIO(GF_Read, 0, 0, 1, 1, &corner, 1, 1, GDT_Float32, 0, 0), CE_None);
  ASSERT_EQ(a->RasterIO(GF_Read, 300, 300, 1, 1, &middle, 1, 1, GDT_Float32, 0, 0), CE_None);
  EXPECT_EQ(corner, -9999.0f);
  EXPECT_EQ(middle, 7.0f);
}

// The overviews are streamed in as the rows come: their pixels must be those GDAL's own
// nearest overview builder picks from the finished raster (odd sizes, three levels).
TEST(GeoTiffWriter, StreamedOverviewsAreGdalsNearestOverviews) {
  TempDir dir;
  constexpr int nx = 1037, ny = 2113;
  const Frame frame = MakeFrame(CrsToWkt("EPSG:3059", ""), {});
  {
    GeoTiffWriter w(dir / "streamed.tif", frame, {0, 2000, 0.5, nx, ny}, GeoTiffWriter::Type::float32,
                    {{"a", -9999}, {"b", -9999}});
    for (int row = 0; row < ny; row += 100) {
      const int rows = std::min(100, ny - row);
      std::vector<float> v(2 * static_cast<std::size_t>(rows) * nx);
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < nx; ++c) {
          v[static_cast<std::size_t>(r) * nx + c] = static_cast<float>((row + r) * 10000 + c);
          v[(static_cast<std::size_t>(rows) + r) * nx + c] = static_cast<float>(((row + r) * 7 + c * 13) % 101);
        }
      w.AddRows(rows, v);
    }
    w.Commit();
  }
  DatasetPtr streamed = Open(dir / "streamed.tif");
  ASSERT_NE(streamed, nullptr);
  ASSERT_EQ(streamed->GetRasterBand(1)->GetOverviewCount(), 3);  // 2113 / 8 >= 256
  // The reference: the same full-resolution pixels, overviews built by GDAL.
  const char* plain[] = {"TILED=YES", "COPY_SRC_OVERVIEWS=NO", nullptr};
  DatasetPtr reference(GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(
                           (dir / "reference.tif").c_str(), streamed.get(), FALSE, const_cast<char**>(plain), nullptr, nullptr),
                       [](GDALDataset* d) { GDALClose(d); });
  ASSERT_NE(reference, nullptr);
  int factors[] = {2, 4, 8};
  ASSERT_EQ(reference->BuildOverviews("NEAREST", 3, factors, 0, nullptr, nullptr, nullptr), CE_None);
  for (int band = 1; band <= 2; ++band)
    for (int level = 0; level < 3; ++level) {
      GDALRasterBand* a = streamed->GetRasterBand(band)->GetOverview(level);
      GDALRasterBand* b = reference->GetRasterBand(band)->GetOverview(level);
      ASSERT_EQ(a->GetXSize(), b->GetXSize());
      ASSERT_EQ(a->GetYSize(), b->GetYSize());
      std::vector<float> va(static_cast<std::size_t>(a->GetXSize()) * a->GetYSize()), vb(va.size());
      ASSERT_EQ(a->RasterIO(GF_Read, 0, 0, a->GetXSize(), a->GetYSize(), va.data(), a->GetXSize(), a->GetYSize(), GDT_Float32, 0, 0), CE_None);
      ASSERT_EQ(b->RasterIO(GF_Read, 0, 0, b->GetXSize(), b->GetYSize(), vb.data(), b->GetXSize(), b->GetYSize(), GDT_Float32, 0, 0), CE_None);
      EXPECT_EQ(va, vb) << "band " << band << ", overview " << level;
    }
}

// An MPI run's ranks write their bands of rows as tiles; the VRT over them reads back as the
// whole raster, pixel for pixel and with the same georeferencing, wherever the folder is moved.
TEST(VrtMosaic, TilesOfRowsReadBackAsTheWholeRaster) {
  TempDir dir;
  Write(dir / "whole.tif", kNy);
  std::filesystem::create_directories(dir / "set" / "tiles");
  const std::vector<std::pair<int, int>> bands = {{0, 16}, {16, 256}, {272, 248}};  // uneven, like ranks' bands
  std::vector<std::filesystem::path> tiles;
  for (auto [first, count] : bands) {
    tiles.push_back(dir / "set" / "tiles" / ("t" + std::to_string(first) + ".tif"));
    Write(tiles.back(), 100, first, count);
  }
  WriteVrtMosaic(dir / "set" / "all.vrt", tiles, {{"a", "b"}, -9999});
  std::filesystem::rename(dir / "set", dir / "moved");  // tiles named relative to the VRT
  DatasetPtr whole = Open(dir / "whole.tif"), vrt = Open(dir / "moved" / "all.vrt");
  ASSERT_NE(whole, nullptr);
  ASSERT_NE(vrt, nullptr);
  ASSERT_EQ(vrt->GetRasterXSize(), kNx);
  ASSERT_EQ(vrt->GetRasterYSize(), kNy);
  double a[6], b[6];
  whole->GetGeoTransform(a);
  vrt->GetGeoTransform(b);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(a[i], b[i]) << i;
  for (int band = 1; band <= 2; ++band) EXPECT_EQ(Band(*whole, band), Band(*vrt, band)) << band;
  EXPECT_STREQ(vrt->GetRasterBand(2)->GetDescription(), "b");
  int has_nodata = 0;
  EXPECT_EQ(vrt->GetRasterBand(1)->GetNoDataValue(&has_nodata), -9999);
  EXPECT_TRUE(has_nodata);
}

}  // namespace
}  // namespace geo
