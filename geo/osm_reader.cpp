// OpenStreetMap .osm / .osm.pbf through GDAL's OSM driver: buildings from the multipolygons
// layer, streets from lines, street lamps and masts from points.
#include <cpl_conv.h>

#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/error.h"
#include "geo/footprint.h"
#include "geo/gdal_util.h"
#include "geo/osm_tags.h"
#include "geo/source_util.h"
#include "geo/water.h"

namespace geo::detail {
namespace {

std::optional<std::string> Field(OGRFeature& f, const char* name) {
  const int idx = f.GetFieldIndex(name);
  if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return std::nullopt;
  return std::string(f.GetFieldAsString(idx));
}

// "way/123", "relation/456", "node/789": the id a mapper can look up. In the multipolygons
// layer osm_id is a relation and osm_way_id a closed way; elsewhere osm_id is the element.
std::string OsmId(OGRFeature& f, const char* element) {
  if (auto way = Field(f, "osm_way_id")) return "way/" + *way;
  if (auto id = Field(f, "osm_id"))
    return (f.GetFieldIndex("osm_way_id") >= 0 ? "relation/" : std::string(element) + "/") + *id;
  return "fid/" + std::to_string(f.GetFID());
}

struct OsmCounts {
  std::size_t buildings = 0, paths = 0, poles = 0, water = 0;
  std::vector<std::unique_ptr<OGRGeometry>> coastlines;  // frame CRS, absolute
};

// A field of the layer, else the same key in other_tags (osmconf.ini decides which).
std::string FieldOrTag(OGRFeature& f, const char* key) {
  if (auto v = Field(f, key)) return *v;
  const auto tags = ParseOtherTags(Field(f, "other_tags").value_or(""));
  return Tag(tags, key).value_or("");
}

// natural=water, waterway=riverbank...: a water surface on the ground (no target, no mount).
void ReadWater(OGRFeature& feature, const std::string& file, const LayerTransform& transform,
               ReadContext& ctx, OsmCounts& counts) {
  if (Field(feature, "building")) return;
  if (!IsWaterArea(FieldOrTag(feature, "natural"), FieldOrTag(feature, "waterway"),
                   FieldOrTag(feature, "landuse")))
    return;
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (!geometry) return;
  const std::string where = file + ": " + OsmId(feature, "way");
  std::unique_ptr<OGRGeometry> g(geometry->clone());
  if (transform.ogr() && g->transform(transform.ogr()) != OGRERR_NONE) return;
  if (ctx.area.polygon) {  // a lake or a bay reaches far beyond the area: keep what is inside
    if (!g->IsValid()) g.reset(g->MakeValid());
    if (!g) return;
    g.reset(g->Intersection(ctx.area.polygon.get()));
    if (!g || g->IsEmpty()) return;
  }
  auto polygons = PrepareFootprint(*g, nullptr, where, ctx.frame, ctx.area, ctx.diagnostics);
  if (polygons.empty()) return;
  Feature f;
  f.layer = "multipolygons";
  f.source = std::filesystem::path(file).filename().string();
  f.source_id = OsmId(feature, "way");
  f.name = Field(feature, "name").value_or("");
  AddWaterArea(polygons, std::move(f), ctx);
  ++counts.water;
}

// Coastline ways (land on their left), whole: the sea is cut from the area afterwards.
void ReadCoastline(OGRFeature& feature, const LayerTransform& transform, OsmCounts& counts) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (!geometry || FieldOrTag(feature, "natural") != "coastline") return;
  std::unique_ptr<OGRGeometry> g(geometry->clone());
  if (transform.ogr() && g->transform(transform.ogr()) != OGRERR_NONE) return;
  counts.coastlines.push_back(std::move(g));
}

// A closed coastline way (an island, a whole coast inside the extract): GDAL's OSM driver
// makes it a polygon, not a line. Its ring goes with the other coastlines, where a closed one
// is land inside, however it is drawn.
void ReadClosedCoastline(OGRFeature& feature, const LayerTransform& transform, OsmCounts& counts) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (!geometry || FieldOrTag(feature, "natural") != "coastline") return;
  auto take = [&](const OGRPolygon& polygon) {
    const OGRLinearRing* ring = polygon.getExteriorRing();
    if (!ring || ring->getNumPoints() < 4) return;
    auto line = std::make_unique<OGRLineString>(*ring);
    if (transform.ogr() && line->transform(transform.ogr()) != OGRERR_NONE) return;
    counts.coastlines.push_back(std::move(line));
  };
  const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
  if (type == wkbPolygon) take(*geometry->toPolygon());
  if (type == wkbMultiPolygon)
    for (const OGRPolygon* polygon : *geometry->toMultiPolygon()) take(*polygon);
}

// The region the sea is cut from: the box of the area (the grid's extent: an area given in
// lon/lat is a turned quadrilateral in the frame, and the grid covers its box, so the sea must
// too, not stop at its slanted edges), else everything read (frame CRS, absolute).
std::unique_ptr<OGRGeometry> SeaRegion(const ReadContext& ctx, const OsmCounts& counts,
                                       std::size_t first_vertex) {
  if (ctx.area.polygon) {
    OGREnvelope env;
    ctx.area.polygon->getEnvelope(&env);
    return std::make_unique<OGRPolygon>(BoxPolygon(env.MinX, env.MinY, env.MaxX, env.MaxY));
  }
  Box2d box;
  for (std::size_t v = first_vertex; v < ctx.city.vertices.size(); ++v)
    box.Extend(ctx.city.vertices[v].x + ctx.frame.origin_x, ctx.city.vertices[v].y + ctx.frame.origin_y);
  for (const auto& c : counts.coastlines) {
    OGREnvelope env;
    c->getEnvelope(&env);
    ExtendByEnvelope(box, env);
  }
  if (box.empty()) return nullptr;
  return std::make_unique<OGRPolygon>(BoxPolygon(box.min_x, box.min_y, box.max_x, box.max_y));
}

void ReadBuilding(OGRFeature& feature, const std::string& file, const LayerTransform& transform,
                  ReadContext& ctx, SourceSummary& summary) {
  auto building = Field(feature, "building");
  if (!building || *building == "no") return;
  const std::string id = OsmId(feature, "way");
  const std::string where = file + ": " + id;
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (!geometry) return;
  auto polygons =
      PrepareFootprint(*geometry, transform.ogr(), where, ctx.frame, ctx.area, ctx.diagnostics);
  if (polygons.empty() || TooLargeForABuilding(polygons, where, ctx.diagnostics)) return;
  const HeightTags h = OsmHeightTags(ParseOtherTags(Field(feature, "other_tags").value_or("")));
  const BuildingHeight height = ResolveHeight(h, ctx.defaults, where, ctx.diagnostics);
  Feature f;
  f.layer = "multipolygons";
  f.source = std::filesystem::path(file).filename().string();
  f.source_id = id;
  f.name = Field(feature, "name").value_or("");
  AddBuilding(polygons, std::move(f), height, where, ctx);
  CountHeight(summary, height.source);
}

bool InArea(const OGRGeometry& g_frame, const AreaClip& area) {
  return (!area.polygon || g_frame.Intersects(area.polygon.get())) && area.InWindow(g_frame);
}

void ReadPath(OGRFeature& feature, const LayerTransform& transform, ReadContext& ctx,
              OsmCounts& counts) {
  auto highway = Field(feature, "highway");
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (!highway || !geometry || wkbFlatten(geometry->getGeometryType()) != wkbLineString) return;
  std::unique_ptr<OGRGeometry> g(geometry->clone());
  if (transform.ogr() && g->transform(transform.ogr()) != OGRERR_NONE) return;
  if (!InArea(*g, ctx.area)) return;
  PathFeature path;
  path.kind = *highway;
  path.source_id = OsmId(feature, "way");
  path.name = Field(feature, "name").value_or("");
  const OGRLineString& line = *g->toLineString();
  for (int i = 0; i < line.getNumPoints(); ++i) {
    const double x = line.getX(i) - ctx.frame.origin_x, y = line.getY(i) - ctx.frame.origin_y;
    if (!std::isfinite(x) || !std::isfinite(y)) return;
    path.points.push_back({static_cast<float>(x), static_cast<float>(y),
                           static_cast<float>(ctx.city.GroundZ(x, y))});
  }
  ctx.city.paths.push_back(std::move(path));
  ++counts.paths;
}

// A building way GDAL put among the lines is not closed (or has two nodes): no footprint, so
// it would vanish without a word.
void WarnOpenBuilding(OGRFeature& feature, const std::string& file, const LayerTransform& transform,
                      ReadContext& ctx) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  // Every line of an extract passes here: look for the key in the raw tags before parsing them.
  if (!geometry || (!Field(feature, "building") &&
                    Field(feature, "other_tags").value_or("").find("\"building\"=>") == std::string::npos))
    return;
  if (FieldOrTag(feature, "building").empty()) return;
  std::unique_ptr<OGRGeometry> g(geometry->clone());
  if (transform.ogr() && g->transform(transform.ogr()) != OGRERR_NONE) return;
  if (!InArea(*g, ctx.area)) return;
  ctx.diagnostics.Warn("building way not closed (a line, no footprint): skipped", file + ": " + OsmId(feature, "way"));
}

void ReadPole(OGRFeature& feature, const LayerTransform& transform, ReadContext& ctx,
              OsmCounts& counts) {
  std::string kind;
  if (Field(feature, "highway").value_or("") == "street_lamp") kind = "street_lamp";
  const std::string man_made = Field(feature, "man_made").value_or("");
  if (man_made == "mast" || man_made == "tower" || man_made == "surveillance") kind = man_made;
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (kind.empty() || !geometry || wkbFlatten(geometry->getGeometryType()) != wkbPoint) return;
  std::unique_ptr<OGRGeometry> g(geometry->clone());
  if (transform.ogr() && g->transform(transform.ogr()) != OGRERR_NONE) return;
  if (!InArea(*g, ctx.area)) return;
  const double x = g->toPoint()->getX() - ctx.frame.origin_x;
  const double y = g->toPoint()->getY() - ctx.frame.origin_y;
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  ctx.city.poles.push_back({kind, OsmId(feature, "node"),
                            {static_cast<float>(x), static_cast<float>(y),
                             static_cast<float>(ctx.city.GroundZ(x, y))}});
  ++counts.poles;
}

}  // namespace

std::shared_ptr<GDALDataset> OpenOsm(const CitySource& source, OsmIndex index) {
  const std::string file = source.path.string();
  // GDAL's own node index takes only increasing positive ids: an XML file saved by an editor
  // (JOSM's new objects have negative ids) read as "damaged". XML files are small enough for
  // the SQLite index; PBF extracts keep the fast one.
  const bool xml = core::AsciiLower(source.path.extension().string()) == ".osm";
  const bool sqlite = index == OsmIndex::sqlite || xml;
  CPLConfigOptionSetter setting("OSM_USE_CUSTOM_INDEXING", sqlite ? "NO" : "YES", false);
  DatasetPtr ds = OpenDataset(file, GDAL_OF_VECTOR);
  if (!ds) throw core::InputError(file, "", "not an OpenStreetMap file GDAL can read: " + WhyNotOpened(file));
  if (std::string(ds->GetDriverName()) != "OSM")
    throw core::InputError(file, "", std::string("not an OpenStreetMap file: GDAL reads it as ") +
                                         ds->GetDriver()->GetDescription() + " (name it after that format)");
  return std::shared_ptr<GDALDataset>(ds.release(), DatasetCloser{});
}

namespace {

// GDAL's own node index stops at the first id that does not increase, and says to use the
// SQLite one instead.
bool IdsNotIncreasing(const std::string& gdal_failure) {
  return gdal_failure.find("OSM_USE_CUSTOM_INDEXING") != std::string::npos;
}

bool ValidLonLat(const OGREnvelope& e) {
  return std::isfinite(e.MinX) && std::isfinite(e.MaxX) && std::isfinite(e.MinY) && std::isfinite(e.MaxY) &&
         -180 <= e.MinX && e.MinX <= e.MaxX && e.MaxX <= 180 && -90 <= e.MinY && e.MinY <= e.MaxY && e.MaxY <= 90;
}

}  // namespace

OsmExtent FindOsmExtent(GDALDataset& ds) {
  OsmExtent found;
  for (OGRLayer* layer : ds.GetLayers()) {  // every layer answers with the file's bounds
    OGREnvelope env;
    if (layer->GetExtent(&env, TRUE) != OGRERR_NONE) continue;
    if (ValidLonLat(env)) {
      ExtendByEnvelope(found.extent, env);
      found.from_header = true;
    } else {
      found.header_problem = fmt::format("its stated bounds (<bounds> or PBF header box: {} {} .. {} {}) are no box of "
                                         "longitudes and latitudes (out of range, or min above max): the extent of "
                                         "its features is used", env.MinX, env.MinY, env.MaxX, env.MaxY);
    }
    break;
  }
  if (found.from_header) return found;
  // Damage other than unordered ids is the reader's to report.
  for (;;) {
    std::unique_ptr<OGRFeature> f;
    {
      FirstGdalFailure reading;
      f.reset(ds.GetNextFeature(nullptr, nullptr, nullptr, nullptr));
      if (reading.failed() && IdsNotIncreasing(reading.message())) throw OsmIdsNotIncreasing{&ds};
    }
    if (!f) break;
    if (const OGRGeometry* g = f->GetGeometryRef()) {
      OGREnvelope env;
      g->getEnvelope(&env);
      ExtendByEnvelope(found.extent, env);
    }
  }
  ds.ResetReading();
  return found;
}

void ReadOsm(const CitySource& source, GDALDataset& ds, ReadContext& ctx) {
  const std::string file = source.path.string();
  ds.ResetReading();
  const LayerTransform transform(CrsToWkt("EPSG:4326", file), ctx.frame, file);
  // No spatial filter: with one, GDAL's OSM driver indexes only the nodes inside it, and cuts
  // every way that crosses the area's edge at its last node inside. Features are cut to the
  // area as they are read.
  // `where:` picks buildings: compiled against the multipolygons layer (where buildings are) and
  // asked of buildings alone, so that it keeps the water and the sea of the same layer.
  std::optional<OGRFeatureQuery> building_filter;
  if (!source.where.empty()) {
    OGRLayer* polygons = ds.GetLayerByName("multipolygons");
    building_filter.emplace();
    if (!polygons || building_filter->Compile(polygons, source.where.c_str()) != OGRERR_NONE)
      throw core::InputError(file, "where", "invalid filter '" + source.where + "': " + LastGdalError());
  }

  SourceSummary summary = StartSummary(file, "OSM");
  summary.crs = transform.source_name();
  const std::size_t first_vertex = ctx.city.vertices.size();
  OsmCounts counts;
  std::size_t buildings_matched = 0;  // by `where:`
  // Dataset-level iteration reads the file once, interleaving layers as the driver emits them.
  std::string damage;  // the driver's first failure while reading (not our geometry work's)
  for (;;) {
    OGRLayer* layer = nullptr;
    std::unique_ptr<OGRFeature> feature;
    {
      FirstGdalFailure reading;
      feature.reset(ds.GetNextFeature(&layer, nullptr, nullptr, nullptr));
      if (reading.failed() && damage.empty()) damage = reading.message();
    }
    if (!feature) break;
    const std::string name = layer ? layer->GetName() : "";
    if (const OGRGeometry* g = feature->GetGeometryRef()) {
      OGREnvelope env;
      g->getEnvelope(&env);
      ExtendByEnvelope(summary.extent_source, env);
    }
    if (name == "multipolygons") {
      if (!building_filter || building_filter->Evaluate(feature.get())) {
        if (building_filter && Field(*feature, "building").value_or("no") != "no") ++buildings_matched;
        ReadBuilding(*feature, file, transform, ctx, summary);
      }
      ReadWater(*feature, file, transform, ctx, counts);
      ReadClosedCoastline(*feature, transform, counts);
    } else if (name == "lines") {
      WarnOpenBuilding(*feature, file, transform, ctx);
      ReadPath(*feature, transform, ctx, counts);
      ReadCoastline(*feature, transform, counts);
    }
    else if (name == "points")
      ReadPole(*feature, transform, ctx, counts);
  }
  // A damaged file (broken XML, a truncated PBF block) ends the features early, which only
  // GDAL's error says: what was read before would pass as the whole city.
  if (IdsNotIncreasing(damage)) throw OsmIdsNotIncreasing{&ds};
  if (!damage.empty()) throw core::InputError(file, "", "the file is damaged: " + damage);
  if (building_filter && buildings_matched == 0)
    ctx.diagnostics.Warn("`where:` matched no building", file + ": " + source.where);
  std::size_t sea_faces = 0;
  if (!counts.coastlines.empty())
    if (auto region = SeaRegion(ctx, counts, first_vertex)) {
      const std::size_t before = ctx.city.features.size();
      AddSeaFromCoastlines(counts.coastlines, *region, file, ctx);
      sea_faces = ctx.city.features.size() - before;
    }
  summary.features_per_layer = {{"multipolygons: buildings", summary.buildings},
                                {"multipolygons: water areas", counts.water},
                                {"lines: coastline ways", counts.coastlines.size()},
                                {"coastline: sea areas", sea_faces},
                                {"lines: highways", counts.paths},
                                {"points: street lamps, masts", counts.poles}};
  FinishSummary(summary, ctx.city, first_vertex);
  ctx.city.sources.push_back(std::move(summary));
}

}  // namespace geo::detail
