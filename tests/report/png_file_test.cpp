// PNG files written a row at a time: the pixels read back through GDAL, nothing left behind
// when a writer is dropped, and the quick look streamed row by row above its legend.
#include "report/png_file.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>
#include <vector>

#include "report/palette.h"
#include "report/quick_look.h"
#include "test_util.h"

namespace report {
namespace {

using testing_util::TempDir;

struct GdalCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};

// Pixel (x, y) of a PNG as 0x00RRGGBB, through GDAL's PNG driver (an indexed picture's
// through its colour table).
std::uint32_t PixelAt(GDALDataset& png, int x, int y) {
  std::uint32_t packed = 0;
  if (const GDALColorTable* table = png.GetRasterBand(1)->GetColorTable(); table && png.GetRasterCount() == 1) {
    unsigned char index = 0;
    EXPECT_EQ(png.GetRasterBand(1)->RasterIO(GF_Read, x, y, 1, 1, &index, 1, 1, GDT_Byte, 0, 0), CE_None);
    const GDALColorEntry* e = table->GetColorEntry(index);
    return e ? (static_cast<std::uint32_t>(e->c1) << 16) | (e->c2 << 8) | e->c3 : 0xDEADBEEFu;
  }
  for (int b = 1; b <= 3; ++b) {
    unsigned char v = 0;
    EXPECT_EQ(png.GetRasterBand(b)->RasterIO(GF_Read, x, y, 1, 1, &v, 1, 1, GDT_Byte, 0, 0), CE_None);
    packed = (packed << 8) | v;
  }
  return packed;
}

std::uint32_t RgbWord(const Rgb& c) { return (static_cast<std::uint32_t>(c[0]) << 16) | (c[1] << 8) | c[2]; }

std::unique_ptr<GDALDataset, GdalCloser> OpenPng(const std::filesystem::path& path) {
  GDALAllRegister();
  return std::unique_ptr<GDALDataset, GdalCloser>(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
}

TEST(PngRowWriter, RowsReadBackAsWritten) {
  TempDir dir;
  {
    PngRowWriter png(dir / "a.png", 3, 2);
    const std::vector<std::uint32_t> top{0xFF0000, 0x00FF00, 0x0000FF}, bottom{0x123456, 0xFFFFFF, 0x000000};
    png.Row(top);
    EXPECT_FALSE(std::filesystem::exists(dir / "a.png"));  // not before Commit
    EXPECT_THROW(png.Commit(), std::logic_error);          // a row missing
    png.Row(bottom);
    EXPECT_THROW(png.Row(bottom), std::logic_error);  // one too many
    png.Commit();
  }
  const auto ds = OpenPng(dir / "a.png");
  ASSERT_TRUE(ds);
  ASSERT_EQ(ds->GetRasterXSize(), 3);
  ASSERT_EQ(ds->GetRasterYSize(), 2);
  EXPECT_EQ(PixelAt(*ds, 0, 0), 0xFF0000u);
  EXPECT_EQ(PixelAt(*ds, 2, 0), 0x0000FFu);
  EXPECT_EQ(PixelAt(*ds, 0, 1), 0x123456u);
  EXPECT_EQ(PixelAt(*ds, 1, 1), 0xFFFFFFu);
}

TEST(PngRowWriter, IndexedRowsReadBackThroughThePalette) {
  TempDir dir;
  const std::vector<std::uint32_t> palette{0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF};
  {
    PngRowWriter png(dir / "a.png", 3, 2, palette);
    EXPECT_THROW(png.Row(std::vector<std::uint32_t>(3, 0)), std::logic_error);  // not an RGB picture
    png.Row(std::vector<std::uint8_t>{0, 1, 2});
    png.Row(std::vector<std::uint8_t>{3, 3, 0});
    png.Commit();
  }
  const auto ds = OpenPng(dir / "a.png");
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetRasterCount(), 1);
  EXPECT_EQ(PixelAt(*ds, 0, 0), 0xFF0000u);
  EXPECT_EQ(PixelAt(*ds, 2, 0), 0x0000FFu);
  EXPECT_EQ(PixelAt(*ds, 1, 1), 0xFFFFFFu);
  EXPECT_EQ(PixelAt(*ds, 2, 1), 0xFF0000u);
  EXPECT_THROW(PngRowWriter(dir / "b.png", 2, 2, std::vector<std::uint32_t>(257, 0)), std::logic_error);
}

TEST(PngRowWriter, DroppedBeforeCommitLeavesNothing) {
  TempDir dir;
  {
    PngRowWriter png(dir / "a.png", 4, 4);
    png.Row(std::vector<std::uint32_t>(4, 0x808080));
    EXPECT_THROW(png.Row(std::vector<std::uint32_t>(3, 0)), std::logic_error);  // not the width
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(PngRowWriter, UnwritableFolderNamesTheFile) {
  TempDir dir;
  try {
    PngRowWriter png(dir / "missing" / "a.png", 2, 2);
    FAIL() << "no error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("a.png"), std::string::npos) << e.what();
  }
}

sim::DensityLevels TwoLevels() {
  sim::DensityLevels levels;
  levels.name = "test";
  levels.levels = {{"low", 10}, {"high", 100}};
  return levels;
}

// A map of 1,200 x 1,100 cells (one pixel each): its rows go out as they come, and the file
// holds them pixel for pixel above the legend.
TEST(QuickLook, BigMapStreamedRowByRowAboveItsLegend) {
  TempDir dir;
  const geo::RasterGrid grid{0, 0, 1, 1200, 1100};
  const sim::DensityLevels levels = TwoLevels();
  const QuickLookColours colours(2);
  auto colour = [&colours](int col, int row) {
    return colours((col + row) % 7 ? 0.0f : NAN, static_cast<std::uint16_t>(col % 3), static_cast<std::int8_t>(row % 2));
  };
  {
    QuickLook look(dir / "coverage.png", grid, levels);
    ASSERT_EQ(look.step(), 1);
    ASSERT_EQ(look.columns(), 1200);
    std::vector<std::uint8_t> row(1200);
    for (int r = 0; r < 1100; ++r) {
      for (int c = 0; c < 1200; ++c) row[c] = colour(c, r);
      if (r == 3) {
        EXPECT_THROW(look.Row(r + 1, row), std::logic_error);  // not the next row
      }
      look.Row(r, row);
    }
    look.Commit();
  }
  const auto ds = OpenPng(dir / "coverage.png");
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetRasterXSize(), 1200);
  ASSERT_GT(ds->GetRasterYSize(), 1100 + 20);  // the legend below
  for (const auto& [c, r] : {std::pair{0, 0}, {1, 0}, {5, 2}, {1199, 1099}, {600, 550}, {7, 1000}})
    EXPECT_EQ(PixelAt(*ds, c, r), colours.palette()[colour(c, r)]) << c << ", " << r;
  EXPECT_EQ(PixelAt(*ds, 1, 6), RgbWord(kBuilding));  // (1 + 6) % 7 == 0: NaN, a building
  EXPECT_EQ(PixelAt(*ds, 3, 1), RgbWord(kUnseen));    // k = 0
  EXPECT_EQ(PixelAt(*ds, 1199, 1100 + 2), 0xFFFFFFu);  // the legend's white ground
  // The legend's text: dark pixels, and its swatches in the map's colours.
  std::set<std::uint32_t> legend;
  for (int y = 1100; y < ds->GetRasterYSize(); ++y)
    for (int x = 0; x < ds->GetRasterXSize(); ++x) legend.insert(PixelAt(*ds, x, y));
  EXPECT_TRUE(std::any_of(legend.begin(), legend.end(), [](std::uint32_t c) { return (c & 0xC0C0C0u) == 0; }))
      << "dark text";
  for (const std::uint32_t c : colours.palette()) EXPECT_TRUE(legend.count(c)) << std::hex << c;
}

// A grid wider than the map may be takes every step-th row and column; a map narrower than its
// legend sits on white.
TEST(QuickLook, HugeGridTakesEveryStepthCellNarrowMapOnWhite) {
  TempDir dir;
  const geo::RasterGrid grid{0, 0, 1, 3001, 9};
  {
    QuickLook look(dir / "coverage.png", grid, TwoLevels(), 1500);
    ASSERT_EQ(look.step(), 3);
    ASSERT_EQ(look.columns(), 1001);
    for (int r = 0; r < 9; r += 3) look.Row(r, std::vector<std::uint8_t>(1001, static_cast<std::uint8_t>(r / 3)));
    look.Commit();
  }
  const auto ds = OpenPng(dir / "coverage.png");
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetRasterXSize(), 1001);
  EXPECT_EQ(PixelAt(*ds, 1000, 2), QuickLookColours(2).palette()[2]);
  TempDir narrow;
  {
    QuickLook look(narrow / "coverage.png", {0, 0, 1, 100, 1200}, TwoLevels());  // a tall strip of a map
    for (int r = 0; r < 1200; ++r) look.Row(r, std::vector<std::uint8_t>(look.columns(), 3));
    look.Commit();
  }
  const auto thin = OpenPng(narrow / "coverage.png");
  ASSERT_TRUE(thin);
  ASSERT_GT(thin->GetRasterXSize(), 100);  // the legend's width
  EXPECT_EQ(PixelAt(*thin, 99, 0), QuickLookColours(2).palette()[3]);
  EXPECT_EQ(PixelAt(*thin, 200, 0), 0xFFFFFFu);
}

// A small grid is upsampled by whole pixels to at least 1000 px.
TEST(QuickLook, SmallMapUpsampled) {
  TempDir dir;
  const geo::RasterGrid grid{0, 0, 1, 10, 5};
  {
    QuickLook look(dir / "coverage.png", grid, TwoLevels());
    for (int r = 0; r < 5; ++r) look.Row(r, std::vector<std::uint8_t>(10, r == 2 ? 3 : 1));
    look.Commit();
  }
  const auto ds = OpenPng(dir / "coverage.png");
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetRasterXSize(), 1000);
  const QuickLookColours colours(2);
  const std::vector<std::uint32_t>& palette = colours.palette();
  EXPECT_EQ(PixelAt(*ds, 999, 0), palette[1]);
  EXPECT_EQ(PixelAt(*ds, 0, 250), palette[3]);  // row 2 of 5, 100 px each
  EXPECT_EQ(PixelAt(*ds, 0, 199), palette[1]);
  EXPECT_EQ(PixelAt(*ds, 500, 499), palette[1]);
}

// Every level has its own colour on the maps, for any number of levels a scenario may give
// (1 to 16), "seen, below the first" (-1) included; DORI's four keep theirs.
TEST(LevelColour, DistinctForEveryLevelCount) {
  for (int levels = 1; levels <= 16; ++levels) {
    std::set<Rgb> colours;
    for (int level = -1; level < levels; ++level) colours.insert(LevelColour(level, levels));
    EXPECT_EQ(colours.size(), static_cast<std::size_t>(levels + 1)) << levels << " levels";
  }
  EXPECT_EQ(LevelColour(3, 4), (Rgb{68, 1, 84}));
  EXPECT_EQ(LevelColour(0, 4), (Rgb{122, 209, 81}));
}

}  // namespace
}  // namespace report
