#include "report/csv_writer.h"

namespace report {
namespace {

std::string Quoted(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string q = "\"";
  for (char c : field) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

CsvWriter::CsvWriter(const std::filesystem::path& path, const std::vector<std::string>& header)
    : out_(path), stream_(out_.OpenStream(std::ios::out | std::ios::binary)) {
  Row(header);
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) stream_ << (i ? "," : "") << Quoted(fields[i]);
  stream_ << "\r\n";
}

void CsvWriter::Commit() {
  out_.CloseAndCheck(stream_);
  out_.Commit();
}

}  // namespace report
