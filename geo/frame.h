// The scenario's metric frame: a projected CRS plus a local origin. Every coordinate inside the
// engine is metres in this frame (x east, y north, z up); float vertices stay precise to ~1 mm
// within +-10 km of the origin. Outputs carry the CRS back.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "geo/vec.h"

class OGRCoordinateTransformation;  // GDAL type kept out of users' includes

namespace geo {

struct Frame {
  std::string crs_wkt;   // WKT2 of the projected CRS
  std::string crs_name;  // human readable, e.g. "Amersfoort / RD New"
  int epsg = 0;          // EPSG code of the horizontal CRS, 0 if it has none
  double origin_x = 0;   // local origin, in CRS units (metres)
  double origin_y = 0;
  // When the CRS given is in feet: its name and unit. The frame is then the same projection
  // in metres (its "metric twin"), so grid, heights and areas stay metres; outputs carry the
  // twin, which any GIS reprojects onto the original exactly.
  std::string feet_crs_name;  // "" for a metric CRS
  std::string feet_unit_name; // "US survey foot", "foot"

  bool valid() const { return !crs_wkt.empty(); }
  // "EPSG:28992" when known, else the CRS name.
  std::string Label() const;
};

// A CRS definition as a user writes it: "EPSG:3059", WKT, a PROJ string, "OGC:CRS84"...
// Throws core::InputError naming `context` if GDAL does not know it.
std::string CrsToWkt(const std::string& definition, const std::string& context);

// The UTM zone (WGS 84) containing lon/lat, as WKT. Used when the scenario names no CRS.
std::string UtmCrsWktFor(double lon_deg, double lat_deg);
// "" when `definition` (any form CrsToWkt takes) is projected, as a scenario's `crs:` must be;
// else why not, naming it.
std::string ScenarioCrsProblem(const std::string& definition);

// Makes a frame in `crs_wkt` whose origin is the centre of `extent` (CRS units) rounded to
// 100 m, so local coordinates are small and the origin is a readable number. A CRS whose unit
// is not the metre (State Plane feet...) becomes its metric twin (see Frame::feet_crs_name).
Frame MakeFrame(const std::string& crs_wkt, const Box2d& extent);

// Transforms 2D points from a source CRS into a frame's local coordinates (or back).
// Axis order is always x=easting/longitude, y=northing/latitude (traditional GIS order).
class CrsTransform {
 public:
  // source_crs: WKT or any definition CrsToWkt accepts.
  static CrsTransform ToFrame(const std::string& source_crs, const Frame& frame);
  static CrsTransform FromFrame(const Frame& frame, const std::string& target_crs);

  CrsTransform(CrsTransform&&) noexcept;
  CrsTransform& operator=(CrsTransform&&) noexcept;
  ~CrsTransform();

  // Returns false where the transform fails (point outside the CRS's domain).
  bool Apply(double& x, double& y) const;
  bool Apply(std::vector<Vec2d>& points) const;

  // The GDAL transformation including the frame offset is not representable by OGR alone, so
  // the offset is applied separately; this exposes the pure CRS part to geo's own readers.
  OGRCoordinateTransformation* ogr() const { return ct_.get(); }
  double offset_x() const { return offset_x_; }
  double offset_y() const { return offset_y_; }
  bool identity() const { return ct_ == nullptr; }

 private:
  struct Deleter {
    void operator()(OGRCoordinateTransformation* ct) const;
  };
  CrsTransform() = default;
  std::unique_ptr<OGRCoordinateTransformation, Deleter> ct_;  // null: same CRS
  double offset_x_ = 0;  // added after the CRS transform (frame: minus origin)
  double offset_y_ = 0;
  bool to_frame_ = true;
};

}  // namespace geo
