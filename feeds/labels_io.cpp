#include "feeds/labels_io.h"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

#include "core/error.h"

namespace feeds {

std::string MotLine(const MotRow& r) {
  return fmt::format("{},{},{},{},{},{},{},{},{:.4f}\n", r.frame, r.id, r.left, r.top, r.width,
                     r.height, r.conf, r.mot_class, r.visibility);
}

std::vector<MotRow> ReadMotGt(std::istream& in, const std::string& file) {
  std::vector<MotRow> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = "line " + std::to_string(number);
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string field; std::getline(ss, field, ',');) f.push_back(field);
    if (f.size() != 9)
      throw core::InputError(file, where, fmt::format("expected 9 fields, found {}", f.size()));
    const auto integer = [&](int i, const char* name) {
      int v = 0;
      const auto [end, ec] = std::from_chars(f[i].data(), f[i].data() + f[i].size(), v);
      if (ec != std::errc() || end != f[i].data() + f[i].size())
        throw core::InputError(file, where, fmt::format("{} is not an integer: '{}'", name, f[i]));
      return v;
    };
    MotRow r;
    r.frame = integer(0, "frame"), r.id = integer(1, "id");
    r.left = integer(2, "left"), r.top = integer(3, "top"), r.width = integer(4, "width"),
    r.height = integer(5, "height");
    r.conf = integer(6, "conf"), r.mot_class = integer(7, "class");
    const auto [end, ec] = std::from_chars(f[8].data(), f[8].data() + f[8].size(), r.visibility);
    if (ec != std::errc() || end != f[8].data() + f[8].size())
      throw core::InputError(file, where, "visibility is not a number: '" + f[8] + "'");
    if (r.frame < 1 || r.id < 1) throw core::InputError(file, where, "frame and id start at 1");
    if (r.width < 1 || r.height < 1)
      throw core::InputError(file, where, "box width and height must be positive");
    if (r.conf != 0 && r.conf != 1) throw core::InputError(file, where, "conf must be 0 or 1");
    if (r.mot_class < 1 || r.mot_class > 12)
      throw core::InputError(file, where, "class must be 1..12");
    if (!(r.visibility >= 0 && r.visibility <= 1))
      throw core::InputError(file, where, "visibility must be in [0, 1]");
    if (!rows.empty() && r.frame < rows.back().frame)
      throw core::InputError(file, where, "frames must ascend");
    rows.push_back(r);
  }
  return rows;
}

int MotClass(scenario::AgentClass c) {
  using scenario::AgentClass;
  switch (c) {
    case AgentClass::pedestrian:
      return 1;
    case AgentClass::bicycle:
      return 2;
    default:
      return 3;
  }
}

int CocoCategory(scenario::AgentClass c) {
  using scenario::AgentClass;
  switch (c) {
    case AgentClass::pedestrian:
      return 1;
    case AgentClass::bicycle:
      return 2;
    case AgentClass::car:
      return 3;
    case AgentClass::bus:
      return 6;
    case AgentClass::van:
      return 8;
  }
  return 1;
}

nlohmann::json CocoCategories() {
  return nlohmann::json::array({{{"id", 1}, {"name", "person"}, {"supercategory", "person"}},
                                {{"id", 2}, {"name", "bicycle"}, {"supercategory", "vehicle"}},
                                {{"id", 3}, {"name", "car"}, {"supercategory", "vehicle"}},
                                {{"id", 6}, {"name", "bus"}, {"supercategory", "vehicle"}},
                                {{"id", 8}, {"name", "truck"}, {"supercategory", "vehicle"}}});
}

std::string SeqInfo(const std::string& name, int fps, int frames, int width, int height) {
  return fmt::format(
      "[Sequence]\nname={}\nimDir=img1\nframeRate={}\nseqLength={}\nimWidth={}\nimHeight={}\nimExt="
      ".jpg\n"
      "; frames are not extracted: they are the frames of ../{}.mp4 (frame n = image n)\n",
      name, fps, frames, width, height, name);
}

nlohmann::json CalibrationJson(const sim::Camera& c, const geo::Frame& frame) {
  const sim::CameraAxes a = sim::Axes(c);
  const double f = sim::FocalPx(c);
  // OpenCV's camera axes: x right, y down, z forward.
  const sim::Vec3d rows[3] = {a.right, {-a.up.x, -a.up.y, -a.up.z}, a.forward};
  const sim::Vec3d centre{c.position.x + frame.origin_x, c.position.y + frame.origin_y,
                          c.position.z};
  nlohmann::json R = nlohmann::json::array(), t = nlohmann::json::array();
  for (const sim::Vec3d& r : rows) {
    R.push_back({r.x, r.y, r.z});
    t.push_back(-(r.x * centre.x + r.y * centre.y + r.z * centre.z));
  }
  const bool fisheye = c.lens == sim::LensModel::fisheye_equidistant;
  return {{"id", c.id},
          {"image_size", {c.width_px, c.height_px}},
          {"K", {{f, 0.0, c.width_px / 2.0}, {0.0, f, c.height_px / 2.0}, {0.0, 0.0, 1.0}}},
          {"R", R},
          {"t", t},
          {"model", fisheye ? "fisheye_equidistant" : "pinhole"},
          {"distortion",
           fisheye ? nlohmann::json::array({0.0, 0.0, 0.0, 0.0})
                   : nlohmann::json::array({c.distortion.k1, c.distortion.k2, c.distortion.p1,
                                            c.distortion.p2, c.distortion.k3})},
          {"distortion_order",
           fisheye ? "OpenCV fisheye: k1, k2, k3, k4 (r = f theta)" : "OpenCV: k1, k2, p1, p2, k3"},
          {"position", {centre.x, centre.y, centre.z}},
          {"yaw_deg", c.yaw_deg},
          {"pitch_deg", c.pitch_deg},
          {"roll_deg", c.roll_deg},
          {"hfov_deg", c.hfov_deg},
          {"crs", frame.Label()}};
}

}  // namespace feeds
