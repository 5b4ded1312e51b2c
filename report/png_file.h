// Writing PNG files: opaque pictures as 8-bit RGB without row filters at zlib level 1 (a
// 34-megapixel coverage map in a fifth of the time cairo's own writer takes with adaptive
// filters at level 6, for a file about twice the size, ~1 MB), or as 8-bit palette indices
// where the picture has few colours (a third of the bytes through zlib).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

// cairo's own declaration, so that users of PngRowWriter need not see cairo's headers.
typedef struct _cairo_surface cairo_surface_t;

namespace report {

// Writes `surface` (an image surface) to `path` through a temporary file, renamed when
// complete. An opaque (RGB24) picture goes through PngRowWriter; other formats through cairo.
// Throws core::InputError naming the file when it cannot be written.
void WritePng(cairo_surface_t* surface, const std::filesystem::path& path);

// An opaque picture written a row at a time, top row first, so that a big map never has to be
// in memory whole. Through a temporary file that Commit renames onto `path`; destroyed before,
// it leaves nothing. Throws core::InputError naming `path` when the file cannot be written.
class PngRowWriter {
 public:
  // An RGB picture.
  PngRowWriter(const std::filesystem::path& path, int width, int height);
  // An indexed picture: `palette` (1 to 256 colours as 0x00RRGGBB), a byte a pixel.
  PngRowWriter(const std::filesystem::path& path, int width, int height, std::span<const std::uint32_t> palette);
  ~PngRowWriter();
  PngRowWriter(const PngRowWriter&) = delete;
  PngRowWriter& operator=(const PngRowWriter&) = delete;

  // The next row of an RGB picture: `width` pixels as cairo's RGB24 words (0x00RRGGBB).
  void Row(std::span<const std::uint32_t> pixels);
  // The next row of an indexed picture: `width` indices into its palette.
  void Row(std::span<const std::uint8_t> indices);
  // After the last row.
  void Commit();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace report
