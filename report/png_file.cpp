#include "report/png_file.h"

#include <cairo.h>
#include <png.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/atomic_file.h"
#include "core/error.h"

namespace report {
namespace {

// libpng reports failures (a full disk included) by longjmp to the setjmp of the call that
// failed: these frames hold no C++ object whose destructor that jump would skip.
// `palette` empty: RGB.
bool StartPng(png_structp png, png_infop info, std::FILE* file, int width, int height,
              const std::vector<png_color>& palette) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_init_io(png, file);
  png_set_compression_level(png, 1);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               palette.empty() ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  if (!palette.empty()) png_set_PLTE(png, info, palette.data(), static_cast<int>(palette.size()));
  png_write_info(png, info);
  return true;
}

bool WritePngRow(png_structp png, unsigned char* row) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_write_row(png, row);
  return true;
}

bool EndPng(png_structp png, png_infop info) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_write_end(png, info);
  return true;
}

}  // namespace

struct PngRowWriter::State {
  core::AtomicOutput out;
  int width = 0, height = 0, rows = 0;
  std::FILE* file = nullptr;
  png_structp png = nullptr;
  png_infop info = nullptr;
  std::vector<unsigned char> rgb;  // one row, 3 bytes a pixel
  std::vector<png_color> palette;  // an indexed picture's; empty: RGB

  State(const std::filesystem::path& path, int w, int h) : out(path), width(w), height(h), rgb(3 * std::size_t(w)) {}
  ~State() {
    if (png) png_destroy_write_struct(&png, &info);
    if (file) std::fclose(file);
  }
  // errno from the last write or close (a full disk: "No space left on device").
  [[noreturn]] void Fail(int error = errno) const {
    throw core::InputError(out.target().string(), "",
                           std::string("cannot write PNG") + (error ? std::string(": ") + std::strerror(error) : ""));
  }
};

PngRowWriter::PngRowWriter(const std::filesystem::path& path, int width, int height)
    : PngRowWriter(path, width, height, {}) {}

PngRowWriter::PngRowWriter(const std::filesystem::path& path, int width, int height,
                           std::span<const std::uint32_t> palette)
    : state_(std::make_unique<State>(path, width, height)) {
  State& s = *state_;
  if (width <= 0 || height <= 0) throw std::logic_error("PngRowWriter: empty picture");
  if (palette.size() > 256) throw std::logic_error("PngRowWriter: more than 256 colours in a palette");
  for (const std::uint32_t c : palette)
    s.palette.push_back({static_cast<png_byte>(c >> 16), static_cast<png_byte>(c >> 8), static_cast<png_byte>(c)});
  s.file = std::fopen(s.out.temp_path().c_str(), "wb");
  if (!s.file) s.Fail();
  errno = 0;
  s.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!s.png) s.Fail();
  s.info = png_create_info_struct(s.png);
  if (!s.info || !StartPng(s.png, s.info, s.file, width, height, s.palette)) s.Fail();
}

PngRowWriter::~PngRowWriter() = default;

void PngRowWriter::Row(std::span<const std::uint8_t> indices) {
  State& s = *state_;
  if (s.palette.empty() || indices.size() != static_cast<std::size_t>(s.width) || s.rows >= s.height)
    throw std::logic_error("PngRowWriter::Row: row does not fit the picture");
  errno = 0;
  // libpng reads the row and does not keep it.
  if (!WritePngRow(s.png, const_cast<unsigned char*>(indices.data()))) s.Fail();
  ++s.rows;
}

void PngRowWriter::Row(std::span<const std::uint32_t> pixels) {
  State& s = *state_;
  if (!s.palette.empty() || pixels.size() != static_cast<std::size_t>(s.width) || s.rows >= s.height)
    throw std::logic_error("PngRowWriter::Row: row does not fit the picture");
  for (int x = 0; x < s.width; ++x) {
    s.rgb[3 * x] = static_cast<unsigned char>(pixels[x] >> 16);
    s.rgb[3 * x + 1] = static_cast<unsigned char>(pixels[x] >> 8);
    s.rgb[3 * x + 2] = static_cast<unsigned char>(pixels[x]);
  }
  errno = 0;
  if (!WritePngRow(s.png, s.rgb.data())) s.Fail();
  ++s.rows;
}

void PngRowWriter::Commit() {
  State& s = *state_;
  if (s.rows != s.height) throw std::logic_error("PngRowWriter::Commit: rows missing");
  errno = 0;
  if (!EndPng(s.png, s.info)) s.Fail();
  png_destroy_write_struct(&s.png, &s.info);
  s.png = nullptr;
  errno = 0;
  const bool closed = std::fclose(s.file) == 0;
  s.file = nullptr;
  if (!closed) s.Fail();
  s.out.Commit();
}

void WritePng(cairo_surface_t* surface, const std::filesystem::path& path) {
  cairo_surface_flush(surface);
  if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS && cairo_surface_get_type(surface) == CAIRO_SURFACE_TYPE_IMAGE &&
      cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24) {
    const int width = cairo_image_surface_get_width(surface), height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    PngRowWriter writer(path, width, height);
    for (int y = 0; y < height; ++y)
      writer.Row({reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride),
                  static_cast<std::size_t>(width)});
    writer.Commit();
    return;
  }
  core::AtomicOutput out(path);
  if (cairo_surface_write_to_png(surface, out.temp_path().c_str()) != CAIRO_STATUS_SUCCESS)
    throw core::InputError(path.string(), "", "cannot write PNG");
  out.Commit();
}

}  // namespace report
