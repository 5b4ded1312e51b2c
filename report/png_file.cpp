#include "report/png_file.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstdint>
#include <vector>

#include "core/atomic_file.h"
#include "core/error.h"

namespace report {
namespace {

struct RgbPicture {
  const unsigned char* data;  // cairo RGB24: one native-endian 0x00RRGGBB word per pixel
  int width, height, stride;
};

// libpng reports failures (a full disk included) by longjmp to here: this frame holds no C++
// object whose destructor that jump would skip; `row` belongs to the caller.
bool WriteRgb(std::FILE* file, const RgbPicture& picture, unsigned char* row) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_init_io(png, file);
  png_set_compression_level(png, 1);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR(png, info, static_cast<png_uint_32>(picture.width), static_cast<png_uint_32>(picture.height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info(png, info);
  for (int y = 0; y < picture.height; ++y) {
    const auto* px = reinterpret_cast<const std::uint32_t*>(picture.data + static_cast<std::size_t>(y) * picture.stride);
    for (int x = 0; x < picture.width; ++x) {
      row[3 * x] = static_cast<unsigned char>(px[x] >> 16);
      row[3 * x + 1] = static_cast<unsigned char>(px[x] >> 8);
      row[3 * x + 2] = static_cast<unsigned char>(px[x]);
    }
    png_write_row(png, row);
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

void WritePng(cairo_surface_t* surface, const std::filesystem::path& path) {
  core::AtomicOutput out(path);
  cairo_surface_flush(surface);
  bool written = false;
  if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS && cairo_surface_get_type(surface) == CAIRO_SURFACE_TYPE_IMAGE &&
      cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24) {
    const RgbPicture picture{cairo_image_surface_get_data(surface), cairo_image_surface_get_width(surface),
                             cairo_image_surface_get_height(surface), cairo_image_surface_get_stride(surface)};
    std::vector<unsigned char> row(static_cast<std::size_t>(picture.width) * 3);
    if (std::FILE* file = std::fopen(out.temp_path().c_str(), "wb")) {
      written = WriteRgb(file, picture, row.data());
      written = std::fclose(file) == 0 && written;
    }
  } else {
    written = cairo_surface_write_to_png(surface, out.temp_path().c_str()) == CAIRO_STATUS_SUCCESS;
  }
  if (!written) throw core::InputError(path.string(), "", "cannot write PNG");
  out.Commit();
}

}  // namespace report
