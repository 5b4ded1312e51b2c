#include "geo/load_city.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/ascii_case.h"
#include "core/error.h"
#include "geo/city_window.h"
#include "geo/derived_ground.h"
#include "geo/footprint.h"
#include "geo/frame_check.h"
#include "geo/gdal_util.h"
#include "geo/readers.h"
#include "geo/source_util.h"

namespace geo {
namespace detail {
namespace {

// Checked access only (`at`): the probe runs before the reader has checked the document, and
// nlohmann's `[]` on a const value past an array's end or at a missing key is undefined
// behaviour (found by fuzz_cityjson). What is wrong throws, and the reader reports it.
Box2d CityJsonExtent(const nlohmann::json& doc) {
  Box2d box;
  if (doc.contains("metadata") && doc.at("metadata").contains("geographicalExtent")) {
    const auto& e = doc.at("metadata").at("geographicalExtent");
    if (e.is_array() && e.size() == 6) {
      box.Extend(e.at(0).get<double>(), e.at(1).get<double>());
      box.Extend(e.at(3).get<double>(), e.at(4).get<double>());
      return box;
    }
  }
  std::array<double, 3> s{1, 1, 1}, t{0, 0, 0};
  if (doc.contains("transform"))
    for (std::size_t i = 0; i < 3; ++i) {
      s[i] = doc.at("transform").at("scale").at(i).get<double>();
      t[i] = doc.at("transform").at("translate").at(i).get<double>();
    }
  for (const auto& v : doc.at("vertices"))
    box.Extend(v.at(0).get<double>() * s[0] + t[0], v.at(1).get<double>() * s[1] + t[1]);
  return box;
}

}  // namespace

SourceProbe ProbeSource(const CitySource& source, SourceRole role) {
  const std::string file = source.path.string();
  // GDAL's GML driver would read a gzipped CityGML as plain GML footprints, and say only that
  // it lacks a CRS or a polygon layer.
  const std::string name = core::AsciiLower(source.path.filename().string());
  for (const char* model : {".gml", ".xml", ".citygml", ".city.json", ".cityjson"})
    for (const char* packed : {".gz", ".zip", ".bz2", ".xz", ".7z"})
      if (name.ends_with(std::string(model) + packed))
        throw core::InputError(file, "", "a compressed city model is not read: unpack it first and give the " +
                                             std::string(model) + " file");
  SourceProbe probe;
  if (IsCityGml(source.path)) {
    probe.citygml = ParseCityGml(source);
    probe.crs_wkt = probe.citygml->crs_wkt;
    probe.extent = probe.citygml->extent;
    return probe;
  }
  if (IsCityJson(source.path)) {
    std::ifstream in(source.path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      // Said here, with its line: without a CRS the next word would be "the file has no CRS".
      throw core::InputError(file, "line " + std::to_string(LineOfByte(text, e.byte)), std::string("not valid JSON: ") + e.what());
    } catch (const nlohmann::json::exception& e) {  // a number beyond a double (1e999)
      throw core::InputError(file, "", std::string("not valid JSON: ") + e.what());
    }
    try {
      if (doc.contains("metadata") && doc["metadata"].contains("referenceSystem")) {
        probe.crs_wkt = CrsToWkt(
            CrsFromReferenceSystem(doc.at("metadata").at("referenceSystem").get<std::string>()), file);
      }
      probe.extent = CityJsonExtent(doc);
    } catch (const nlohmann::json::exception&) {
      // Reported with its place by the reader itself.
    }
    return probe;
  }
  if (IsOsm(source.path)) {
    probe.osm = OpenOsm(source, OsmIndex::by_format);
    OsmExtent found;
    try {
      found = FindOsmExtent(*probe.osm);
    } catch (const OsmIdsNotIncreasing&) {
      probe.osm = OpenOsm(source, OsmIndex::sqlite);
      found = FindOsmExtent(*probe.osm);
    }
    probe.crs_wkt = CrsToWkt("EPSG:4326", file);
    probe.extent = found.extent;
    probe.extent_from_osm_header = found.from_header;
    probe.extent_problem = found.header_problem;
    return probe;
  }
  DatasetPtr ds = OpenDataset(file, role == SourceRole::buildings ? GDAL_OF_VECTOR : GDAL_OF_RASTER);
  if (!ds) throw core::InputError(file, "", "cannot open: " + WhyNotOpened(file));
  if (role != SourceRole::buildings) {
    double gt[6];
    probe.crs_wkt = FileCrsWkt(ds->GetSpatialRef());
    if (ds->GetGeoTransform(gt) == CE_None) {
      probe.extent.Extend(gt[0], gt[3]);
      probe.extent.Extend(gt[0] + ds->GetRasterXSize() * gt[1] + ds->GetRasterYSize() * gt[2],
                          gt[3] + ds->GetRasterXSize() * gt[4] + ds->GetRasterYSize() * gt[5]);
    }
    return probe;
  }
  for (OGRLayer* layer : ds->GetLayers()) {
    if (!source.layer.empty() && !EQUAL(source.layer.c_str(), layer->GetName())) continue;
    if (probe.crs_wkt.empty())
      probe.crs_wkt = FileCrsWkt(layer->GetSpatialRef());
    OGREnvelope env;
    if (layer->GetExtent(&env, TRUE) == OGRERR_NONE) {
      Box2d extent;
      detail::ExtendByEnvelope(extent, env);
      if (source.crs.empty())
        detail::CheckLonLatExtent(*ds, *layer, extent, FileCrsWkt(layer->GetSpatialRef()), file, "");
      probe.extent.Extend(extent);
    }
  }
  return probe;
}

}  // namespace detail

namespace {

using detail::AreaClip;

// Polygon of the area in its own CRS (bbox edges densified so they bend correctly).
std::unique_ptr<OGRGeometry> AreaGeometry(const AreaOfInterest& area, std::string& crs_wkt) {
  if (!area.crs.empty()) crs_wkt = CrsToWkt(area.crs, "area");
  if (area.bbox) {
    const auto& b = *area.bbox;
    if (!(b[0] < b[2] && b[1] < b[3]) || !std::isfinite(b[0] + b[1] + b[2] + b[3]))
      throw core::InputError("", "area.bbox", "bbox must be [min_x, min_y, max_x, max_y] with min < max");
    auto poly = std::make_unique<OGRPolygon>(detail::BoxPolygon(b[0], b[1], b[2], b[3]));
    poly->segmentize(std::max(b[2] - b[0], b[3] - b[1]) / 16);
    return poly;
  }
  if (!area.polygon_wkt.empty()) {
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkt(area.polygon_wkt.c_str(), nullptr, &g) != OGRERR_NONE || !g)
      throw core::InputError("", "area.wkt", "not a valid WKT polygon: '" + area.polygon_wkt + "'");
    return std::unique_ptr<OGRGeometry>(g);
  }
  const std::string file = area.polygon_file.string();
  auto ds = detail::OpenDataset(file, GDAL_OF_VECTOR);
  if (!ds) throw core::InputError(file, "", "cannot open the area polygon file: " + detail::WhyNotOpened(file));
  if (ds->GetLayerCount() == 0) throw core::InputError(file, "", "the area polygon file has no vector layer");
  OGRLayer* layer = ds->GetLayer(0);
  if (const OGRSpatialReference* srs = layer->GetSpatialRef()) crs_wkt = detail::ToWkt2(*srs);
  auto uni = std::make_unique<OGRMultiPolygon>();
  for (auto& f : *layer) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g) continue;
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) uni->addGeometry(g);
    if (type == wkbMultiPolygon)
      for (const OGRPolygon* p : *g->toMultiPolygon()) uni->addGeometry(p);
  }
  if (uni->IsEmpty()) throw core::InputError(file, "", "the area file contains no polygon");
  return uni;
}

AreaClip MakeAreaClip(const AreaOfInterest& area, const Frame& frame, core::Diagnostics& diagnostics) {
  std::string crs_wkt;
  std::unique_ptr<OGRGeometry> g = AreaGeometry(area, crs_wkt);
  const detail::LayerTransform t(crs_wkt, frame, "area");
  if (t.ogr() && g->transform(t.ogr()) != OGRERR_NONE)
    throw core::InputError("", "area", "the area cannot be transformed into the scenario CRS");
  if (!g->IsValid()) {
    g.reset(g->MakeValid());
    if (g && detail::EnclosesArea(*g))
      diagnostics.Warn("area polygon repaired (self-intersection, spike or bad hole)", "area");
  }
  // A degenerate outline (collinear points, POLYGON EMPTY) would leave its bounding box as the
  // area, or nothing: said, not run.
  if (!g || !detail::EnclosesArea(*g)) throw core::InputError("", "area", "the area polygon is empty or encloses no area");
  AreaClip clip;
  OGREnvelope env;
  g->getEnvelope(&env);
  detail::ExtendByEnvelope(clip.bounds, env);
  // Sources are read over the box: a building just outside a town's boundary still hides
  // the street behind it; the outline itself only limits the evaluated cells.
  if (!area.bbox) clip.outline = std::shared_ptr<OGRGeometry>(g->clone());
  clip.polygon = area.bbox ? std::shared_ptr<OGRGeometry>(g.release())
                           : std::make_shared<OGRPolygon>(detail::BoxPolygon(env.MinX, env.MinY, env.MaxX, env.MaxY));
  return clip;
}

// Projects a box given in `crs_wkt` into `target_wkt` (corners and edge midpoints).
Box2d TransformBox(const Box2d& box, const std::string& crs_wkt, const std::string& target_wkt) {
  Frame target;
  target.crs_wkt = target_wkt;
  const detail::LayerTransform t(crs_wkt, target, "");
  Box2d out;
  for (int i = 0; i <= 4; ++i)
    for (int j = 0; j <= 4; ++j) {
      double x = box.min_x + box.width() * i / 4, y = box.min_y + box.height() * j / 4;
      if (t.ToLocal(x, y, target)) out.Extend(x, y);
    }
  return out;
}

// The data's extent in the frame CRS, for the local origin: the area or the sources' extent
// through lon/lat, else (sources without a CRS: they are in the scenario CRS) their own
// extents. Float32 mesh coordinates are only precise near the origin: an origin at 0 0
// quantises to ~3 cm at y = 414 km.
Box2d FrameExtent(const std::vector<detail::SourceProbe>& probes, const Box2d& lonlat,
                  const std::string& frame_wkt) {
  if (!lonlat.empty()) return TransformBox(lonlat, CrsToWkt("EPSG:4326", ""), frame_wkt);
  Box2d extent;
  for (const auto& p : probes)
    if (p.crs_wkt.empty()) extent.Extend(p.extent);
  return extent;
}

// A DSM (tops of buildings and trees) never lies below the DTM (the bare ground) but by noise.
// Mostly below it, the two are in different vertical datums (ellipsoidal and orthometric
// heights differ by 30-50 m in Europe): every building would sink under the ground and the
// cameras see through the city, in silence.
void WarnIfSurfaceBelowTerrain(const Heightfield& surface, const Heightfield& terrain, const std::string& files,
                               core::Diagnostics& diagnostics) {
  std::size_t compared = 0, below = 0;
  double depth = 0;
  const int step = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(surface.nx) * surface.ny / 10000)));
  for (int j = 0; j < surface.ny; j += step)
    for (int i = 0; i < surface.nx; i += step) {
      const double top = surface.At(i, j);
      const double ground = terrain.Sample(surface.x0 + i * surface.spacing, surface.y0 + j * surface.spacing);
      if (!std::isfinite(top) || !std::isfinite(ground)) continue;
      ++compared;
      if (top < ground - 1.0) {
        ++below;
        depth += ground - top;
      }
    }
  if (compared > 0 && below * 2 > compared)
    diagnostics.Warn("the surface (DSM) lies below the terrain (DTM) over most of the area: different vertical datums?",
                     fmt::format("{}: {:.0f} % of the compared points, {:.1f} m below on average; buildings in the DSM "
                                 "sink under the ground there", files, 100.0 * below / compared, depth / below));
}

// The sources' paths, for an error about them all: "a.osm, b.tif".
std::string SourceFiles(const CityLoadOptions& options) {
  std::string files;
  for (const CitySource& s : options.sources) files += (files.empty() ? "" : ", ") + s.path.string();
  return files;
}

Frame ChooseFrame(const CityLoadOptions& options, const std::vector<detail::SourceProbe>& probes) {
  std::string wkt;
  if (!options.crs.empty()) {
    wkt = CrsToWkt(options.crs, "scenario crs");
  } else {
    for (const auto& p : probes) {
      if (p.crs_wkt.empty()) continue;
      OGRSpatialReference srs = detail::SpatialRefFromWkt(p.crs_wkt);
      if (srs.IsProjected()) {
        wkt = p.crs_wkt;
        break;
      }
    }
  }
  // Extent of everything (or the area) in lon/lat, for the UTM zone and the origin.
  const std::string wgs84 = CrsToWkt("EPSG:4326", "");
  Box2d lonlat;
  if (options.area) {
    std::string area_wkt;
    auto g = AreaGeometry(*options.area, area_wkt);
    OGREnvelope env;
    g->getEnvelope(&env);
    Box2d b;
    detail::ExtendByEnvelope(b, env);
    lonlat = TransformBox(b, area_wkt, wgs84);
  } else {
    for (const auto& p : probes)
      if (!p.crs_wkt.empty() && !p.extent.empty())
        lonlat.Extend(TransformBox(p.extent, p.crs_wkt, wgs84));
  }
  if (wkt.empty()) {
    if (lonlat.empty()) {
      throw core::InputError(SourceFiles(options), "", "nothing in the sources has coordinates (empty, or not georeferenced): "
                                        "no CRS can be chosen for them; give one (the scenario's `crs:`, or --crs)");
    }
    wkt = UtmCrsWktFor((lonlat.min_x + lonlat.max_x) / 2, (lonlat.min_y + lonlat.max_y) / 2);
  }
  return MakeFrame(wkt, FrameExtent(probes, lonlat, wkt));
}

void AddGroundPlane(CityModel& city) {
  const Box3f bounds = city.Bounds();
  const double z = std::min(0.0, bounds.empty() ? 0.0 : static_cast<double>(bounds.min.z));
  Feature f;
  f.kind = "ground";
  f.layer = "ground plane";
  f.base_z = z;
  const auto fid = static_cast<std::uint32_t>(city.features.size());
  city.features.push_back(f);
  const Box2d& a = city.area;
  const auto v0 = detail::AddVertex(city, a.min_x, a.min_y, z);
  const auto v1 = detail::AddVertex(city, a.max_x, a.min_y, z);
  const auto v2 = detail::AddVertex(city, a.max_x, a.max_y, z);
  const auto v3 = detail::AddVertex(city, a.min_x, a.max_y, z);
  detail::AddTriangle(city, v0, v1, v2, fid, Surface::ground);
  detail::AddTriangle(city, v0, v2, v3, fid, Surface::ground);
}

// Whether a window of the city, without a DEM or DSM, gets the ground a whole load would: the
// ground plane at z = 0, which needs every feature placed on the datum by sightline (footprints
// extruded from z = 0), no terrain object and no base of its own anywhere (a model with
// heights of its own derives its ground from all of them, geo/derived_ground.h). Every window
// asks this of its own features; all must agree (the caller's reduction).
bool WindowKeepsGround(const CityModel& city) {
  for (const Feature& f : city.features)
    if (!f.placed_on_ground) return false;
  const Box3f b = city.Bounds();
  return b.empty() || b.min.z >= 0;
}

// The area with its CRS resolved: an area without one is in the scenario's CRS (as cameras
// and zones are), else in lon/lat; either way the assumption is reported.
std::optional<AreaOfInterest> ResolveAreaCrs(const CityLoadOptions& options,
                                             core::Diagnostics& diagnostics) {
  std::optional<AreaOfInterest> area = options.area;
  if (!area || !area->crs.empty()) return area;
  if (!area->polygon_file.empty()) {  // the file's own CRS, if it has one
    auto ds = detail::OpenDataset(area->polygon_file.string(), GDAL_OF_VECTOR);
    if (ds && ds->GetLayerCount() > 0 && !detail::FileCrsWkt(ds->GetLayer(0)->GetSpatialRef()).empty())
      return area;
  }
  area->crs = options.crs.empty() ? "EPSG:4326" : options.crs;
  diagnostics.Warn("area assumed in " + area->crs +
                       (options.crs.empty() ? " (lon/lat: the scenario has no crs)" : " (the scenario crs)"),
                   "area");
  return area;
}

// Everything after the probes: the frame, the area, the sources read in order. Throws
// detail::OsmIdsNotIncreasing.
CityModel ReadSources(const CityLoadOptions& options, const std::vector<SourceRole>& roles,
                      const std::vector<detail::SourceProbe>& probes, core::Diagnostics& diagnostics) {
  CityModel city;
  city.frame = ChooseFrame(options, probes);
  if (!city.frame.feet_crs_name.empty())
    diagnostics.Warn("CRS in " + city.frame.feet_unit_name +
                         ": computed and written in metres, in the same projection",
                     city.frame.feet_crs_name + " -> " + city.frame.Label());
  // Nothing placed (empty sources, said by their readers): the origin at 0 0 is no place to judge.
  const bool placed = options.area || std::any_of(probes.begin(), probes.end(),
                                                  [](const detail::SourceProbe& p) { return !p.extent.empty(); });
  if (placed)
    for (const std::string& problem : FrameDistortion(city.frame))
      diagnostics.Warn("the scenario CRS does not suit the place", problem);
  AreaClip area;
  if (options.area) area = MakeAreaClip(*options.area, city.frame, diagnostics);
  if (options.window) {
    if (!options.area) throw std::logic_error("LoadCity: a window needs an area of interest");
    const Frame& f = city.frame;
    const Box2d local = options.window->choose(
        f, {area.bounds.min_x - f.origin_x, area.bounds.min_y - f.origin_y, area.bounds.max_x - f.origin_x,
            area.bounds.max_y - f.origin_y});
    area.window = {local.min_x + f.origin_x, local.min_y + f.origin_y, local.max_x + f.origin_x, local.max_y + f.origin_y};
  }
  detail::ReadContext ctx{city.frame, options.defaults, area,
                          options.crs.empty() ? "" : CrsToWkt(options.crs, "scenario crs"),
                          diagnostics, city, options.ground.max_nodes};

  // Terrain first: buildings and street layers are seated on it.
  bool has_raster = false;
  for (SourceRole pass : {SourceRole::terrain, SourceRole::surface})
    for (std::size_t i = 0; i < options.sources.size(); ++i)
      if (roles[i] == pass) {
        detail::ReadRasterSurface(options.sources[i], pass, ctx);
        has_raster = true;
      }
  if (!city.terrain && city.surface) {  // a DSM alone: targets and footprints need a DTM
    city.terrain = GroundFromSurface(*city.surface, options.ground.dsm_opening_window_m);
    city.ground_source = GroundSource::dtm_from_dsm;
  } else if (city.terrain && city.surface) {
    std::string dsm, dtm;
    for (std::size_t i = 0; i < options.sources.size(); ++i) {
      if (roles[i] == SourceRole::surface) dsm = options.sources[i].path.filename().string();
      if (roles[i] == SourceRole::terrain) dtm = options.sources[i].path.filename().string();
    }
    WarnIfSurfaceBelowTerrain(*city.surface, *city.terrain, dsm + " vs " + dtm, diagnostics);
  }
  for (std::size_t i = 0; i < options.sources.size(); ++i) {
    if (roles[i] != SourceRole::buildings) continue;
    const CitySource& s = options.sources[i];
    if (probes[i].citygml)
      detail::ReadCityGml(s, *probes[i].citygml, ctx);
    else if (detail::IsCityJson(s.path))
      detail::ReadCityJson(s, ctx);
    else if (probes[i].osm)
      detail::ReadOsm(s, *probes[i].osm, ctx);
    else
      detail::ReadVectorFootprints(s, ctx);
  }

  const bool holds_geometry = !city.triangles.empty() || !city.paths.empty() || !city.poles.empty();
  if (options.window) options.window->holds_geometry = holds_geometry;
  if (!holds_geometry && !options.window) {
    // Name the sources and say what was skipped: often the reason nothing is left.
    std::string skipped;
    for (const auto& [kind, k] : diagnostics.kinds())
      skipped += "; " + std::to_string(k.count) + " x " + kind + (k.examples.empty() ? "" : " (e.g. " + k.examples[0] + ")");
    throw core::InputError(SourceFiles(options), options.area ? "area" : "",
                           (options.area ? "nothing of the city lies inside the area"
                                         : "the sources contain no usable geometry") + skipped);
  }
  if (options.area) {
    city.area = {area.bounds.min_x - city.frame.origin_x, area.bounds.min_y - city.frame.origin_y,
                 area.bounds.max_x - city.frame.origin_x, area.bounds.max_y - city.frame.origin_y};
    if (area.outline)
      city.area_outline = detail::PrepareFootprint(*area.outline, nullptr, "area", city.frame, AreaClip{}, diagnostics);
  } else {
    const Box3f b = city.Bounds();
    if (!b.empty()) {  // a model of lines or points alone has no mesh: no area, no ground
      city.area.Extend(b.min.x, b.min.y);
      city.area.Extend(b.max.x, b.max.y);
    }
  }
  if (options.window && options.ground_plane && !has_raster && !WindowKeepsGround(city)) {
    options.window->exact = false;
    return city;
  }
  if (options.ground_plane && !has_raster && !city.area.empty() &&
      !DeriveGroundFromModel(city, options.ground))
    AddGroundPlane(city);
  SeatBuildingsOnGround(city, options.ground, diagnostics);
  return city;
}

// An OSM file's stated bounds (<bounds>, a PBF header box) place the frame before its features
// are read. Bounds copied from elsewhere, or a country's header box over a town, put the origin
// far from the city (float coordinates lose their centimetres: 6 cm at 1,000 km) and perhaps in
// another UTM zone. Then the features' extent replaces the bounds; true when the city is to be
// read again. A download's box (with the ways that cross it) places the frame near enough: kept.
constexpr double kFarFromOriginM = 50e3;  // a float's step there: 4 mm

bool ChooseAgainFromOsmFeatures(const CityLoadOptions& options, const CityModel& city,
                                std::vector<detail::SourceProbe>& probes, core::Diagnostics& diagnostics) {
  if (options.area) return false;  // the frame is the area's
  std::vector<detail::SourceProbe> from_features = probes;
  std::vector<std::pair<std::size_t, Box2d>> placed_by_bounds;  // source, its features' extent (lon/lat)
  bool far = false;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    if (!probes[i].extent_from_osm_header) continue;
    for (const SourceSummary& read : city.sources) {
      if (read.path != options.sources[i].path.string() || read.extent_source.empty()) continue;
      from_features[i].extent = read.extent_source;
      from_features[i].extent_from_osm_header = false;
      placed_by_bounds.emplace_back(i, read.extent_source);
      const Box2d& e = read.extent_frame;  // absolute frame coordinates
      const Frame& f = city.frame;
      far |= !e.empty() && std::max({std::abs(e.min_x - f.origin_x), std::abs(e.max_x - f.origin_x),
                                     std::abs(e.min_y - f.origin_y), std::abs(e.max_y - f.origin_y)}) > kFarFromOriginM;
      break;
    }
  }
  if (placed_by_bounds.empty()) return false;
  if (!far && ChooseFrame(options, from_features).crs_wkt == city.frame.crs_wkt) return false;
  for (const auto& [i, f] : placed_by_bounds) {
    const Box2d& b = probes[i].extent;
    diagnostics.Warn("a file's stated extent ignored",
                     fmt::format("{}: its stated bounds (<bounds> or PBF header box: {:.6f} {:.6f} .. {:.6f} {:.6f}) "
                                 "place the map away from its features ({:.6f} {:.6f} .. {:.6f} {:.6f}): the "
                                 "features' extent is used",
                                 options.sources[i].path.string(), b.min_x, b.min_y, b.max_x, b.max_y, f.min_x,
                                 f.min_y, f.max_x, f.max_y));
  }
  probes = std::move(from_features);
  return true;
}

}  // namespace

CityModel LoadCity(const CityLoadOptions& original_options, core::Diagnostics& diagnostics) {
  detail::EnsureGdal();
  if (original_options.sources.empty()) throw core::InputError("", "city", "no city sources given");
  CityLoadOptions options = original_options;
  options.area = ResolveAreaCrs(original_options, diagnostics);

  std::vector<SourceRole> roles;
  std::vector<detail::SourceProbe> probes;
  for (const CitySource& s : options.sources) {
    roles.push_back(detail::ResolveRole(s));
    probes.push_back(detail::ProbeSource(s, roles.back()));
    // The source's own `crs:` overrides its file's (a wrong srsName or .prj), for the frame too.
    if (!s.crs.empty()) probes.back().crs_wkt = CrsToWkt(s.crs, s.path.string());
    if (probes.back().crs_wkt.empty() && options.crs.empty())
      throw core::InputError(s.path.string(), "",
                             "the file has no CRS; give the source a `crs:` or the scenario a `crs:`");
    if (!probes.back().extent_problem.empty())
      diagnostics.Warn("a file's stated extent ignored", s.path.string() + ": " + probes.back().extent_problem);
  }

  // An OSM file is read again (at most once each) when what it holds turns out otherwise than
  // its header said: stated bounds that place the map far from its features, or ids GDAL's fast
  // node index cannot take.
  for (std::size_t attempt = 0;; ++attempt) {
    core::Diagnostics read_diagnostics = diagnostics;
    try {
      CityModel city = ReadSources(options, roles, probes, read_diagnostics);
      if (attempt <= probes.size() && ChooseAgainFromOsmFeatures(options, city, probes, diagnostics)) continue;
      diagnostics = std::move(read_diagnostics);
      return city;
    } catch (const detail::OsmIdsNotIncreasing& e) {
      const auto it = std::find_if(probes.begin(), probes.end(),
                                   [&](const detail::SourceProbe& p) { return p.osm.get() == e.dataset; });
      const CitySource& source = options.sources.at(static_cast<std::size_t>(it - probes.begin()));
      if (attempt > probes.size()) {
        diagnostics = std::move(read_diagnostics);
        throw core::InputError(source.path.string(), "", "the file is damaged: its node ids cannot be indexed");
      }
      it->osm = detail::OpenOsm(source, detail::OsmIndex::sqlite);
    } catch (...) {
      diagnostics = std::move(read_diagnostics);  // what was said before the error is printed with it
      throw;
    }
  }
}

}  // namespace geo
