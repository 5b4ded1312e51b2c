// The agents timeline's clock in the workbench: play, pause, speed, scrub. Wall-clock seconds
// in, simulated seconds out; no GL and no agents, so the GUI's timeline panel, its scripts and
// the tests drive the same rules.
#pragma once

#include <array>

namespace plan {

// The speeds the timeline offers (simulated seconds per wall-clock second).
inline constexpr std::array<double, 7> kPlaybackSpeeds = {0.25, 0.5, 1, 2, 4, 8, 16};

struct Playback {
  double start_s = 0, end_s = 0;  // the timeline's extent
  double t_s = 0;                 // the instant shown
  double speed = 1;               // simulated seconds per wall-clock second
  bool playing = false;

  // A new timeline: paused at its start.
  void Reset(double start, double end);
  // Plays on from t_s; from the start again when at the end.
  void Play();
  void Pause() { playing = false; }
  // Jumps to t (clamped to the timeline); playing or paused as before.
  void Seek(double t);
  // Moves the clock on by `wall_dt_s` of real time while playing; stops (pauses) at the end.
  // Returns whether t_s changed.
  bool Advance(double wall_dt_s);
};

}  // namespace plan
