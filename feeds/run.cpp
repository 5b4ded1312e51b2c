#include "feeds/run.h"

#include <fmt/format.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "agents/run.h"
#include "core/error.h"
#include "feeds/camera_view.h"
#include "feeds/labels_io.h"
#include "feeds/lighting.h"
#include "feeds/scene.h"
#include "feeds/sun.h"
#include "geo/frame.h"
#include "report/contact_sheet.h"
#include "sim/body_view.h"

namespace feeds {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) throw core::InputError(path.string(), "", "cannot write (disk full or no permission?)");
}

// The cameras asked for, in the scenario's order, at the requested size (HFOV kept).
std::vector<sim::Camera> SelectCameras(const scenario::CoverageResult& run, const FeedsOptions& o) {
  const std::vector<sim::Camera>& all = run.coverage->cameras();
  std::vector<std::string> ids;
  for (const sim::Camera& c : all) ids.push_back(c.id);
  CheckAskedCameras(o.cameras, ids, run.scenario.file.string(), "", "--cameras");
  std::vector<sim::Camera> out;
  for (sim::Camera c : all) {
    if (!o.cameras.empty() &&
        std::find(o.cameras.begin(), o.cameras.end(), c.id) == o.cameras.end())
      continue;
    if (o.width > 0) c.width_px = o.width, c.height_px = o.height;
    if (c.width_px % 2 || c.height_px % 2)
      throw core::InputError(
          run.scenario.file.string(), "",
          fmt::format("camera '{}': {}x{} px is odd; H.264 4:2:0 needs even sizes (give --size)",
                      c.id, c.width_px, c.height_px));
    out.push_back(c);
  }
  if (out.empty())
    throw core::InputError(run.scenario.file.string(), "", "the scenario has no cameras to render");
  return out;
}

std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// The sensor: gain and tint by daylight, then noise (stronger at night), seeded per camera
// and frame so a run repeats exactly.
constexpr std::size_t kSheetFrames = 4;  // per camera on the contact sheet
constexpr int kSheetWidthPx = 480;       // frames kept for it are shrunk to this width at most

// One frame for the contact sheet, shrunk (nearest pixel) so that 100 cameras' frames stay small.
report::SheetFrame SheetFrameOf(const std::string& camera, std::size_t n, double t_s,
                                const render::EyeImage& img, const std::vector<AgentLabel>& labels) {
  const int step = std::max(1, (img.width + kSheetWidthPx - 1) / kSheetWidthPx);
  report::SheetFrame f;
  f.camera = camera;
  f.frame = static_cast<int>(n + 1);
  f.t_s = t_s;
  f.image.width = img.width / step, f.image.height = img.height / step;
  f.image.rgba.resize(static_cast<std::size_t>(f.image.width) * f.image.height * 4);
  for (int row = 0; row < f.image.height; ++row)
    for (int col = 0; col < f.image.width; ++col) {
      const std::uint8_t* p = &img.rgb[(static_cast<std::size_t>(row * step) * img.width + col * step) * 3];
      std::uint8_t* q = &f.image.rgba[(static_cast<std::size_t>(row) * f.image.width + col) * 4];
      q[0] = p[0], q[1] = p[1], q[2] = p[2], q[3] = 255;
    }
  for (const AgentLabel& l : labels)
    f.boxes.push_back({l.left / step, l.top / step, std::max(1, l.width / step), std::max(1, l.height / step),
                       static_cast<int>(l.agent + 1), l.visibility});
  return f;
}

// `gain_in_render`: the scene applied the gain already (feeds/lighting.h), only the tint is left.
// The noise: triangular on [-half_width, half_width] grey levels (0: none), the sum of two
// random bytes, which come from a counter-based hash of the seed (independent draws the CPU
// overlaps). Fixed point, in blocks the compiler vectorises: the same bytes on every machine,
// cheap for every byte of every frame.
void Expose(std::vector<std::uint8_t>& rgb, double daylight, double half_width,
            std::uint64_t seed, bool gain_in_render) {
  const double d = std::clamp(daylight, 0.0, 1.0);
  const double gain = gain_in_render ? 1.0 : SensorGain(d);
  const std::int32_t tint[3] = {  // 1/256
      static_cast<std::int32_t>(std::lround(256 * gain * (1 - 0.2 * (1 - d)))),
      static_cast<std::int32_t>(std::lround(256 * gain * (1 - 0.1 * (1 - d)))),
      static_cast<std::int32_t>(std::lround(256 * gain))};
  // Grey levels per unit of (a + b - 255), in 1/65536.
  const std::int32_t scale = static_cast<std::int32_t>(std::lround(half_width * 65536 / 255));
  if (tint[0] == 256 && tint[1] == 256 && tint[2] == 256 && scale == 0) return;
  constexpr std::size_t kBlock = 768;  // bytes: whole pixels, four bytes per draw of 64 bits
  std::array<std::int32_t, kBlock> tints;
  for (std::size_t i = 0; i < kBlock; ++i) tints[i] = tint[i % 3] * 256;
  std::array<std::uint64_t, kBlock / 4> draws;
  const std::uint64_t key = Mix(seed);
  for (std::size_t start = 0; start < rgb.size(); start += kBlock) {
    const std::size_t m = std::min(kBlock, rgb.size() - start);
    for (std::size_t k = 0; k < (m + 3) / 4; ++k) draws[k] = Mix(key + start / 4 + k);
    std::uint8_t random[kBlock * 2];
    std::memcpy(random, draws.data(), sizeof random);
    std::uint8_t* p = rgb.data() + start;
    for (std::size_t i = 0; i < m; ++i) {
      const std::int32_t noise = std::int32_t(random[2 * i]) + random[2 * i + 1] - 255;
      const std::int32_t v = (p[i] * tints[i] + noise * scale + 32768) >> 16;  // half up
      p[i] = static_cast<std::uint8_t>(std::clamp(v, 0, 255));
    }
  }
}

// Agents stand on the grid's ground; the rendered mesh can lie a few centimetres above it
// between cell centres. Stand them on the mesh, so the ground does not hide their feet.
void StandOnMesh(const sim::Scene& scene, agents::Snapshot& snapshot) {
  for (agents::AgentState& s : snapshot.states) {
    const float lift = 1.0f;
    const auto hit =
        scene.FirstHit({float(s.x), float(s.y), float(s.z + lift)}, {0, 0, -1}, 2 * lift);
    // Only a surface near the grid's ground: not a canopy or an overhang above the agent.
    if (hit && std::abs(hit->distance - lift) < 0.5f) s.z = s.z + lift - hit->distance;
  }
}

constexpr int kComparableHeightPx = 16;

struct CameraRun {
  std::unique_ptr<CameraView> view;
  std::unique_ptr<H264Writer> writer;
  std::vector<std::vector<AgentLabel>> labels;  // per frame
  std::vector<std::vector<double>> raycast;     // per frame and label: the engine's visibility
};

}  // namespace

void ApplyFeedsSpec(const scenario::FeedsSpec& spec, FeedsOptions& o) {
  if (spec.start_s) o.start_s = *spec.start_s;
  if (spec.duration_s) o.duration_s = *spec.duration_s;
  if (spec.fps) o.fps = *spec.fps;
  if (spec.width) o.width = *spec.width, o.height = *spec.height;
  if (!spec.cameras.empty()) o.cameras = spec.cameras;
  if (spec.crf) o.crf = *spec.crf;
  if (spec.kbps) o.kbps = *spec.kbps;
  if (spec.preset) o.preset = *spec.preset;
  if (spec.time_utc) o.time_utc = *spec.time_utc;
  if (spec.daylight) o.daylight = *spec.daylight;
  if (spec.noise) o.noise = *spec.noise;
  if (spec.shutter) o.shutter = *spec.shutter;
  if (spec.shadows) o.shadows = *spec.shadows;
}

void CheckFeedsOptions(const FeedsOptions& o) {
  const auto bad = [](const std::string& option, const std::string& problem) {
    throw core::InputError("", option, problem);
  };
  if (!(o.duration_s > 0) || o.duration_s > 24 * 3600)
    bad("--duration", "must be more than 0 and at most 86400 s");
  if (o.fps < 1 || o.fps > 120) bad("--fps", "must be 1..120 frames per second");
  if (o.width != 0 || o.height != 0) {
    if (o.width < 16 || o.height < 16 || o.width > 7680 || o.height > 4320)
      bad("--size",
          fmt::format("{}x{}: each side must be 16..7680 x 16..4320 px", o.width, o.height));
    if (o.width % 2 || o.height % 2)
      bad("--size", fmt::format("{}x{}: H.264 4:2:0 needs even sizes", o.width, o.height));
  }
  if (o.crf < 0 || o.crf > 51) bad("--crf", "must be 0..51");
  if (o.kbps < 0 || o.kbps > 200000) bad("--kbps", "must be 0 (CRF) ..200000");
  if (o.daylight && !(*o.daylight >= 0 && *o.daylight <= 1))
    bad("--daylight", "must be in [0, 1] (0 night, 1 day)");
  if (!o.time_utc.empty() && !DaysSinceJ2000(o.time_utc))
    bad("--time", "'" + o.time_utc + "' is not a UTC time YYYY-MM-DDTHH:MM");
  if (!(o.noise >= 0 && o.noise <= 0.5)) bad("--noise", "must be in [0, 0.5]");
  if (!(o.shutter >= 0 && o.shutter <= 1))
    bad("--shutter", "must be in [0, 1] (a fraction of the frame interval; 0: no motion blur)");
  if (std::llround(o.duration_s * o.fps) < 1) bad("--duration", "shorter than one frame");
  if (!(o.start_s >= 0) || o.start_s > 24 * 3600) bad("--start", "must be 0..86400 s");
}

void CheckAskedCameras(const std::vector<std::string>& asked, const std::vector<std::string>& known,
                       const std::string& file, const std::string& where, const std::string& what) {
  std::string listed;
  for (const std::string& id : known) listed += (listed.empty() ? "" : ", ") + id;
  for (const std::string& id : asked)
    if (std::find(known.begin(), known.end(), id) == known.end())
      throw core::InputError(file, where,
                             fmt::format("{}: no camera '{}' in the scenario (it has: {})", what, id,
                                         listed.empty() ? "none" : listed));
}

bool CanRender(std::string& why) {
  try {
    render::EyeRenderer probe(16, 16);
    return true;
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
}

FeedsResult RunFeeds(const scenario::CoverageResult& run, const FeedsOptions& o,
                     const std::filesystem::path& folder) {
  const auto start = Clock::now();
  CheckFeedsOptions(o);
  agents::RequireAgents(run.scenario);
  scenario::AgentsSpec spec = *run.scenario.agents;
  spec.duration_s = o.start_s + o.duration_s;
  spec.step_s = 1.0 / o.fps;
  if (o.seed) spec.seed = *o.seed;
  const std::vector<sim::Camera> cameras = SelectCameras(run, o);
  const std::size_t frames = static_cast<std::size_t>(std::llround(o.duration_s * o.fps));

  FeedsResult result;
  const agents::Ground ground(run.grid);
  std::unique_ptr<agents::AgentSource> source =
      agents::MakeAgentSource(run, spec, ground, o.work_dir, result.diagnostics);
  // The sun over the area's centre at the given time; the daylight knob follows it unless given.
  SceneLook look{spec.seed, o.daylight.value_or(1), std::nullopt, o.shadows};
  if (!o.time_utc.empty()) {
    double lon = (run.city.area.min_x + run.city.area.max_x) / 2,
           lat = (run.city.area.min_y + run.city.area.max_y) / 2;
    if (!geo::CrsTransform::FromFrame(run.city.frame, "EPSG:4326").Apply(lon, lat))
      throw core::InputError(run.scenario.file.string(), "",
                             "--time: cannot place the area on the globe for the sun");
    look.sun = Sun(lon, lat, *DaysSinceJ2000(o.time_utc));
    if (!o.daylight) look.daylight = DaylightAt(look.sun->elevation_deg);
  }
  const double daylight = look.daylight;
  FeedScene scene(run.city, look);
  const bool gain_in_render = scene.GainInRender();

  SharedRenderers renderers;  // outlives the views
  std::vector<CameraRun> cams(cameras.size());
  for (std::size_t c = 0; c < cameras.size(); ++c) {
    cams[c].view = std::make_unique<CameraView>(cameras[c], o.shutter, &renderers);
    EncoderOptions enc;
    enc.width = cameras[c].width_px, enc.height = cameras[c].height_px;
    enc.fps = o.fps, enc.crf = o.crf, enc.kbps = o.kbps, enc.preset = o.preset;
    cams[c].writer = std::make_unique<H264Writer>(folder / (cameras[c].id + ".mp4"), enc);
  }

  // The same cameras for the ray-cast visibility, their range lifted: a box is a box at any range.
  std::vector<sim::Camera> unlimited = cameras;
  for (sim::Camera& c : unlimited) c.min_range_m = 0, c.max_range_m = 1e5;

  // The contact sheet: a few instants spread over the run, every camera, boxes drawn.
  std::set<std::size_t> sheet_frames;
  for (std::size_t i = 0; i < kSheetFrames; ++i) sheet_frames.insert(std::min(frames - 1, (2 * i + 1) * frames / (2 * kSheetFrames)));
  std::vector<std::vector<report::SheetFrame>> sheet(cams.size());

  // Two frames' buffers, used in turn by the renderer and the sensor's worker (declared before
  // the worker, which may still hold one when a run stops on an error).
  std::array<CameraView::Frame, 2> slots;
  int slot = 0;
  // Stronger at night. Its standard deviation is about half_width / sqrt(6): half the --noise
  // level (as it has been; FeedsOptions::noise says the whole level).
  const double noise_half_width =
      o.noise * 255 * (1 + 3 * (1 - std::clamp(daylight, 0.0, 1.0))) * std::sqrt(6.0) / 2;
  // Exposure and encoding beside rendering (below); the worker's seconds, read after a wait.
  struct Alongside {
    tbb::task_group group;
    ~Alongside() {  // a run stopped by an error still lets the frame in flight finish
      try {
        group.wait();
      } catch (...) {
      }
    }
  } encoding;
  double encode_s = 0;

  // Frame n of every camera: the agents at t = start + n / fps.
  agents::Snapshot snapshot;
  const std::size_t skip = static_cast<std::size_t>(std::llround(o.start_s * o.fps));
  for (std::size_t n = 0; n < skip && source->Next(snapshot); ++n)
    scene.Update(source->agents(), snapshot);
  for (std::size_t n = 0; n < frames; ++n) {
    if (!source->Next(snapshot))
      snapshot.states.clear(), snapshot.t_s = o.start_s + double(n) / o.fps;  // source ended
    StandOnMesh(*run.scene, snapshot);
    scene.Update(source->agents(), snapshot);
    // The coverage engine's view of the same bodies (three sample rays each), reported beside.
    std::vector<sim::BodyPose> poses;
    for (const agents::AgentState& s : snapshot.states)
      poses.push_back({{s.x, s.y, s.z}, source->agents()[s.agent].size.height_m});
    std::vector<sim::BodyView> views;
    sim::ViewBodies(*run.scene, unlimited, poses, {}, views);
    for (std::size_t c = 0; c < cams.size(); ++c) {
      CameraView::Frame& frame = slots[slot];
      slot = 1 - slot;
      const auto t0 = Clock::now();
      cams[c].view->Render(scene, frame);
      result.render_s += Seconds(t0);
      // The sensor and the encoder take the frame on a worker while the next camera renders.
      // One frame in flight: each writer gets its frames in order, the bytes do not change.
      encoding.group.wait();  // the previous frame done; its error (disk full) thrown here
      const bool on_sheet = sheet_frames.count(n) > 0;
      std::vector<AgentLabel> sheet_labels;
      if (on_sheet) sheet_labels = frame.labels;
      encoding.group.run([&, &image = frame.colour, c, n, on_sheet,
                          sheet_labels = std::move(sheet_labels)] {
        const auto t1 = Clock::now();
        Expose(image.rgb, daylight, noise_half_width,
               (std::uint64_t(spec.seed) << 40) ^ (c << 24) ^ n, gain_in_render);
        cams[c].writer->Add(image.rgb);
        if (on_sheet)
          sheet[c].push_back(SheetFrameOf(cameras[c].id, n, o.start_s + double(n) / o.fps,
                                          image, sheet_labels));
        encode_s += Seconds(t1);
      });
      std::vector<double> raycast;
      for (const AgentLabel& l : frame.labels) {
        const auto it =
            std::find_if(snapshot.states.begin(), snapshot.states.end(),
                         [&](const agents::AgentState& s) { return s.agent == l.agent; });
        raycast.push_back(views[c * poses.size() + (it - snapshot.states.begin())].samples_seen /
                          3.0);
      }
      cams[c].raycast.push_back(std::move(raycast));
      cams[c].labels.push_back(std::move(frame.labels));
    }
    if (o.progress) o.progress(n + 1, frames);
  }
  encoding.group.wait();
  result.encode_s = encode_s;
  const std::vector<agents::AgentInfo>& infos = source->agents();
  result.frames = frames;
  result.agents = infos.size();

  // Labels and traces per camera; COCO and calibration for all.
  const geo::Frame& geo_frame = run.city.frame;
  json coco = {
      {"info", {{"description", "sightline feeds: " + run.scenario.name}, {"version", "1.0"}}},
      {"videos", json::array()},
      {"images", json::array()},
      {"annotations", json::array()},
      {"categories", CocoCategories()}};
  json calibration = {{"crs", geo_frame.Label()}, {"cameras", json::array()}};
  json feeds_json = {{"scenario", run.scenario.file.string()},
                     {"fps", o.fps},
                     {"frames", frames},
                     {"start_s", o.start_s},
                     {"duration_s", double(frames) / o.fps},
                     {"cameras", json::array()}};
  std::int64_t image_id = 0, annotation_id = 0;
  for (std::size_t c = 0; c < cams.size(); ++c) {
    const sim::Camera& cam = cameras[c];
    auto t0 = Clock::now();
    cams[c].writer->Finish();
    result.encode_s += Seconds(t0);
    CameraFeed feed;
    feed.camera = cam;
    feed.packets = cams[c].writer->packets();
    for (const PacketInfo& p : feed.packets) feed.stream_bytes += p.bytes;
    feed.bitrate_kbps = feed.stream_bytes * 8.0 / (double(frames) / o.fps) / 1000;

    const std::filesystem::path dir = folder / cam.id;
    std::filesystem::create_directories(dir / "gt");
    std::string gt, trace = "frame,pts,type,bytes\n";
    for (const PacketInfo& p : feed.packets)
      trace += fmt::format("{},{},{},{}\n", p.pts + 1, p.pts, p.type, p.bytes);
    coco["videos"].push_back({{"id", c + 1}, {"name", cam.id}, {"file_name", cam.id + ".mp4"}});
    std::set<std::uint32_t> seen;
    double diff_sum = 0, raycast_sum = 0, pixel_sum = 0, big_diff_sum = 0;
    std::size_t big = 0;  // boxes at least kComparableHeightPx tall
    for (std::size_t n = 0; n < frames; ++n) {
      coco["images"].push_back({{"id", ++image_id},
                                {"video_id", c + 1},
                                {"camera", cam.id},
                                {"frame_id", n + 1},
                                {"file_name", fmt::format("{}/img1/{:06d}.jpg", cam.id, n + 1)},
                                {"width", cam.width_px},
                                {"height", cam.height_px}});
      for (std::size_t k = 0; k < cams[c].labels[n].size(); ++k) {
        const AgentLabel& l = cams[c].labels[n][k];
        const double raycast = cams[c].raycast[n][k];
        diff_sum += raycast - l.visibility, raycast_sum += raycast, pixel_sum += l.visibility;
        if (l.height >= kComparableHeightPx) big_diff_sum += raycast - l.visibility, ++big;
        const agents::AgentInfo& info = infos[l.agent];
        gt += MotLine({int(n + 1), int(l.agent + 1), l.left + 1, l.top + 1, l.width, l.height, 1,
                       MotClass(info.agent_class), l.visibility});
        coco["annotations"].push_back(
            {{"id", ++annotation_id},
             {"image_id", image_id},
             {"category_id", CocoCategory(info.agent_class)},
             {"bbox", {l.left, l.top, l.width, l.height}},
             {"area", l.visible_px},
             {"iscrowd", 0},
             {"track_id", l.agent + 1},
             {"segmentation", {{"size", {cam.height_px, cam.width_px}}, {"counts", l.mask_rle}}},
             {"agent_id", info.id},
             {"visibility", std::round(l.visibility * 1e4) / 1e4},
             {"truncation", std::round((1 - l.inside) * 1e4) / 1e4},
             {"raycast_visibility", std::round(raycast * 1e4) / 1e4},
             {"world_xy",
              {std::round((l.x + geo_frame.origin_x) * 1e3) / 1e3,
               std::round((l.y + geo_frame.origin_y) * 1e3) / 1e3}}});
        ++feed.boxes;
        seen.insert(l.agent);
      }
    }
    WriteText(dir / "gt" / "gt.txt", gt);
    WriteText(dir / "seqinfo.ini",
              SeqInfo(cam.id, o.fps, int(frames), cam.width_px, cam.height_px));
    WriteText(dir / "frames.csv", trace);
    calibration["cameras"].push_back(CalibrationJson(cam, geo_frame));
    std::map<char, std::pair<int, std::int64_t>> by_type;
    for (const PacketInfo& p : feed.packets)
      ++by_type[p.type].first, by_type[p.type].second += p.bytes;
    json types = json::object();
    for (const auto& [type, v] : by_type)
      types[std::string(1, type)] = {{"count", v.first},
                                     {"mean_bytes", v.second / std::max(1, v.first)}};
    feeds_json["cameras"].push_back(
        {{"id", cam.id},
         {"file", cam.id + ".mp4"},
         {"width", cam.width_px},
         {"height", cam.height_px},
         {"frames", frames},
         {"stream_bytes", feed.stream_bytes},
         {"bitrate_kbps", std::round(feed.bitrate_kbps * 10) / 10},
         {"frame_types", types},
         {"encoder",
          {{"codec", "h264 (libx264)"},
           {"preset", o.preset},
           {"gop", 2 * o.fps},
           {"rate_control", o.kbps > 0 ? json{{"kbps", o.kbps}} : json{{"crf", o.crf}}}}},
         {"boxes", feed.boxes},
         {"agents_seen", seen.size()},
         {"visibility",
          {{"mean_pixels", feed.boxes ? pixel_sum / feed.boxes : 0.0},
           {"mean_raycast", feed.boxes ? raycast_sum / feed.boxes : 0.0},
           {"mean_difference", feed.boxes ? diff_sum / feed.boxes : 0.0},
           {"boxes_16px", big},
           {"mean_difference_16px", big ? big_diff_sum / big : 0.0},
           {"note",
            "raycast: the coverage engine's 3 sample rays (feet, torso, head) per box, "
            "at any range, other agents not occluding; _16px: boxes at least 16 px tall (below "
            "that, "
            "a visibility ratio is a few pixels)"}}}});
    feed.raycast_minus_pixels = big ? big_diff_sum / big : 0.0;
    result.cameras.push_back(std::move(feed));
  }
  result.total_s = Seconds(start);
  feeds_json["agents"] = infos.size();
  feeds_json["seed"] = spec.seed;
  feeds_json["daylight"] = daylight;
  feeds_json["shutter"] = o.shutter;
  feeds_json["shadows"] = scene.CastsShadows();
  feeds_json["street_lamps_lit"] = scene.Lamps();
  if (look.sun)
    feeds_json["sun"] = {{"time_utc", o.time_utc},
                         {"azimuth_deg", std::round(look.sun->azimuth_deg * 100) / 100},
                         {"elevation_deg", std::round(look.sun->elevation_deg * 100) / 100}};
  WriteText(folder / "annotations.json", coco.dump(1));
  WriteText(folder / "calibration.json", calibration.dump(2));
  WriteText(folder / "feeds.json", feeds_json.dump(2));
  std::vector<report::SheetFrame> all_sheet;
  for (auto& frames_of_camera : sheet)
    for (auto& f : frames_of_camera) all_sheet.push_back(std::move(f));
  report::WriteContactSheet("Contact sheet — " + run.scenario.name, all_sheet, folder / "contact_sheet.pdf");
  return result;
}

}  // namespace feeds
