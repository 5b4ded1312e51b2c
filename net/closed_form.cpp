#include "net/closed_form.h"

#include <algorithm>
#include <cmath>

namespace net {
namespace {

// M/D/1 mean waiting time in ms for a link of `capacity_mbps` at load `rho`, packets of the
// mean on-wire size. Above capacity the queue is full: the wait is the queue's length.
double QueueWaitMs(double rho, double capacity_mbps, int queue_packets) {
  const double service_ms = (kPayloadBytes + kHeaderBytes) * 8 / (capacity_mbps * 1000);
  if (rho >= 1) return queue_packets * service_ms;
  return std::min(rho / (2 * (1 - rho)) * service_ms, queue_packets * service_ms);
}

}  // namespace

double StorageTb(const Stream& s, double days, double overhead_factor) {
  if (!s.recorded) return 0;
  return s.kbps * 1000 / 8 * s.storage_duty * 86400 * days * overhead_factor / 1e12;
}

Estimate ClosedForm(const Topology& t) {
  Estimate e;
  std::vector<double> forward(t.links.size(), 0), backward(t.links.size(), 0);
  for (const Stream& s : t.streams)
    for (const Hop& h : Route(t, s.camera, s.destination))
      (h.forward ? forward : backward)[h.link] += s.WireMbps();
  for (std::size_t i = 0; i < t.links.size(); ++i) {
    const Link& l = t.links[i];
    LinkFigures f;
    f.link = static_cast<int>(i);
    f.forward = forward[i] >= backward[i];
    f.offered_mbps = l.shared ? forward[i] + backward[i] : std::max(forward[i], backward[i]);
    const double rho = f.offered_mbps / l.capacity_mbps;
    f.overloaded = rho > 1;
    f.utilisation = std::min(rho, 1.0);
    f.utilisation_p99 = f.utilisation;  // constant rates: every window alike
    const double queue_loss = rho > 1 ? 1 - 1 / rho : 0;
    f.loss_pct = 100 * (1 - (1 - queue_loss) * (1 - l.loss_pct / 100));
    const double tx_ms = (kPayloadBytes + kHeaderBytes) * 8 / (l.capacity_mbps * 1000);
    f.delay_ms_mean = l.latency_ms + tx_ms + QueueWaitMs(rho, l.capacity_mbps, l.queue_packets);
    f.delay_ms_p99 =
        rho >= 1 ? f.delay_ms_mean
                 : l.latency_ms + tx_ms + 4.6 * QueueWaitMs(rho, l.capacity_mbps, l.queue_packets);
    e.links.push_back(f);
  }
  for (std::size_t n = 0; n < t.nodes.size(); ++n) {
    if (t.nodes[n].kind != NodeKind::recorder) continue;
    RecorderFigures r;
    r.node = static_cast<int>(n);
    r.storage_tb = t.nodes[n].storage_tb;
    for (const Stream& s : t.streams)
      if (s.destination == r.node && s.recorded) {
        r.storage_tb_needed += StorageTb(s, t.retention_days, t.overhead_factor);
        r.recorded_mbps += s.kbps * s.storage_duty / 1000;
      }
    r.fits = r.storage_tb_needed <= r.storage_tb;
    e.recorders.push_back(r);
  }
  for (std::size_t i = 0; i < t.failures.size(); ++i) {
    const Failure& fl = t.failures[i];
    std::vector<bool> down(t.links.size(), false);
    for (std::size_t l = 0; l < t.links.size(); ++l)
      down[l] =
          static_cast<int>(l) == fl.link || t.links[l].a == fl.node || t.links[l].b == fl.node;
    FailureFigures f;
    f.failure = static_cast<int>(i);
    f.outage_s = fl.for_s > 0 ? std::min(fl.for_s, std::max(0.0, t.duration_s - fl.at_s))
                              : std::max(0.0, t.duration_s - fl.at_s);
    for (const Stream& s : t.streams) {
      if (!s.recorded) continue;
      const std::vector<Hop> before = Route(t, s.camera, s.destination);
      const bool used =
          std::any_of(before.begin(), before.end(), [&](const Hop& h) { return down[h.link]; }) ||
          s.destination == fl.node || s.camera == fl.node;
      if (!used) continue;
      const bool cut = s.destination == fl.node || s.camera == fl.node ||
                       Route(t, s.camera, s.destination, down).empty();
      auto& list = cut ? f.cameras_cut : f.rerouted;
      if (std::find(list.begin(), list.end(), s.camera) == list.end()) list.push_back(s.camera);
    }
    e.failures.push_back(f);
  }
  return e;
}

}  // namespace net
