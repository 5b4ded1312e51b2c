// Outputs are written under a temporary name beside the target and renamed on success, so a
// failed or interrupted run never leaves half a GeoTIFF, mesh or project file behind.
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

namespace core {

class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path target);
  ~AtomicOutput();  // removes the temporary file unless Commit() succeeded
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Where to write: same folder as the target (so rename is atomic), same extension (so
  // format-sniffing writers such as GDAL pick the right driver). Removed on SIGINT/SIGTERM.
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }

  // For stream writers: opens the temporary file; CloseAndCheck closes it and throws
  // InputError naming the target when anything failed (a full disk, a file size limit).
  std::ofstream OpenStream(std::ios::openmode mode = std::ios::out) const;
  void CloseAndCheck(std::ofstream& stream) const;
  // The whole text at once (JSON, YAML), checked as above.
  void WriteText(std::string_view text) const;

  // Renames the temporary file onto the target; throws InputError naming the target.
  void Commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  int signal_slot_ = -1;
  bool committed_ = false;
};

}  // namespace core
