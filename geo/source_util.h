// Private to geo/: helpers the readers share (layer transforms, summaries, messages).
#pragma once

#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <string>

#include "geo/readers.h"

namespace geo::detail {

// The CRS transform from one layer into the frame's CRS (absolute coordinates; footprints
// subtract the origin themselves), plus the area as a spatial filter in the layer's CRS.
class LayerTransform {
 public:
  LayerTransform(const std::string& source_crs_wkt, const Frame& frame, const std::string& file);
  ~LayerTransform();
  LayerTransform(const LayerTransform&) = delete;
  LayerTransform& operator=(const LayerTransform&) = delete;

  OGRCoordinateTransformation* ogr() const { return to_frame_; }  // null: same CRS
  const std::string& source_name() const { return source_name_; }
  // Lets the driver skip features far from the area (the exact test follows per feature).
  void SetSpatialFilter(OGRLayer& layer, const AreaClip& area) const;
  // x, y from source CRS to local frame metres; false where the transform fails.
  bool ToLocal(double& x, double& y, const Frame& frame) const;
  // Local frame metres back to source CRS, n points at once.
  bool FromLocal(std::vector<double>& x, std::vector<double>& y, const Frame& frame) const;
  // Metres per z unit of the source: the vertical CRS's unit when the CRS is compound, else
  // the unit of a projected CRS in feet (State Plane city models carry z in feet too), else 1.
  double z_to_metres() const { return z_to_metres_; }
  // Whether z_to_metres() was taken from the horizontal unit (an assumption worth a warning).
  bool z_unit_assumed() const { return z_unit_assumed_; }

 private:
  OGRSpatialReference source_;
  OGRSpatialReference frame_;
  OGRCoordinateTransformation* to_frame_ = nullptr;
  OGRCoordinateTransformation* from_frame_ = nullptr;
  std::string source_name_;
  double z_to_metres_ = 1;
  bool z_unit_assumed_ = false;
};

inline void ExtendByEnvelope(Box2d& box, const OGREnvelope& env) {
  box.Extend(env.MinX, env.MinY);
  box.Extend(env.MaxX, env.MaxY);
}

// A layer whose CRS (from the file, `file_crs_wkt`) is longitude/latitude but whose every
// coordinate lies outside that range is in a CRS the file does not say: a GeoJSON without a
// "crs" member is WGS 84 by RFC 7946 whatever its numbers. Throws core::InputError naming the
// file, the layer, the extent and the `crs:` that would fix it (`suggested_crs`, may be "").
// `extent`: the layer's, in its own CRS.
void CheckLonLatExtent(GDALDataset& ds, OGRLayer& layer, const Box2d& extent, const std::string& file_crs_wkt,
                       const std::string& file, const std::string& suggested_crs);
// The same test for any extent in `crs_wkt`: "" when it may be lon/lat (or the CRS is not
// geographic), else "coordinates (...) are not longitude and latitude, yet the file's CRS is X".
std::string LonLatExtentProblem(const std::string& crs_wkt, const Box2d& extent);

// Whether a polygon encloses some area once repaired (a bow tie does; collinear points and
// POLYGON EMPTY do not).
bool EnclosesArea(const OGRGeometry& polygon);

// The line (from 1) of byte `byte` of `text`, for a JSON parser's error.
std::size_t LineOfByte(const std::string& text, std::size_t byte);

// ", layers: a, b, c" for error messages.
std::string LayerList(GDALDataset& ds);

SourceSummary StartSummary(const std::string& path, const std::string& format);
void CountHeight(SourceSummary& summary, HeightSource source);
// Sets the frame extent from the vertices this source added (absolute frame CRS coordinates).
void FinishSummary(SourceSummary& summary, const CityModel& city, std::size_t first_vertex);

}  // namespace geo::detail
