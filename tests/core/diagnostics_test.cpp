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
