#include "report/contact_sheet.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/error.h"
#include "test_util.h"

namespace report {
namespace {

using testing_util::PdfText;

SheetFrame Grey(const std::string& camera, int frame) {
  SheetFrame f;
  f.camera = camera;
  f.frame = frame;
  f.t_s = frame / 15.0;
  f.image.width = 64, f.image.height = 36;
  f.image.rgba.assign(64 * 36 * 4, 128);
  f.boxes.push_back({10, 5, 8, 20, 7, 0.9});
  f.boxes.push_back({30, 5, 8, 20, 12, 0.3});
  return f;
}

TEST(ContactSheet, OneRowPerCameraWithEveryFrameNamedAndEveryBoxLabelled) {
  testing_util::TempDir dir;
  std::vector<SheetFrame> frames;
  for (int n : {8, 23, 38, 53}) frames.push_back(Grey("C01", n));
  for (int n : {8, 23}) frames.push_back(Grey("C06", n));
  const auto pdf = dir.path() / "contact_sheet.pdf";
  WriteContactSheet("Contact sheet — test", frames, pdf);
  const std::string text = PdfText(pdf);
  EXPECT_NE(text.find("C01 frame 53"), std::string::npos) << text;
  EXPECT_NE(text.find("C06 frame 23"), std::string::npos) << text;
  EXPECT_NE(text.find("12 30%"), std::string::npos) << "track id and visibility on the box";
  EXPECT_EQ(text.find("No frames"), std::string::npos);
}

TEST(ContactSheet, TwoRunsGiveTheSameBytes) {
  // cairo stamps the current time as CreationDate unless told otherwise (report/cairo_draw.h).
  testing_util::TempDir dir;
  const std::vector<SheetFrame> frames = {Grey("C01", 8), Grey("C01", 23)};
  auto bytes = [&](const char* name) {
    WriteContactSheet("Contact sheet", frames, dir.path() / name);
    std::ifstream in(dir.path() / name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string first = bytes("a.pdf");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a new second on the clock
  EXPECT_EQ(first, bytes("b.pdf")) << "fixed creation date";
}

TEST(ContactSheet, UnwritableFolderIsAnInputErrorNamingTheFile) {
  EXPECT_THROW(WriteContactSheet("x", {}, "/nonexistent/dir/contact_sheet.pdf"), core::InputError);
}

}  // namespace
}  // namespace report
