#include "geo/source_util.h"

#include <cpl_vsi.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>

#include "core/ascii_case.h"
#include "core/error.h"
#include "geo/gdal_util.h"

namespace geo::detail {
namespace {

}  // namespace

LayerTransform::LayerTransform(const std::string& source_crs_wkt, const Frame& frame,
                               const std::string& file)
    : source_(HorizontalSrs(source_crs_wkt)), frame_(HorizontalSrs(frame.crs_wkt)) {
  source_name_ = source_.GetName() ? source_.GetName() : "unnamed CRS";
  const OGRSpatialReference full = SpatialRefFromWkt(source_crs_wkt);
  if (full.IsCompound() || full.IsVertical()) {
    z_to_metres_ = full.GetTargetLinearUnits("VERT_CS");
  } else if (source_.IsProjected() && std::abs(source_.GetLinearUnits() - 1.0) > 1e-9) {
    z_to_metres_ = source_.GetLinearUnits();
    z_unit_assumed_ = true;
  }
  if (!(z_to_metres_ > 0)) z_to_metres_ = 1;
  if (source_.IsSame(&frame_)) return;
  CPLErrorReset();
  to_frame_ = OGRCreateCoordinateTransformation(&source_, &frame_);
  from_frame_ = OGRCreateCoordinateTransformation(&frame_, &source_);
  if (!to_frame_ || !from_frame_)
    throw core::InputError(file, "", "cannot transform from '" + source_name_ + "' to '" +
                                         frame.crs_name + "': " + LastGdalError());
}

LayerTransform::~LayerTransform() {
  OGRCoordinateTransformation::DestroyCT(to_frame_);
  OGRCoordinateTransformation::DestroyCT(from_frame_);
}

void LayerTransform::SetSpatialFilter(OGRLayer& layer, const AreaClip& area) const {
  if (!area.polygon) return;
  std::unique_ptr<OGRGeometry> filter(area.polygon->clone());
  if (from_frame_ && filter->transform(from_frame_) != OGRERR_NONE) return;
  layer.SetSpatialFilter(filter.get());
}

bool AreaClip::InWindow(const OGRGeometry& g) const {
  if (window.empty()) return true;
  OGREnvelope env;
  g.getEnvelope(&env);
  Box2d box;
  ExtendByEnvelope(box, env);
  return InWindow(box);
}

bool LayerTransform::ToLocal(double& x, double& y, const Frame& frame) const {
  if (to_frame_ && !to_frame_->Transform(1, &x, &y)) return false;
  x -= frame.origin_x;
  y -= frame.origin_y;
  return std::isfinite(x) && std::isfinite(y);
}

bool LayerTransform::FromLocal(std::vector<double>& x, std::vector<double>& y,
                               const Frame& frame) const {
  for (double& v : x) v += frame.origin_x;
  for (double& v : y) v += frame.origin_y;
  if (!from_frame_) return true;
  std::vector<int> ok(x.size(), 0);
  from_frame_->Transform(x.size(), x.data(), y.data(), nullptr, ok.data());
  bool all = true;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!ok[i]) {
      x[i] = y[i] = std::nan("");
      all = false;
    }
  return all;
}

bool EnclosesArea(const OGRGeometry& polygon) {
  const std::unique_ptr<OGRGeometry> g(polygon.IsValid() ? polygon.clone() : polygon.MakeValid());
  return g && !g->IsEmpty() && OGR_G_Area(OGRGeometry::ToHandle(g.get())) > 0;
}

std::size_t LineOfByte(const std::string& text, std::size_t byte) {
  return 1 + std::count(text.begin(), text.begin() + std::min(byte, text.size()), '\n');
}

std::string LonLatExtentProblem(const std::string& crs_wkt, const Box2d& e) {
  if (crs_wkt.empty() || e.empty()) return "";
  OGRSpatialReference srs;
  if (srs.importFromWkt(crs_wkt.c_str()) != OGRERR_NONE || !srs.IsGeographic()) return "";
  // In either axis order, some feature must be able to be a longitude and a latitude.
  auto meets = [](double lo, double hi, double limit) { return hi >= -limit && lo <= limit; };
  if ((meets(e.min_x, e.max_x, 360) && meets(e.min_y, e.max_y, 90)) ||
      (meets(e.min_x, e.max_x, 90) && meets(e.min_y, e.max_y, 360)))
    return "";
  char extent[160];
  std::snprintf(extent, sizeof extent, "x %.0f to %.0f, y %.0f to %.0f", e.min_x, e.max_x, e.min_y, e.max_y);
  return std::string("coordinates (") + extent + ") are not longitude and latitude, yet the file's CRS is " +
         (srs.GetName() ? srs.GetName() : "geographic");
}

void CheckLonLatExtent(GDALDataset& ds, OGRLayer& layer, const Box2d& extent, const std::string& file_crs_wkt,
                       const std::string& file, const std::string& suggested_crs) {
  const std::string problem = LonLatExtentProblem(file_crs_wkt, extent);
  if (problem.empty()) return;
  const bool geojson = EQUAL(ds.GetDriver()->GetDescription(), "GeoJSON");
  throw core::InputError(
      file, ds.GetLayerCount() > 1 ? "layer " + std::string(layer.GetName()) : "",
      problem + (geojson ? " (a GeoJSON without a \"crs\" member is WGS 84, RFC 7946)" : "") +
          ": give the source its CRS with `crs:`" + (suggested_crs.empty() ? "" : " (" + suggested_crs + "?)"));
}

std::string LayerList(GDALDataset& ds) {
  std::string names;
  for (OGRLayer* layer : ds.GetLayers()) names += (names.empty() ? "" : ", ") + std::string(layer->GetName());
  return names.empty() ? " (the file has no layers)" : " (layers: " + names + ")";
}

SourceSummary StartSummary(const std::string& path, const std::string& format) {
  SourceSummary s;
  s.path = path;
  s.format = format;
  return s;
}

void CountHeight(SourceSummary& summary, HeightSource source) {
  ++summary.buildings;
  switch (source) {
    case HeightSource::attribute: ++summary.height_from_attribute; break;
    case HeightSource::levels: ++summary.height_from_levels; break;
    case HeightSource::geometry: ++summary.height_from_geometry; break;
    case HeightSource::default_value: ++summary.height_defaulted; break;
    case HeightSource::none: break;
  }
}

void FinishSummary(SourceSummary& summary, const CityModel& city, std::size_t first_vertex) {
  for (std::size_t i = first_vertex; i < city.vertices.size(); ++i)
    summary.extent_frame.Extend(city.vertices[i].x + city.frame.origin_x,
                                city.vertices[i].y + city.frame.origin_y);
}

std::string ResolveSourceCrs(const std::string& file_crs_wkt, const CitySource& source,
                             const std::string& fallback_crs, core::Diagnostics& diagnostics) {
  if (!source.crs.empty()) return CrsToWkt(source.crs, source.path.string());
  if (!file_crs_wkt.empty()) return file_crs_wkt;
  if (!fallback_crs.empty()) {
    diagnostics.Warn("source without CRS assumed to be in the scenario CRS", source.path.string());
    return fallback_crs;
  }
  throw core::InputError(source.path.string(), "",
                         "the file has no CRS; give the source a `crs:` or the scenario a `crs:`");
}

bool IsCityJson(const std::filesystem::path& path) {
  const std::string name = core::AsciiLower(path.filename().string());
  if (name.ends_with(".city.json") || name.ends_with(".cityjson")) return true;
  if (!name.ends_with(".json")) return false;
  std::ifstream in(path);
  char head[512] = {};
  in.read(head, sizeof head - 1);
  return std::string(head).find("\"CityJSON\"") != std::string::npos;
}

bool IsOsm(const std::filesystem::path& path) {
  const std::string name = core::AsciiLower(path.filename().string());
  return name.ends_with(".osm") || name.ends_with(".pbf") || name.ends_with(".osm.bz2");
}

SourceRole ResolveRole(const CitySource& source) {
  if (source.role != SourceRole::automatic) return source.role;
  const std::string file = source.path.string();
  VSIStatBufL stat;  // GDAL's stat: also sees in-memory (/vsimem/) files
  if (VSIStatL(file.c_str(), &stat) != 0) throw core::InputError(file, "", "file not found");
  // Before GDAL sees it: its GML driver would take a CityGML file for a flat vector layer.
  if (IsCityJson(source.path) || IsCityGml(source.path) || IsOsm(source.path))
    return SourceRole::buildings;
  DatasetPtr ds = OpenDataset(file, GDAL_OF_RASTER | GDAL_OF_VECTOR);
  if (!ds) throw core::InputError(file, "", "not a format GDAL can read: " + WhyNotOpened(file));
  if (ds->GetRasterCount() > 0 && ds->GetLayerCount() == 0) return SourceRole::terrain;
  return SourceRole::buildings;
}

}  // namespace geo::detail
