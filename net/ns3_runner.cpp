// ns-3 lives here and nowhere else in sightline.
#include "net/ns3_runner.h"

#include <ns3/core-module.h>
#include <ns3/csma-module.h>
#include <ns3/flow-monitor-module.h>
#include <ns3/internet-module.h>
#include <ns3/network-module.h>
#include <ns3/point-to-point-module.h>
#include <ns3/traffic-control-module.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <deque>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

namespace net::ns3run {
namespace {

using ns3::Ptr;

constexpr std::uint16_t kFirstPort = 5000;
constexpr int kWireHeaderBytes = 30;  // IPv4 + UDP + PPP
// The camera's own send buffer (2000 packets, 2.9 MB): a frame, an I-frame of a 4K stream
// included, leaves the encoder as one burst and drains at the access link's rate; switch and
// recorder ports drop at their `queue_packets`. A camera whose own link is too slow loses
// what the buffer cannot hold.
constexpr int kCameraQueuePackets = 2000;

double Percentile(std::vector<float>& v, double q) {
  if (v.empty()) return 0;
  const auto k =
      static_cast<std::ptrdiff_t>(std::min<double>(v.size() - 1, std::floor(q * v.size())));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

// One direction of a link, seen at the sending device's queue.
struct Direction {
  std::vector<double> window_bytes;
  std::uint64_t enqueued = 0, dropped = 0, corrupted = 0;
  std::uint64_t started = 0;  // transmissions begun; enqueued - started still wait at the end
  double bytes = 0;           // carried within the run (the part of each transmission before its end)
  std::deque<std::int64_t> enqueue_ns;  // FIFO: the queue is drop-tail
  std::vector<float> delay_ms;
};

struct StreamState {
  Ptr<ns3::Socket> tx, rx;
  ns3::Ipv4Address destination;
  double last_rx_s = -1, outage_s = 0, gap_s = 0;
  int frame = 0;
  double scale = 1;  // network duty: event streams send their mean rate
};

class PacketRun {
 public:
  explicit PacketRun(const Job& job)
      : t_(job), duration_s_(job.duration_s), window_s_(std::min(job.window_s, job.duration_s)) {}

  SimResult Run() {
    const auto start = std::chrono::steady_clock::now();
    ns3::RngSeedManager::SetSeed(t_.seed);
    ns3::RngSeedManager::SetRun(1);
    ns3::Config::SetDefault("ns3::Ipv4GlobalRouting::RespondToInterfaceEvents",
                            ns3::BooleanValue(true));
    BuildNodes();
    BuildLinks();
    ns3::Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    // CSMA segments speak ARP: resolved up front, so no frame burst waits on a request.
    ns3::NeighborCacheHelper().PopulateNeighborCache();
    StartStreams();
    ScheduleFailures();
    ns3::FlowMonitorHelper flow_helper;
    Ptr<ns3::FlowMonitor> monitor;
    if (t_.monitor_endpoints_only) {
      std::vector<bool> endpoint(t_.is_camera.size(), false);
      for (const StreamIn& s : t_.streams) endpoint[s.camera] = endpoint[s.destination] = true;
      ns3::NodeContainer ends;
      for (std::size_t n = 0; n < endpoint.size(); ++n)
        if (endpoint[n]) ends.Add(nodes_.Get(static_cast<std::uint32_t>(n)));
      monitor = flow_helper.Install(ends);
    } else {
      monitor = flow_helper.InstallAll();
    }
    ns3::Simulator::Stop(ns3::Seconds(duration_s_ + 0.5));  // the last frames arrive
    ns3::Simulator::Run();
    SimResult r = Collect(monitor, flow_helper);
    ns3::Simulator::Destroy();
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  }

 private:
  void BuildNodes() {
    nodes_.Create(static_cast<std::uint32_t>(t_.is_camera.size()));
    ns3::InternetStackHelper stack;
    stack.Install(nodes_);
  }

  void BuildLinks() {
    ns3::Ipv4AddressHelper address;
    address.SetBase("10.0.0.0", "255.255.255.252");
    dirs_.resize(t_.links.size());
    ifaces_.resize(t_.links.size());
    for (std::size_t i = 0; i < t_.links.size(); ++i) {
      const LinkIn& l = t_.links[i];
      // Packets wait in a FIFO queue disc of `queue_packets` per port (the switch's buffer);
      // the device holds only the packet about to go out.
      const ns3::DataRate rate(static_cast<std::uint64_t>(l.capacity_mbps * 1e6));
      const ns3::Time delay = ns3::MicroSeconds(static_cast<std::int64_t>(l.latency_ms * 1000));
      const ns3::QueueSizeValue one_packet(ns3::QueueSize("1p"));
      ns3::NetDeviceContainer devices;
      if (l.csma) {
        ns3::CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", ns3::DataRateValue(rate));
        csma.SetChannelAttribute("Delay", ns3::TimeValue(delay));
        csma.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", one_packet);
        devices = csma.Install(ns3::NodeContainer(nodes_.Get(l.a), nodes_.Get(l.b)));
      } else {
        ns3::PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", ns3::DataRateValue(rate));
        p2p.SetChannelAttribute("Delay", ns3::TimeValue(delay));
        p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", one_packet);
        devices = p2p.Install(nodes_.Get(l.a), nodes_.Get(l.b));
      }
      std::array<Ptr<ns3::QueueDisc>, 2> discs;
      for (int end = 0; end < 2; ++end) {
        const int node = end == 0 ? l.a : l.b;
        const int packets = t_.is_camera[node] ? kCameraQueuePackets : l.queue_packets;
        ns3::TrafficControlHelper tch;
        tch.SetRootQueueDisc(
            "ns3::FifoQueueDisc", "MaxSize",
            ns3::QueueSizeValue(ns3::QueueSize(ns3::QueueSizeUnit::PACKETS, packets)));
        discs[end] = tch.Install(devices.Get(end)).Get(0);
      }
      ns3::Ipv4InterfaceContainer ifc = address.Assign(devices);
      address.NewNetwork();
      for (int end = 0; end < 2; ++end) {
        const int node = end == 0 ? l.a : l.b;
        Ptr<ns3::NetDevice> dev = devices.Get(end);
        if (l.loss_pct > 0) {
          auto em = ns3::CreateObject<ns3::RateErrorModel>();
          em->SetAttribute("ErrorUnit", ns3::EnumValue(ns3::RateErrorModel::ERROR_UNIT_PACKET));
          em->SetAttribute("ErrorRate", ns3::DoubleValue(l.loss_pct / 100));
          em->AssignStreams(static_cast<std::int64_t>(2 * i + end));
          dev->SetAttribute("ReceiveErrorModel", ns3::PointerValue(em));
        }
        ifaces_[i][end] = ifc.Get(end).second;
        if (address_.count(node) == 0) address_[node] = ifc.GetAddress(end);
        Watch(dev, discs[end], dirs_[i][end], l, end == 0 ? devices.Get(1) : devices.Get(0));
      }
    }
  }

  // Per direction: what the queue disc takes in or drops, the wait from its enqueue to the
  // start of transmission on the device, bytes sent per window, and the receiving end's
  // random losses.
  void Watch(const Ptr<ns3::NetDevice>& dev, const Ptr<ns3::QueueDisc>& disc, Direction& d,
             const LinkIn& l, const Ptr<ns3::NetDevice>& peer) {
    d.window_bytes.assign(static_cast<std::size_t>(std::ceil(duration_s_ / window_s_)) + 1, 0);
    const double bit_ms = 1e-3 / l.capacity_mbps;  // ms per bit
    const double latency_ms = l.latency_ms;
    disc->TraceConnectWithoutContext(
        "Enqueue",
        ns3::Callback<void, Ptr<const ns3::QueueDiscItem>>([&d](Ptr<const ns3::QueueDiscItem>) {
          ++d.enqueued;
          d.enqueue_ns.push_back(ns3::Simulator::Now().GetNanoSeconds());
        }));
    disc->TraceConnectWithoutContext("Drop",
                                     ns3::Callback<void, Ptr<const ns3::QueueDiscItem>>(
                                         [&d](Ptr<const ns3::QueueDiscItem>) { ++d.dropped; }));
    dev->TraceConnectWithoutContext(
        "PhyTxBegin", ns3::Callback<void, Ptr<const ns3::Packet>>([&d, this, bit_ms, latency_ms](
                                                                      Ptr<const ns3::Packet> p) {
          const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
          double wait_ms = 0;
          if (!d.enqueue_ns.empty()) {
            wait_ms = (now - d.enqueue_ns.front()) * 1e-6;
            d.enqueue_ns.pop_front();
          }
          const double bytes = p->GetSize();
          d.delay_ms.push_back(static_cast<float>(wait_ms + bytes * 8 * bit_ms + latency_ms));
          ++d.started;
          AddCarried(d, now * 1e-9, bytes * 8 * bit_ms * 1e-3, bytes);
        }));
    peer->TraceConnectWithoutContext("PhyRxDrop",
                                     ns3::Callback<void, Ptr<const ns3::Packet>>(
                                         [&d](Ptr<const ns3::Packet>) { ++d.corrupted; }));
  }

  // A transmission of `bytes` from `t_s` for `tx_s` counts in each window by the share of its
  // time there, and not at all after the end of the run: on a slow link one packet lasts
  // seconds, and counting it whole where it starts read as more than 100 % utilisation.
  void AddCarried(Direction& d, double t_s, double tx_s, double bytes) const {
    const double end_s = std::min(t_s + tx_s, duration_s_);
    if (tx_s <= 0) {
      if (t_s < duration_s_) {
        d.bytes += bytes;
        d.window_bytes[static_cast<std::size_t>(t_s / window_s_)] += bytes;
      }
      return;
    }
    for (double a = t_s; a < end_s;) {
      const auto w = static_cast<std::size_t>(a / window_s_);
      const double b = std::min(end_s, (static_cast<double>(w) + 1) * window_s_);
      const double part = bytes * (b - a) / tx_s;
      d.bytes += part;
      if (w < d.window_bytes.size()) d.window_bytes[w] += part;
      if (b <= a) break;  // rounding at a window edge
      a = b;
    }
  }

  void StartStreams() {
    std::mt19937 rng(t_.seed);
    if (t_.streams.size() > 60000) throw std::runtime_error("ns-3 run: more than 60000 streams");
    states_.resize(t_.streams.size());
    for (std::size_t i = 0; i < t_.streams.size(); ++i) {
      const StreamIn& s = t_.streams[i];
      StreamState& st = states_[i];
      const auto port = static_cast<std::uint16_t>(kFirstPort + i);
      st.rx =
          ns3::Socket::CreateSocket(nodes_.Get(s.destination), ns3::UdpSocketFactory::GetTypeId());
      st.rx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), port));
      st.rx->SetRecvCallback(ns3::Callback<void, Ptr<ns3::Socket>>(
          [this, i](Ptr<ns3::Socket> socket) { Receive(i, socket); }));
      st.tx = ns3::Socket::CreateSocket(nodes_.Get(s.camera), ns3::UdpSocketFactory::GetTypeId());
      st.tx->Bind();
      st.tx->Connect(ns3::InetSocketAddress(address_[s.destination], port));
      st.scale = s.scale;
      // GOPs (or traces) out of step between cameras.
      const auto cycle = s.trace.empty() ? static_cast<unsigned>(s.gop_frames) : static_cast<unsigned>(s.trace.size());
      st.frame = static_cast<int>(rng() % cycle);
      const double phase = std::uniform_real_distribution<double>(0, 1 / s.fps)(rng);
      ns3::Simulator::Schedule(ns3::Seconds(phase), [this, i] { SendFrame(i); });
    }
  }

  void SendFrame(std::size_t i) {
    const StreamIn& s = t_.streams[i];
    StreamState& st = states_[i];
    const bool iframe = st.frame % s.gop_frames == 0;
    const double frame_bytes = !s.trace.empty() ? s.trace[static_cast<std::size_t>(st.frame) % s.trace.size()]
                               : iframe         ? s.i_frame_bytes
                                                : s.p_frame_bytes;
    auto bytes = static_cast<std::int64_t>(std::llround(frame_bytes * st.scale));
    bytes = std::max<std::int64_t>(bytes, 1);
    double at_s = 0;
    while (bytes > 0) {
      const auto size = static_cast<std::uint32_t>(std::min<std::int64_t>(bytes, t_.payload_bytes));
      if (s.pace_mbps > 0 && at_s > 0) {
        Ptr<ns3::Socket> tx = st.tx;
        ns3::Simulator::Schedule(ns3::Seconds(at_s),
                                 [tx, size] { tx->Send(ns3::Create<ns3::Packet>(size)); });
      } else {
        st.tx->Send(ns3::Create<ns3::Packet>(size));
      }
      if (s.pace_mbps > 0) at_s += (size + kWireHeaderBytes) * 8 / (s.pace_mbps * 1e6);
      ++packets_;
      bytes -= size;
    }
    ++st.frame;
    const double next = ns3::Simulator::Now().GetSeconds() + 1 / s.fps;
    if (next < duration_s_)
      ns3::Simulator::Schedule(ns3::Seconds(1 / s.fps), [this, i] { SendFrame(i); });
  }

  // Recording outage: gaps between packets longer than a few frame intervals.
  void Receive(std::size_t i, const Ptr<ns3::Socket>& socket) {
    StreamState& st = states_[i];
    while (socket->Recv()) {
      const double now = ns3::Simulator::Now().GetSeconds();
      if (st.last_rx_s >= 0) {
        const double gap = now - st.last_rx_s;
        if (gap > Threshold(i)) st.outage_s += gap;
      }
      st.last_rx_s = now;
    }
  }

  double Threshold(std::size_t i) const { return std::max(0.2, 3 / t_.streams[i].fps); }

  void SetNode(int node, bool up) {
    Ptr<ns3::Ipv4> ip = nodes_.Get(node)->GetObject<ns3::Ipv4>();
    for (std::uint32_t k = 1; k < ip->GetNInterfaces(); ++k) up ? ip->SetUp(k) : ip->SetDown(k);
  }

  void SetLink(int link, bool up) {
    for (int end = 0; end < 2; ++end) {
      const int node = end == 0 ? t_.links[link].a : t_.links[link].b;
      Ptr<ns3::Ipv4> ip = nodes_.Get(node)->GetObject<ns3::Ipv4>();
      up ? ip->SetUp(ifaces_[link][end]) : ip->SetDown(ifaces_[link][end]);
    }
  }

  void ScheduleFailures() {
    for (const FailureIn& f : t_.failures) {
      if (f.at_s >= duration_s_) continue;
      const auto set = [this, f](bool up) {
        f.link >= 0 ? SetLink(f.link, up) : SetNode(f.node, up);
      };
      ns3::Simulator::Schedule(ns3::Seconds(f.at_s), [set] { set(false); });
      if (f.for_s > 0 && f.at_s + f.for_s < duration_s_)
        ns3::Simulator::Schedule(ns3::Seconds(f.at_s + f.for_s), [set] { set(true); });
    }
  }

  SimResult Collect(const Ptr<ns3::FlowMonitor>& monitor, ns3::FlowMonitorHelper& helper) {
    SimResult r;
    r.simulated_s = duration_s_;
    r.packets = packets_;
    const std::size_t full_windows =
        std::max<std::size_t>(1, static_cast<std::size_t>(duration_s_ / window_s_));
    for (std::size_t i = 0; i < t_.links.size(); ++i) {
      const LinkIn& l = t_.links[i];
      const int busy = dirs_[i][0].bytes >= dirs_[i][1].bytes ? 0 : 1;
      Direction& d = dirs_[i][busy];
      LinkFigures f;
      f.link = static_cast<int>(i);
      f.forward = busy == 0;
      const double capacity_bps = l.capacity_mbps * 1e6;
      if (l.csma) {  // one medium for both directions
        const Direction& other = dirs_[i][1 - busy];
        d.bytes += other.bytes;
        for (std::size_t w = 0; w < d.window_bytes.size(); ++w)
          d.window_bytes[w] += other.window_bytes[w];
        d.enqueued += other.enqueued, d.dropped += other.dropped, d.corrupted += other.corrupted;
        d.started += other.started;
      }
      f.utilisation = d.bytes * 8 / (capacity_bps * duration_s_);
      std::vector<float> windows;
      for (std::size_t w = 0; w < full_windows && w < d.window_bytes.size(); ++w)
        windows.push_back(static_cast<float>(d.window_bytes[w] * 8 / (capacity_bps * window_s_)));
      f.utilisation_p99 = Percentile(windows, 0.99);
      const std::uint64_t offered = d.enqueued + d.dropped;
      // Packets still queued when the run ends never arrive in time: on an overloaded link
      // with a deep queue (a camera's own buffer) they, not drops, are the loss.
      const std::uint64_t backlog = d.enqueued > d.started ? d.enqueued - d.started : 0;
      f.offered_mbps = offered > 0 ? d.bytes * 8 / duration_s_ / 1e6 * offered /
                                         std::max<std::uint64_t>(1, d.started)
                                   : 0;
      f.loss_pct = offered > 0 ? 100.0 * (d.dropped + d.corrupted + backlog) / offered : 0;
      double sum = 0;
      for (float v : d.delay_ms) sum += v;
      f.delay_ms_mean = d.delay_ms.empty() ? 0 : sum / d.delay_ms.size();
      f.delay_ms_p99 = Percentile(d.delay_ms, 0.99);
      f.overloaded = f.offered_mbps > l.capacity_mbps;
      r.links.push_back(f);
    }
    monitor->CheckForLostPackets();
    auto classifier = ns3::DynamicCast<ns3::Ipv4FlowClassifier>(helper.GetClassifier());
    r.streams.resize(t_.streams.size());
    for (std::size_t i = 0; i < t_.streams.size(); ++i) r.streams[i].stream = static_cast<int>(i);
    for (const auto& [id, fs] : monitor->GetFlowStats()) {
      const ns3::Ipv4FlowClassifier::FiveTuple tuple = classifier->FindFlow(id);
      const int i = tuple.destinationPort - kFirstPort;
      if (i < 0 || i >= static_cast<int>(t_.streams.size())) continue;
      StreamFigures& s = r.streams[i];
      s.sent_packets = fs.txPackets;
      s.received_packets = fs.rxPackets;
      s.loss_pct = fs.txPackets > 0 ? 100.0 * (fs.txPackets - fs.rxPackets) / fs.txPackets : 0;
      s.throughput_mbps = fs.rxBytes * 8.0 / duration_s_ / 1e6;
      if (fs.rxPackets > 0) s.delay_ms_mean = fs.delaySum.GetSeconds() * 1000 / fs.rxPackets;
      if (fs.rxPackets > 1) s.jitter_ms = fs.jitterSum.GetSeconds() * 1000 / (fs.rxPackets - 1);
      // p99 from FlowMonitor's delay histogram (1 ms bins by default).
      std::uint64_t seen = 0;
      ns3::Histogram h = fs.delayHistogram;  // its getters are not const
      for (std::uint32_t b = 0; b < h.GetNBins(); ++b) {
        seen += h.GetBinCount(b);
        if (seen >= 0.99 * fs.rxPackets) {
          s.delay_ms_p99 = (h.GetBinStart(b) + h.GetBinWidth(b)) * 1000;
          break;
        }
      }
    }
    for (std::size_t i = 0; i < t_.streams.size(); ++i) {
      if (!t_.streams[i].recorded) continue;
      StreamState& st = states_[i];
      double outage = st.outage_s;
      const double end_gap = st.last_rx_s < 0 ? duration_s_ : duration_s_ - st.last_rx_s;
      if (end_gap > Threshold(i)) outage += end_gap;
      r.streams[i].outage_s = std::min(outage, duration_s_);
    }
    return r;
  }

  const Job& t_;
  double duration_s_, window_s_;
  ns3::NodeContainer nodes_;
  std::vector<std::array<Direction, 2>> dirs_;        // per link: a → b, b → a
  std::vector<std::array<std::uint32_t, 2>> ifaces_;  // per link: Ipv4 interface at a, at b
  std::map<int, ns3::Ipv4Address> address_;           // a node's first address
  std::vector<StreamState> states_;
  std::uint64_t packets_ = 0;
};

}  // namespace

SimResult Run(const Job& job) {
  try {
    return PacketRun(job).Run();
  } catch (const std::exception& e) {
    ns3::Simulator::Destroy();
    throw std::runtime_error(std::string("ns-3 could not run the network: ") + e.what());
  }
}

}  // namespace net::ns3run
