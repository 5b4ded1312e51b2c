// H.264 in MP4 for one camera's feed (libavcodec + libx264, libavformat, libswscale): RGB frames
// in, one packet per frame out with its picture type and size, and a reader that decodes a
// written file back (frame count, size, rate, stream bytes) for checks. The only libav user.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace feeds {

struct EncoderOptions {
  int width = 1280, height = 720;   // pixels, both even (4:2:0 chroma)
  int fps = 15;                     // frames per second; the stream's time base is 1/fps
  int crf = 23;                     // constant quality (x264 CRF, 0..51); used when kbps == 0
  int kbps = 0;                     // > 0: average bitrate mode at this many kbit/s instead of CRF
  int gop = 0;                      // frames between keyframes; 0: two seconds (2 x fps)
  std::string preset = "veryfast";  // x264 speed preset
};

// One packet as the encoder gave it, in decode order.
struct PacketInfo {
  std::int64_t pts = 0;  // presentation time in frames (= the frame's index)
  std::int64_t dts = 0;
  char type = '?';         // I, P or B
  std::int64_t bytes = 0;  // as stored in the MP4
};

// Writes `path` as an H.264 MP4. Single threaded (the run parallelises over cameras), so the
// bytes depend only on the frames and the options. Throws core::InputError naming the file when
// it cannot be opened or written (disk full), std::runtime_error when libx264 is missing.
class H264Writer {
 public:
  H264Writer(const std::filesystem::path& path, const EncoderOptions& options);
  ~H264Writer();
  H264Writer(const H264Writer&) = delete;
  H264Writer& operator=(const H264Writer&) = delete;

  // One frame: width x height x 3 bytes, RGB, row 0 at the top.
  void Add(const std::vector<std::uint8_t>& rgb);
  // Drains the encoder, writes the MP4's index and closes the file. Throws as above.
  void Finish();
  const std::vector<PacketInfo>& packets() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What a decoder finds in a video file (every frame decoded).
struct VideoInfo {
  std::string codec;
  int width = 0, height = 0;
  double fps = 0;
  std::int64_t frames = 0;                 // frames decoded
  std::int64_t stream_bytes = 0;           // sum of the video stream's packet sizes
  std::vector<std::int64_t> packet_bytes;  // in file (decode) order
};
// Throws core::InputError when the file cannot be opened or has no video stream.
VideoInfo ReadVideo(const std::filesystem::path& path);

}  // namespace feeds
