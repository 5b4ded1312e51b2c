// The timeline's clock: speed, the end, scrubbing.
#include "plan/agent_playback.h"

#include <gtest/gtest.h>

namespace plan {
namespace {

TEST(Playback, PlaysAtItsSpeedAndStopsAtTheEnd) {
  Playback p;
  p.Reset(0, 90);
  EXPECT_FALSE(p.playing);
  EXPECT_FALSE(p.Advance(1));  // paused: nothing moves
  p.speed = 4;
  p.Play();
  EXPECT_TRUE(p.Advance(0.5));
  EXPECT_DOUBLE_EQ(p.t_s, 2);
  p.Advance(100);
  EXPECT_DOUBLE_EQ(p.t_s, 90);
  EXPECT_FALSE(p.playing);
  p.Play();  // from the start again
  EXPECT_DOUBLE_EQ(p.t_s, 0);
  EXPECT_TRUE(p.playing);
}

TEST(Playback, ScrubbingClampsAndKeepsPlaying) {
  Playback p;
  p.Reset(10, 20);
  p.Play();
  p.Seek(15);
  EXPECT_TRUE(p.playing);
  EXPECT_DOUBLE_EQ(p.t_s, 15);
  p.Seek(-5);
  EXPECT_DOUBLE_EQ(p.t_s, 10);
  p.Pause();
  p.Seek(99);
  EXPECT_DOUBLE_EQ(p.t_s, 20);
  EXPECT_FALSE(p.playing);
}

TEST(Playback, AnEmptyTimelineNeverPlays) {
  Playback p;
  p.Reset(0, 0);
  p.Play();
  EXPECT_FALSE(p.playing);
}

}  // namespace
}  // namespace plan
