#include "geo/frame.h"

#include <cmath>

#include "core/error.h"
#include "geo/gdal_util.h"

namespace geo {
namespace {

// The EPSG code of `srs`: its own, else PROJ's catalogue match with 100 % confidence (the
// horizontal part of a compound CRS lost its identifier), else a catalogue entry that is the
// same CRS but for names (PROJ's "equivalent"): the metric twin of a feet CRS, "NAD83 / New
// York Long Island (ftUS), in metres", is EPSG:32118.
int IdentifyEpsg(OGRSpatialReference& srs) {
  srs.AutoIdentifyEPSG();
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (auth && code && std::string(auth) == "EPSG") return std::atoi(code);
  int count = 0;
  int* confidence = nullptr;
  OGRSpatialReferenceH* matches = srs.FindMatches(nullptr, &count, &confidence);
  const char* equivalent[] = {"CRITERION=EQUIVALENT", nullptr};
  int epsg = 0;
  for (int i = 0; i < count && epsg == 0; ++i) {
    auto* m = OGRSpatialReference::FromHandle(matches[i]);
    const char* a = m->GetAuthorityName(nullptr);
    if (a && std::string(a) == "EPSG" && (confidence[i] == 100 || m->IsSame(&srs, equivalent)))
      epsg = std::atoi(m->GetAuthorityCode(nullptr));
  }
  OSRFreeSRSArray(matches);
  CPLFree(confidence);
  return epsg;
}

}  // namespace

std::string Frame::Label() const { return epsg > 0 ? "EPSG:" + std::to_string(epsg) : crs_name; }

std::string CrsToWkt(const std::string& definition, const std::string& context) {
  detail::EnsureGdal();
  OGRSpatialReference srs;
  CPLErrorReset();
  if (definition.empty() || srs.SetFromUserInput(definition.c_str()) != OGRERR_NONE)
    throw core::InputError(context, "", "unknown CRS '" + definition + "'");
  return detail::ToWkt2(srs);
}

std::string UtmCrsWktFor(double lon_deg, double lat_deg) {
  const int zone = std::clamp(static_cast<int>(std::floor((lon_deg + 180.0) / 6.0)) + 1, 1, 60);
  const int epsg = (lat_deg >= 0 ? 32600 : 32700) + zone;
  return CrsToWkt("EPSG:" + std::to_string(epsg), "");
}

std::string ScenarioCrsProblem(const std::string& definition) {
  const OGRSpatialReference srs = detail::HorizontalSrs(CrsToWkt(definition, ""));
  if (srs.IsProjected()) return "";
  return "the scenario CRS must be projected (metres or feet), got '" + std::string(srs.GetName() ? srs.GetName() : "?") +
         "': use the place's national grid or UTM zone (lon/lat belong on an area, camera or source `crs:`)";
}

Frame MakeFrame(const std::string& crs_wkt, const Box2d& extent) {
  OGRSpatialReference srs = detail::HorizontalSrs(crs_wkt);
  if (!srs.IsProjected())
    throw core::InputError("", "", "the scenario CRS must be projected (metres), got '" +
                                       std::string(srs.GetName() ? srs.GetName() : "?") + "'");
  Frame f;
  const char* unit_name = nullptr;
  const double metres_per_unit = srs.GetLinearUnits(&unit_name);
  Box2d box = extent;
  if (std::abs(metres_per_unit - 1.0) > 1e-9) {
    // Every length inside the engine is a metre (grid, heights, ranges, areas): compute in
    // the same projection with metre units instead of mixing units.
    f.feet_crs_name = srs.GetName() ? srs.GetName() : "?";
    f.feet_unit_name = unit_name ? unit_name : "?";
    srs.SetLinearUnitsAndUpdateParameters(SRS_UL_METER, 1.0);
    // Feet to metres leaves false origins a tenth of a millimetre off the metric catalogue
    // entry (200000.0001016 m for EPSG:2249, 200000 in EPSG:26986): rounded to the millimetre,
    // so that the twin is found by its parameters.
    for (const char* parameter : {SRS_PP_FALSE_EASTING, SRS_PP_FALSE_NORTHING}) {
      OGRErr err = OGRERR_NONE;
      const double v = srs.GetProjParm(parameter, 0.0, &err);
      if (err == OGRERR_NONE) srs.SetProjParm(parameter, std::round(v * 1000) / 1000);
    }
    srs.SetProjCS((f.feet_crs_name + ", in metres").c_str());
    if (!box.empty())
      box = {box.min_x * metres_per_unit, box.min_y * metres_per_unit, box.max_x * metres_per_unit,
             box.max_y * metres_per_unit};  // only for the origin: false origins scale alike
  }
  f.epsg = IdentifyEpsg(srs);
  // A feet CRS's metric twin found in the catalogue is written as that entry (EPSG:32118),
  // which every GIS recognises, rather than as a custom CRS.
  if (!f.feet_crs_name.empty() && f.epsg > 0) {
    OGRSpatialReference known;
    if (known.importFromEPSG(f.epsg) == OGRERR_NONE) srs = known;
  }
  f.crs_wkt = detail::ToWkt2(srs);
  f.crs_name = srs.GetName() ? srs.GetName() : "";
  if (!box.empty()) {
    f.origin_x = std::round((box.min_x + box.max_x) / 2 / 100.0) * 100.0;
    f.origin_y = std::round((box.min_y + box.max_y) / 2 / 100.0) * 100.0;
  }
  return f;
}

void CrsTransform::Deleter::operator()(OGRCoordinateTransformation* ct) const {
  OGRCoordinateTransformation::DestroyCT(ct);
}

CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;
CrsTransform::~CrsTransform() = default;

static std::unique_ptr<OGRCoordinateTransformation, void (*)(OGRCoordinateTransformation*)>
MakeOgrTransform(const OGRSpatialReference& from, const OGRSpatialReference& to,
                 const std::string& context) {
  auto destroy = [](OGRCoordinateTransformation* ct) { OGRCoordinateTransformation::DestroyCT(ct); };
  if (from.IsSame(&to)) return {nullptr, destroy};
  CPLErrorReset();
  OGRCoordinateTransformation* ct = OGRCreateCoordinateTransformation(&from, &to);
  if (!ct)
    throw core::InputError(context, "",
                           "no coordinate transformation from '" +
                               std::string(from.GetName() ? from.GetName() : "?") + "' to '" +
                               std::string(to.GetName() ? to.GetName() : "?") +
                               "': " + detail::LastGdalError());
  return {ct, destroy};
}

CrsTransform CrsTransform::ToFrame(const std::string& source_crs, const Frame& frame) {
  detail::EnsureGdal();
  const std::string wkt = CrsToWkt(source_crs, "");
  auto ct = MakeOgrTransform(detail::HorizontalSrs(wkt), detail::HorizontalSrs(frame.crs_wkt), "");
  CrsTransform t;
  t.ct_.reset(ct.release());
  t.offset_x_ = -frame.origin_x;
  t.offset_y_ = -frame.origin_y;
  t.to_frame_ = true;
  return t;
}

CrsTransform CrsTransform::FromFrame(const Frame& frame, const std::string& target_crs) {
  detail::EnsureGdal();
  const std::string wkt = CrsToWkt(target_crs, "");
  auto ct = MakeOgrTransform(detail::HorizontalSrs(frame.crs_wkt), detail::HorizontalSrs(wkt), "");
  CrsTransform t;
  t.ct_.reset(ct.release());
  t.offset_x_ = frame.origin_x;
  t.offset_y_ = frame.origin_y;
  t.to_frame_ = false;
  return t;
}

bool CrsTransform::Apply(double& x, double& y) const {
  if (!to_frame_) {
    x += offset_x_;
    y += offset_y_;
  }
  if (ct_ && !ct_->Transform(1, &x, &y)) return false;
  if (to_frame_) {
    x += offset_x_;
    y += offset_y_;
  }
  return std::isfinite(x) && std::isfinite(y);
}

bool CrsTransform::Apply(std::vector<Vec2d>& points) const {
  bool ok = true;
  for (Vec2d& p : points) ok = Apply(p.x, p.y) && ok;
  return ok;
}

}  // namespace geo
