// A contact sheet of synthetic feed frames with their labels drawn on them: one row per camera,
// a few instants across the run, every box with its track id and visibility. It is what a
// training team looks at first to trust a data set (boxes tight, occluded people marked, ids
// stable across cameras). Plain structs in: report/ knows nothing of libav or OSG.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "report/pdf_report.h"

namespace report {

struct SheetBox {
  int left = 0, top = 0, width = 0, height = 0;  // pixels of the frame
  int track_id = 0;                              // global id, the same in every camera
  double visibility = 1;                         // 0..1: drawn dashed below 0.5
};

struct SheetFrame {
  std::string camera;
  int frame = 0;  // 1-based, as in gt.txt
  double t_s = 0;
  Image image;
  std::vector<SheetBox> boxes;
};

// Frames of one camera follow each other in `frames`; a new camera starts a new row. Written
// atomically; throws core::InputError naming the file when it cannot be written.
void WriteContactSheet(const std::string& title, const std::vector<SheetFrame>& frames,
                       const std::filesystem::path& pdf);

}  // namespace report
