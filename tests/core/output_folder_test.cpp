// Output sets: a run's files appear together or not at all, a failed or killed run leaves the
// previous set as it was, a second writer is refused, and full disks are reported by name.
#include "core/output_folder.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "test_util.h"

namespace core {
namespace {

namespace fs = std::filesystem;
using testing_util::TempDir;

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Put(const fs::path& p, const std::string& text) {
  AtomicOutput out(p);
  out.WriteText(text);
  out.Commit();
}

std::size_t Entries(const fs::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder)) ++n;
  return n;
}

TEST(OutputFolder, FirstRunAppearsWholeWithAManifest) {
  TempDir dir;
  {
    OutputFolder out(dir / "run");
    EXPECT_FALSE(fs::exists(dir / "run")) << "nothing under the final name before Commit";
    Put(out.staging() / "a.json", "A1");
    Put(out.staging() / "b.tif", "B1");
    out.Commit();
  }
  EXPECT_EQ(Read(dir / "run" / "a.json"), "A1");
  EXPECT_EQ(Read(dir / "run" / OutputFolder::kManifestName), "a.json\nb.tif\n");
  EXPECT_EQ(Entries(dir.path()), 1u) << "no staging folder or lock file left beside it";
}

// A run killed outright (SIGKILL, the OOM killer) leaves its staging folder: the next run
// into the same folder removes it, and leaves other folders' and the user's files alone.
TEST(OutputFolder, TheNextRunSweepsStagingFoldersOfKilledRuns) {
  TempDir dir;
  for (const char* name : {".run.tmp-999999", ".run.tmp-12", ".run.tmp-12-3", ".other.tmp-77", "run.tmp-5"})
    fs::create_directories(dir / name / "inner");
  {
    OutputFolder out(dir / "run");
    Put(out.staging() / "a.json", "A1");
    out.Commit();
  }
  EXPECT_FALSE(fs::exists(dir / ".run.tmp-999999"));
  EXPECT_FALSE(fs::exists(dir / ".run.tmp-12"));
  EXPECT_TRUE(fs::exists(dir / ".run.tmp-12-3")) << "not a staging folder's name";
  EXPECT_TRUE(fs::exists(dir / ".other.tmp-77")) << "another output folder's";
  EXPECT_TRUE(fs::exists(dir / "run.tmp-5"));
}

TEST(OutputFolder, NextRunReplacesTheWholeSetAndKeepsTheUsersFiles) {
  TempDir dir;
  {
    OutputFolder out(dir / "run");
    Put(out.staging() / "a.json", "A1");
    Put(out.staging() / "report.pdf", "R1");
    out.Commit();
  }
  {  // only our files in the folder: swapped in one rename
    OutputFolder out(dir / "run");
    Put(out.staging() / "a.json", "A2");
    out.Commit();
  }
  EXPECT_EQ(Read(dir / "run" / "a.json"), "A2");
  EXPECT_FALSE(fs::exists(dir / "run" / "report.pdf")) << "a file of the previous set would mix two runs";
  std::ofstream(dir / "run" / "notes.txt") << "mine";
  fs::create_directories(dir / "run" / "compare");
  {  // the user's files are there too: file by file, theirs untouched
    OutputFolder out(dir / "run");
    Put(out.staging() / "b.json", "B3");
    out.Commit();
  }
  EXPECT_FALSE(fs::exists(dir / "run" / "a.json"));
  EXPECT_EQ(Read(dir / "run" / "b.json"), "B3");
  EXPECT_EQ(Read(dir / "run" / "notes.txt"), "mine");
  EXPECT_TRUE(fs::is_directory(dir / "run" / "compare"));
  EXPECT_EQ(Entries(dir.path()), 1u);
}

TEST(OutputFolder, ALinkToAFolderStaysALinkAndItsFolderGetsTheSet) {
  TempDir dir;
  fs::create_directories(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "out");
  for (const char* text : {"A1", "A2"}) {
    OutputFolder out(dir / "out");
    Put(out.staging() / "a.json", text);
    out.Commit();
  }
  EXPECT_TRUE(fs::is_symlink(dir / "out")) << "the user's link is kept";
  EXPECT_EQ(Read(dir / "real" / "a.json"), "A2");
  fs::create_directory_symlink(dir / "nowhere", dir / "dangling");
  try {
    OutputFolder out(dir / "dangling");
    FAIL() << "a link to nothing must be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("symbolic link to nothing"), std::string::npos) << e.what();
  }
}

TEST(OutputFolder, SubfoldersOfTheSetReplaceTheirNamesakesAmongTheUsersFiles) {
  TempDir dir;
  fs::create_directories(dir / "run" / "C01" / "gt");
  std::ofstream(dir / "run" / "C01" / "gt" / "old.txt") << "old";
  std::ofstream(dir / "run" / "notes.txt") << "mine";
  {
    OutputFolder out(dir / "run");
    fs::create_directories(out.staging() / "C01" / "gt");
    Put(out.staging() / "C01" / "gt" / "gt.txt", "1,1");
    out.Commit();
  }
  EXPECT_EQ(Read(dir / "run" / "C01" / "gt" / "gt.txt"), "1,1");
  EXPECT_FALSE(fs::exists(dir / "run" / "C01" / "gt" / "old.txt"));
  EXPECT_EQ(Read(dir / "run" / "notes.txt"), "mine");
}

TEST(OutputFolder, AFailedRunLeavesThePreviousSetUntouched) {
  TempDir dir;
  {
    OutputFolder out(dir / "run");
    Put(out.staging() / "a.json", "good");
    out.Commit();
  }
  try {
    OutputFolder out(dir / "run");
    Put(out.staging() / "a.json", "half");
    throw InputError("x.yaml", "line 3", "bad");
  } catch (const InputError&) {
  }
  EXPECT_EQ(Read(dir / "run" / "a.json"), "good");
  EXPECT_EQ(Entries(dir.path()), 1u);
}

TEST(OutputFolder, ASecondWriterIsRefusedWithAClearMessage) {
  TempDir dir;
  OutputFolder first(dir / "run");
  try {
    OutputFolder second(dir / "run");
    FAIL() << "two writers into one folder";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("another sightline run (pid " + std::to_string(::getpid()) +
                                         ") is writing this output folder"),
              std::string::npos)
        << e.what();
  }
  OutputFolder other(dir / "other");  // a different folder is fine
}

TEST(OutputFolder, TheSwappedInFolderKeepsTheUsersModeAndSetgid) {
  TempDir dir;
  fs::create_directory(dir / "run");
  ASSERT_EQ(::chmod((dir / "run").c_str(), 02750), 0);
  {
    OutputFolder out(dir / "run");
    Put(out.staging() / "a.json", "A1");
    out.Commit();
  }
  struct stat st {};
  ASSERT_EQ(::stat((dir / "run").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 02750u) << "mode 2750 of the user's empty folder kept";
  EXPECT_EQ(Read(dir / "run" / "a.json"), "A1");
}

TEST(OutputFolder, AnEmptyNameIsRefused) {
  try {
    OutputFolder out("");
    FAIL() << "an empty -o would write into the current folder";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("an empty output folder name"), std::string::npos) << e.what();
  }
}

TEST(OutputFolder, AnExistingFileIsNotAFolder) {
  TempDir dir;
  std::ofstream(dir / "plan.yaml") << "version: 1\n";
  EXPECT_THROW(OutputFolder(dir / "plan.yaml"), InputError);
  EXPECT_EQ(Read(dir / "plan.yaml"), "version: 1\n");
}

TEST(OutputFolder, SigtermRemovesTheStagingFolderAndKeepsThePreviousSet) {
  TempDir dir;
  {
    OutputFolder out(dir / "run");
    Put(out.staging() / "a.json", "good");
    out.Commit();
  }
  const pid_t child = ::fork();
  if (child == 0) {
    OutputFolder out(dir / "run");
    Put(out.staging() / "a.json", "half");
    AtomicOutput pending(out.staging() / "b.tif");
    std::ofstream(pending.temp_path()) << "partial";
    ::raise(SIGTERM);
    ::_exit(0);  // not reached
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  EXPECT_EQ(Read(dir / "run" / "a.json"), "good");
  EXPECT_EQ(Entries(dir / "run"), 2u);
  EXPECT_EQ(Entries(dir.path()), 1u) << "staging folder or lock file left behind";
}

TEST(AtomicOutput, AFileSizeLimitIsAnErrorNamingTheTarget) {
  TempDir dir;
  const pid_t child = ::fork();
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      Put(dir / "summary.json", std::string(100000, 'x'));
    } catch (const InputError& e) {
      const bool named = std::string(e.what()).find((dir / "summary.json").string() + ": cannot write: ") == 0;
      const bool clean = !fs::exists(dir / "summary.json") && Entries(dir.path()) == 0;
      ::_exit(named && clean ? 0 : 2);
    }
    ::_exit(1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: no error, 2: wrong file named or temp file left";
}

// A run never replaces a file it did not write: the user's own camera list or scenario in the
// -o folder (often this run's input), or an output the user edited since. Nothing moves.
TEST(OutputFolder, AUsersFileOfAnOutputsNameIsNeverReplaced) {
  TempDir dir;
  fs::create_directories(dir / "run");
  std::ofstream(dir / "run" / "cameras.csv") << "id,note\nC01,keep!\n";
  {
    OutputFolder out(dir / "run");
    Put(out.staging() / "cameras.csv", "id\nC01\n");
    Put(out.staging() / "summary.json", "{}");
    try {
      out.Commit();
      FAIL() << "the user's cameras.csv was replaced";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("cameras.csv"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("not one of the files an earlier run wrote"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(Read(dir / "run" / "cameras.csv"), "id,note\nC01,keep!\n");
  EXPECT_FALSE(fs::exists(dir / "run" / "summary.json")) << "nothing of the run moves in";
  // An output of an earlier run, edited afterwards (an optimised.yaml re-optimised in place).
  {
    OutputFolder out(dir / "second");
    Put(out.staging() / "optimised.yaml", "cameras: []\n");
    out.Commit();
  }
  fs::last_write_time(dir / "second" / "optimised.yaml",
                      fs::last_write_time(dir / "second" / OutputFolder::kManifestName) + std::chrono::seconds(5));
  {
    OutputFolder out(dir / "second");
    Put(out.staging() / "optimised.yaml", "cameras: [C09]\n");
    EXPECT_THROW(out.Commit(), InputError);
  }
  EXPECT_EQ(Read(dir / "second" / "optimised.yaml"), "cameras: []\n");
}

}  // namespace
}  // namespace core
