#include "report/csv_writer.h"

#include "core/csv_field.h"

namespace report {

CsvWriter::CsvWriter(const std::filesystem::path& path, const std::vector<std::string>& header)
    : out_(path), stream_(out_.OpenStream(std::ios::out | std::ios::binary)) {
  Row(header);
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) stream_ << (i ? "," : "") << core::CsvField(fields[i]);
  stream_ << "\r\n";
}

void CsvWriter::Commit() {
  out_.CloseAndCheck(stream_);
  out_.Commit();
}

}  // namespace report
