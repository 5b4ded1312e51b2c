// Writing a cairo image surface as a PNG file.
#pragma once

#include <cairo.h>

#include <filesystem>

namespace report {

// Writes `surface` (an image surface) to `path` through a temporary file, renamed when
// complete. An opaque (RGB24) picture is written as 8-bit RGB without row filters at zlib
// level 1: a 34-megapixel coverage map in a fifth of the time cairo's own writer takes
// (adaptive filters, level 6), for a file about twice the size (~1 MB). Other formats go
// through cairo. Throws core::InputError naming the file when it cannot be written.
void WritePng(cairo_surface_t* surface, const std::filesystem::path& path);

}  // namespace report
