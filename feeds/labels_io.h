// The label formats of a feed: MOTChallenge ground truth (gt.txt rows, seqinfo.ini) with a
// strict reader for checks, the class numbering of MOT and COCO, and camera calibration in
// OpenCV's terms (K, R, t, distortion coefficients).
#pragma once

#include <istream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "scenario/agents_spec.h"
#include "sim/camera.h"

namespace feeds {

// One gt.txt row: frame and id from 1; box in pixels with the top-left pixel at (1, 1).
struct MotRow {
  int frame = 0, id = 0;
  int left = 0, top = 0, width = 0, height = 0;
  int conf = 1;  // 1: the box counts (MOT's "considered" flag)
  int mot_class = 1;
  double visibility = 0;
};
std::string MotLine(const MotRow& row);
// Reads gt.txt strictly: nine comma-separated fields, integers where MOT has integers, frame and
// id >= 1, positive sizes, conf 0 or 1, class 1..12, visibility in [0, 1], frames ascending.
// Throws core::InputError naming `file` and the line.
std::vector<MotRow> ReadMotGt(std::istream& in, const std::string& file);

// MOTChallenge classes: 1 pedestrian, 2 person on vehicle (cyclists), 3 car (vans and buses too).
int MotClass(scenario::AgentClass c);
// COCO categories: person 1, bicycle 2, car 3, bus 6, truck 8 (vans).
int CocoCategory(scenario::AgentClass c);
nlohmann::json CocoCategories();

std::string SeqInfo(const std::string& name, int fps, int frames, int width, int height);

// Intrinsics and pose of a camera for OpenCV: world points in the scenario CRS (x, y) and
// heights (z) map to pixels by x_cam = R X + t, then the pinhole K with `distortion` (Brown-
// Conrady: [k1, k2, p1, p2, k3]) or the fisheye model (equidistant, coefficients 0).
nlohmann::json CalibrationJson(const sim::Camera& camera, const geo::Frame& frame);

}  // namespace feeds
