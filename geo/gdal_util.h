// GDAL plumbing private to geo/: one-time driver registration, RAII handles, error text.
#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace geo::detail {

// Registers drivers once and routes GDAL's own messages away from stderr: failures reach the
// user through core::InputError, with GDAL's last message appended.
void EnsureGdal();

// GDAL's last error message, or "" — for appending to our own messages.
std::string LastGdalError();
// Why GDAL could not open `path`, in words: a folder, an empty or unreadable file, or GDAL's
// own last message (never an empty reason).
std::string WhyNotOpened(const std::string& path);

// The first failure GDAL reports while this lives, quietly. GDAL's last message is often only a
// consequence ("error around byte 743" after "mismatched tag at line 10, column 146").
class FirstGdalFailure {
 public:
  FirstGdalFailure();
  ~FirstGdalFailure();
  FirstGdalFailure(const FirstGdalFailure&) = delete;
  FirstGdalFailure& operator=(const FirstGdalFailure&) = delete;
  bool failed() const { return !message_.empty(); }
  const std::string& message() const { return message_; }

 private:
  static void CPL_STDCALL Handle(CPLErr level, CPLErrorNum number, const char* message);
  std::string message_;
};

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Opens a dataset read-only; returns null on failure (callers raise the error with context).
DatasetPtr OpenDataset(const std::string& path, unsigned flags);

// A spatial reference in traditional GIS axis order (x = easting/longitude).
OGRSpatialReference SpatialRefFromWkt(const std::string& wkt);

std::string ToWkt2(const OGRSpatialReference& srs);

// The horizontal part of a CRS: a compound "RD New + NAP height" becomes "RD New", because
// frames transform x/y only and keep z in the source's vertical datum.
OGRSpatialReference HorizontalSrs(const std::string& wkt);

// "EPSG:7415" from CityJSON's referenceSystem ("https://www.opengis.net/def/crs/EPSG/0/7415",
// "urn:ogc:def:crs:EPSG::7415"); other text is returned unchanged.
std::string CrsFromReferenceSystem(const std::string& ref);

// A file's own CRS as WKT, "" when it has none. GeoPackage reports "Undefined geographic SRS"
// / "Undefined Cartesian SRS" for layers without one: those count as none.
std::string FileCrsWkt(const OGRSpatialReference* srs);

// A feature's field as text. A boolean field (GeoJSON true/false, GeoPackage BOOLEAN) reads as
// "true" or "false": GDAL's own text is 1 or 0, which a height or weight would take as a number.
std::string FieldText(const OGRFeature& feature, int index);

// The rectangle min_x..max_x, min_y..max_y as an OGR polygon (same coordinates, no CRS).
OGRPolygon BoxPolygon(double min_x, double min_y, double max_x, double max_y);

}  // namespace geo::detail
