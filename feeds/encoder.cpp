#include "feeds/encoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <stdexcept>

#include "core/error.h"

namespace feeds {
namespace {

std::string AvError(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

// RAII for the libav handles of one reader or writer.
struct FormatOut {
  AVFormatContext* ctx = nullptr;
  bool io_open = false;
  ~FormatOut() {
    if (!ctx) return;
    if (io_open) avio_closep(&ctx->pb);
    avformat_free_context(ctx);
  }
};
struct FormatIn {
  AVFormatContext* ctx = nullptr;
  ~FormatIn() { avformat_close_input(&ctx); }
};
struct Codec {
  AVCodecContext* ctx = nullptr;
  ~Codec() { avcodec_free_context(&ctx); }
};
struct Frame {
  AVFrame* frame = av_frame_alloc();
  ~Frame() { av_frame_free(&frame); }
};
struct Packet {
  AVPacket* packet = av_packet_alloc();
  ~Packet() { av_packet_free(&packet); }
};

char PictureType(const AVPacket* packet) {
  std::size_t size = 0;
  // libavcodec's encoders attach quality stats: int32 quality, then the picture type.
  const std::uint8_t* stats = av_packet_get_side_data(packet, AV_PKT_DATA_QUALITY_STATS, &size);
  if (stats && size >= 5) return av_get_picture_type_char(static_cast<AVPictureType>(stats[4]));
  return (packet->flags & AV_PKT_FLAG_KEY) ? 'I' : '?';
}

// Size of an Annex B packet (start codes) once the MP4 muxer has rewritten it with a 4-byte
// length before each NAL unit: a 3-byte start code grows by one byte.
std::int64_t SizeInMp4(const std::uint8_t* data, int size) {
  std::int64_t out = 0;
  std::int64_t nal_start = -1;
  for (int i = 0; i + 2 < size; ++i) {
    if (data[i] != 0 || data[i + 1] != 0 || data[i + 2] != 1) continue;
    const int code_start = (i > 0 && data[i - 1] == 0) ? i - 1 : i;
    if (nal_start >= 0) out += 4 + (code_start - nal_start);
    nal_start = i + 3;
    i += 2;
  }
  if (nal_start < 0) return size;  // not Annex B: stored as it is
  return out + 4 + (size - nal_start);
}

}  // namespace

struct H264Writer::Impl {
  std::filesystem::path path;
  EncoderOptions options;
  FormatOut out;
  Codec codec;
  AVStream* stream = nullptr;
  SwsContext* sws = nullptr;
  Frame yuv;
  Packet packet;
  std::int64_t next_pts = 0;
  bool finished = false;
  std::vector<PacketInfo> packets;

  ~Impl() { sws_freeContext(sws); }

  [[noreturn]] void WriteFailed(const std::string& what, int code) const {
    throw core::InputError(path.string(), "", what + ": " + AvError(code));
  }

  // Sends a frame (nullptr: flush) and writes every packet the encoder has ready.
  void Send(const AVFrame* frame) {
    int r = avcodec_send_frame(codec.ctx, frame);
    if (r < 0) throw std::runtime_error("H.264 encoder refused a frame: " + AvError(r));
    for (;;) {
      r = avcodec_receive_packet(codec.ctx, packet.packet);
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
      if (r < 0) throw std::runtime_error("H.264 encoder failed: " + AvError(r));
      PacketInfo info{packet.packet->pts, packet.packet->dts, PictureType(packet.packet),
                      SizeInMp4(packet.packet->data, packet.packet->size)};
      av_packet_rescale_ts(packet.packet, codec.ctx->time_base, stream->time_base);
      packet.packet->stream_index = stream->index;
      r = av_interleaved_write_frame(out.ctx, packet.packet);  // takes the packet's data
      if (r < 0) WriteFailed("cannot write the video", r);
      packets.push_back(info);
    }
  }
};

H264Writer::H264Writer(const std::filesystem::path& path, const EncoderOptions& options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.options = options;
  av_log_set_level(AV_LOG_ERROR);
  int r = avformat_alloc_output_context2(&m.out.ctx, nullptr, "mp4", path.c_str());
  if (r < 0 || !m.out.ctx) throw std::runtime_error("libavformat has no MP4 muxer: " + AvError(r));
  const AVCodec* x264 = avcodec_find_encoder_by_name("libx264");
  if (!x264) throw std::runtime_error("libavcodec was built without libx264 (the H.264 encoder)");
  m.stream = avformat_new_stream(m.out.ctx, nullptr);
  m.codec.ctx = avcodec_alloc_context3(x264);
  if (!m.stream || !m.codec.ctx)
    throw std::runtime_error("out of memory setting up the H.264 encoder");
  AVCodecContext* c = m.codec.ctx;
  c->width = options.width;
  c->height = options.height;
  c->pix_fmt = AV_PIX_FMT_YUV420P;
  c->time_base = {1, options.fps};
  c->framerate = {options.fps, 1};
  c->gop_size = options.gop > 0 ? options.gop : 2 * options.fps;
  c->thread_count = 1;
  c->color_range = AVCOL_RANGE_MPEG;
  c->colorspace = AVCOL_SPC_SMPTE170M;  // what swscale's default RGB -> YUV matrix is
  if (options.kbps > 0) {
    c->bit_rate = std::int64_t(options.kbps) * 1000;
  }
  if (m.out.ctx->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  AVDictionary* opts = nullptr;
  av_dict_set(&opts, "preset", options.preset.c_str(), 0);
  // x264's macroblock tree (a lookahead over the next frames' references) reads memory it never
  // wrote for some content with B-frames: the same frames then encode to different bytes from
  // run to run (1 in 3 of the README's feeds; also in the ffmpeg CLI under MALLOC_PERTURB_).
  // Off, a run repeats exactly; it costs a few per cent of bitrate at the same CRF.
  av_dict_set(&opts, "mbtree", "0", 0);
  // I and P frames only, as most IP cameras send (no reordering delay). On the feeds' noisy
  // frames about the same size as with the preset's three B-frames (-3 % at CRF 23, PSNR
  // -0.04 dB on the feeds bench's) for a quarter less encoder time.
  c->max_b_frames = 0;
  if (options.kbps <= 0) av_dict_set(&opts, "crf", std::to_string(options.crf).c_str(), 0);
  r = avcodec_open2(c, x264, &opts);
  av_dict_free(&opts);
  // The options are fixed and known to work: what x264 refuses is the camera's frame size (it
  // takes at most 16384 px a side, within a level's macroblock count). A user's value: exit 1.
  if (r < 0)
    throw core::InputError(path.filename().string(), "",
                           "x264 cannot encode a " + std::to_string(options.width) + " x " +
                               std::to_string(options.height) + " px frame (" + AvError(r) +
                               "): give the camera (or --size) a frame size H.264 takes, at most 16384 px a side");
  r = avcodec_parameters_from_context(m.stream->codecpar, c);
  if (r < 0) throw std::runtime_error("cannot set the stream's parameters: " + AvError(r));
  m.stream->time_base = c->time_base;
  m.stream->avg_frame_rate = c->framerate;
  r = avio_open(&m.out.ctx->pb, path.c_str(), AVIO_FLAG_WRITE);
  if (r < 0) m.WriteFailed("cannot create the video file", r);
  m.out.io_open = true;
  r = avformat_write_header(m.out.ctx, nullptr);
  if (r < 0) m.WriteFailed("cannot write the MP4 header", r);
  m.yuv.frame->format = c->pix_fmt;
  m.yuv.frame->width = c->width;
  m.yuv.frame->height = c->height;
  r = av_frame_get_buffer(m.yuv.frame, 0);
  if (r < 0) throw std::runtime_error("cannot allocate a video frame: " + AvError(r));
  m.sws = sws_getContext(c->width, c->height, AV_PIX_FMT_RGB24, c->width, c->height,
                         AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr);
  if (!m.sws) throw std::runtime_error("cannot set up the RGB to YUV conversion");
}

H264Writer::~H264Writer() = default;

void H264Writer::Add(const std::vector<std::uint8_t>& rgb) {
  Impl& m = *impl_;
  const EncoderOptions& o = m.options;
  if (rgb.size() != std::size_t(o.width) * o.height * 3)
    throw std::logic_error("H264Writer::Add: wrong frame size");
  int r = av_frame_make_writable(m.yuv.frame);
  if (r < 0) throw std::runtime_error("cannot reuse the video frame: " + AvError(r));
  const std::uint8_t* src[1] = {rgb.data()};
  const int stride[1] = {3 * o.width};
  sws_scale(m.sws, src, stride, 0, o.height, m.yuv.frame->data, m.yuv.frame->linesize);
  m.yuv.frame->pts = m.next_pts++;
  m.Send(m.yuv.frame);
}

void H264Writer::Finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  m.finished = true;
  m.Send(nullptr);
  int r = av_write_trailer(m.out.ctx);
  if (r < 0) m.WriteFailed("cannot finish the MP4", r);
  r = avio_closep(&m.out.ctx->pb);
  m.out.io_open = false;
  if (r < 0) m.WriteFailed("cannot close the video file", r);
}

const std::vector<PacketInfo>& H264Writer::packets() const { return impl_->packets; }

VideoInfo ReadVideo(const std::filesystem::path& path) {
  FormatIn in;
  int r = avformat_open_input(&in.ctx, path.c_str(), nullptr, nullptr);
  if (r < 0) throw core::InputError(path.string(), "", "cannot open the video: " + AvError(r));
  r = avformat_find_stream_info(in.ctx, nullptr);
  if (r < 0)
    throw core::InputError(path.string(), "", "cannot read the video's streams: " + AvError(r));
  const AVCodec* decoder = nullptr;
  const int index = av_find_best_stream(in.ctx, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
  if (index < 0 || !decoder) throw core::InputError(path.string(), "", "no decodable video stream");
  const AVStream* stream = in.ctx->streams[index];
  Codec codec;
  codec.ctx = avcodec_alloc_context3(decoder);
  avcodec_parameters_to_context(codec.ctx, stream->codecpar);
  codec.ctx->thread_count = 1;
  r = avcodec_open2(codec.ctx, decoder, nullptr);
  if (r < 0) throw core::InputError(path.string(), "", "cannot open the decoder: " + AvError(r));
  VideoInfo info;
  info.codec = decoder->name;
  info.width = stream->codecpar->width;
  info.height = stream->codecpar->height;
  info.fps = av_q2d(stream->avg_frame_rate);
  Packet packet;
  Frame frame;
  const auto drain = [&] {
    while (avcodec_receive_frame(codec.ctx, frame.frame) == 0) ++info.frames;
  };
  while (av_read_frame(in.ctx, packet.packet) >= 0) {
    if (packet.packet->stream_index == index) {
      info.stream_bytes += packet.packet->size;
      info.packet_bytes.push_back(packet.packet->size);
      if (avcodec_send_packet(codec.ctx, packet.packet) >= 0) drain();
    }
    av_packet_unref(packet.packet);
  }
  avcodec_send_packet(codec.ctx, nullptr);
  drain();
  return info;
}

}  // namespace feeds
