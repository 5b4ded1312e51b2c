#include "plan/agent_playback.h"

#include <algorithm>

namespace plan {

void Playback::Reset(double start, double end) {
  start_s = start;
  end_s = std::max(start, end);
  t_s = start_s;
  playing = false;
}

void Playback::Play() {
  if (t_s >= end_s) t_s = start_s;
  playing = end_s > start_s;
}

void Playback::Seek(double t) { t_s = std::clamp(t, start_s, end_s); }

bool Playback::Advance(double wall_dt_s) {
  if (!playing || !(wall_dt_s > 0)) return false;
  const double before = t_s;
  t_s = std::min(end_s, t_s + wall_dt_s * speed);
  if (t_s >= end_s) playing = false;
  return t_s != before;
}

}  // namespace plan
