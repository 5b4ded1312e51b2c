#include "geo/gdal_util.h"

#include <cpl_error.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>

namespace geo::detail {

void EnsureGdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

namespace {

// GDAL prints a coordinate of 1e300 with every digit ("Invalid lon=1000000000000000052504...",
// 301 of them): a run of more than 24 digits keeps its first 6 and says how long it was.
std::string ShortenLongNumbers(const std::string& message) {
  std::string out;
  for (std::size_t i = 0; i < message.size();) {
    std::size_t end = i;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9') ++end;
    if (end - i > 24) {
      out += message.substr(i, 6) + "... (" + std::to_string(end - i) + " digits)";
      i = end;
    } else if (end > i) {
      out += message.substr(i, end - i);
      i = end;
    } else {
      out += message[i++];
    }
  }
  return out;
}

}  // namespace

std::string LastGdalError() {
  const char* msg = CPLGetLastErrorMsg();
  return msg ? ShortenLongNumbers(msg) : std::string();
}

FirstGdalFailure::FirstGdalFailure() {
  EnsureGdal();
  CPLPushErrorHandlerEx(&FirstGdalFailure::Handle, this);
}

FirstGdalFailure::~FirstGdalFailure() { CPLPopErrorHandler(); }

void CPL_STDCALL FirstGdalFailure::Handle(CPLErr level, CPLErrorNum, const char* message) {
  auto* self = static_cast<FirstGdalFailure*>(CPLGetErrorHandlerUserData());
  if (self && level >= CE_Failure && self->message_.empty())
    self->message_ = message && *message ? ShortenLongNumbers(message) : "GDAL reported a failure without a message";
}

std::string WhyNotOpened(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return "it is a folder, not a data file";
  if (!std::filesystem::exists(path, ec)) return "file not found";
  if (std::filesystem::file_size(path, ec) == 0 && !ec) return "the file is empty";
  if (!std::ifstream(path)) return std::string("cannot read it: ") + std::strerror(errno);
  const std::string gdal = LastGdalError();
  return gdal.empty() ? "no GDAL driver recognises its contents" : gdal;
}

DatasetPtr OpenDataset(const std::string& path, unsigned flags) {
  EnsureGdal();
  CPLErrorReset();
  // Never write next to the user's inputs: GDAL's GML driver leaves .gfs sidecars by default.
  // Only GML gets the option: other drivers refuse it, and their complaint would hide the
  // real reason a file does not open (an empty CSV).
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), flags, nullptr, nullptr);
  const bool gml = driver && EQUAL(GDALGetDriverShortName(driver), "GML");
  CPLErrorReset();
  const char* const gml_options[] = {"WRITE_GFS=NO", nullptr};
  DatasetPtr ds(GDALDataset::Open(path.c_str(), flags | GDAL_OF_READONLY, nullptr, gml ? gml_options : nullptr));
  if (ds) CPLErrorReset();
  return ds;
}

OGRSpatialReference SpatialRefFromWkt(const std::string& wkt) {
  OGRSpatialReference srs;
  srs.importFromWkt(wkt.c_str());
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string ToWkt2(const OGRSpatialReference& srs) {
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  char* text = nullptr;
  srs.exportToWkt(&text, options);
  std::string wkt = text ? text : "";
  CPLFree(text);
  return wkt;
}

OGRSpatialReference HorizontalSrs(const std::string& wkt) {
  OGRSpatialReference srs = SpatialRefFromWkt(wkt);
  if (srs.IsCompound()) srs.StripVertical();
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string CrsFromReferenceSystem(const std::string& ref) {
  static const std::regex epsg(R"(EPSG(?:/0/|::|:)(\d+))", std::regex::icase);
  std::smatch m;
  if (std::regex_search(ref, m, epsg)) return "EPSG:" + m[1].str();
  return ref;
}

std::string FileCrsWkt(const OGRSpatialReference* srs) {
  if (!srs) return "";
  const char* name = srs->GetName();
  if (name && std::string(name).rfind("Undefined ", 0) == 0) return "";
  return ToWkt2(*srs);
}

OGRPolygon BoxPolygon(double min_x, double min_y, double max_x, double max_y) {
  OGRLinearRing ring;
  ring.addPoint(min_x, min_y);
  ring.addPoint(max_x, min_y);
  ring.addPoint(max_x, max_y);
  ring.addPoint(min_x, max_y);
  ring.closeRings();
  OGRPolygon polygon;
  polygon.addRing(&ring);
  return polygon;
}

std::string FieldText(const OGRFeature& feature, int index) {
  const OGRFieldDefn* field = feature.GetFieldDefnRef(index);
  if (field->GetType() == OFTInteger && field->GetSubType() == OFSTBoolean)
    return feature.GetFieldAsInteger(index) ? "true" : "false";
  return feature.GetFieldAsString(index);
}

}  // namespace geo::detail
