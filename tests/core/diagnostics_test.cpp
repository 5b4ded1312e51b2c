#include "core/diagnostics.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/atomic_file.h"
#include "core/error.h"

namespace core {

TEST(Diagnostics, CountsByKindAndKeepsFirstExamples) {
  Diagnostics d;
  for (int i = 0; i < 5; ++i) d.Warn("building without height", "feature " + std::to_string(i));
  d.Warn("invalid polygon repaired", "feature 9");
  EXPECT_EQ(d.Count("building without height"), 5u);
  EXPECT_EQ(d.Total(), 6u);
  EXPECT_EQ(d.kinds().at("building without height").examples.size(), Diagnostics::kMaxExamples);
  Diagnostics other;
  other.Warn("invalid polygon repaired", "feature 10");
  d.Merge(other);
  EXPECT_EQ(d.Count("invalid polygon repaired"), 2u);
}

// Two processes that each read a window of a city warn alike of the features both read: merged,
// each detail counts as often as the process that warned it most.
TEST(Diagnostics, MergeDistinctCountsSharedDetailsOnce) {
  Diagnostics a, b;
  a.KeepEveryDetail();
  b.KeepEveryDetail();
  a.Warn("building without height", "feature 1");
  a.Warn("building without height", "feature 2");
  a.Warn("repaired", "feature 2");
  b.Warn("building without height", "feature 2");  // both windows hold feature 2
  b.Warn("building without height", "feature 3");
  b.Warn("repaired", "feature 2");
  b.Warn("repaired", "feature 2");  // warned twice for one feature: twice
  b.Warn("terrain resampled", "dem.tif");
  a.MergeDistinct(b);
  EXPECT_EQ(a.Count("building without height"), 3u);
  EXPECT_EQ(a.Count("repaired"), 2u);
  EXPECT_EQ(a.Count("terrain resampled"), 1u);
  EXPECT_EQ(a.kinds().at("building without height").examples,
            (std::vector<std::string>{"feature 1", "feature 2", "feature 3"}));
  a.MergeDistinct(b);  // nothing new
  EXPECT_EQ(a.Total(), 6u);

  // A reader's scratch warnings merged in (found by a tester: a broken feature outside the
  // area, reported on every rank, vanished from the gathered counts).
  Diagnostics scratch;
  scratch.Warn("zero-area footprint skipped", "feature 7");
  Diagnostics c;
  c.KeepEveryDetail();
  c.Merge(scratch);
  a.MergeDistinct(c);
  EXPECT_EQ(a.Count("zero-area footprint skipped"), 1u);
}

TEST(InputError, NamesFileWhereAndProblem) {
  const InputError e("city.gpkg", "feature 12", "self-intersecting ring");
  EXPECT_STREQ(e.what(), "city.gpkg: feature 12: self-intersecting ring");
  EXPECT_EQ(e.file(), "city.gpkg");
}

TEST(AtomicOutput, LeavesNothingUnlessCommitted) {
  const auto dir = std::filesystem::temp_directory_path() / "sightline_atomic_test";
  std::filesystem::create_directories(dir);
  const auto target = dir / "out.tif";
  std::filesystem::remove(target);
  {
    AtomicOutput out(target);
    std::ofstream(out.temp_path()) << "half";
    EXPECT_EQ(out.temp_path().extension(), ".tif");
  }  // not committed: a failed run
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  {
    AtomicOutput out(target);
    std::ofstream(out.temp_path()) << "whole";
    out.Commit();
  }
  EXPECT_TRUE(std::filesystem::exists(target));
  std::filesystem::remove_all(dir);
}

}  // namespace core
