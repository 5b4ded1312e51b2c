// Outputs are written under a temporary name beside the target and renamed on success, so a
// failed or interrupted run never leaves half a GeoTIFF, mesh or project file behind.
#pragma once

#include <filesystem>

namespace core {

class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path target);
  ~AtomicOutput();  // removes the temporary file unless Commit() succeeded
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Where to write: same folder as the target (so rename is atomic), same extension (so
  // format-sniffing writers such as GDAL pick the right driver).
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }

  // Renames the temporary file onto the target; throws std::filesystem::filesystem_error.
  void Commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace core
