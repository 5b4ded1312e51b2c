// Private to report/: a CSV file written atomically (RFC 4180: fields with commas, quotes or
// line breaks quoted, quotes doubled), as spreadsheets and GDAL's CSV driver read it back.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/atomic_file.h"

namespace report {

class CsvWriter {
 public:
  CsvWriter(const std::filesystem::path& path, const std::vector<std::string>& header);
  void Row(const std::vector<std::string>& fields);
  void Commit();  // closes the file and renames it into place; throws on a write error

 private:
  core::AtomicOutput out_;
  std::ofstream stream_;
};

}  // namespace report
