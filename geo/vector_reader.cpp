// Building footprints from any OGR vector source (GeoPackage, Shapefile, GeoJSON, FlatGeobuf...)
// with a height or levels attribute.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_set>

#include "core/ascii_case.h"
#include "core/error.h"
#include "geo/footprint.h"
#include "geo/gdal_util.h"
#include "geo/source_util.h"

namespace geo::detail {
namespace {

// Index of the configured attribute (error if missing), else of the first usual name found.
int FindField(OGRFeatureDefn& defn, const std::string& configured,
              std::initializer_list<const char*> usual, const std::string& file,
              const std::string& option) {
  if (!configured.empty()) {
    const int idx = defn.GetFieldIndex(configured.c_str());
    if (idx >= 0) return idx;
    std::string fields;
    for (int i = 0; i < defn.GetFieldCount(); ++i)
      fields += (i ? ", " : "") + std::string(defn.GetFieldDefn(i)->GetNameRef());
    throw core::InputError(file, std::string("layer '") + defn.GetName() + "'",
                           option + " '" + configured + "' is not a field (fields: " + fields + ")");
  }
  for (const char* name : usual)
    for (int i = 0; i < defn.GetFieldCount(); ++i)
      if (core::AsciiLower(defn.GetFieldDefn(i)->GetNameRef()) == core::AsciiLower(name)) return i;
  return -1;
}

std::optional<std::string> FieldText(OGRFeature& f, int idx) {
  if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return std::nullopt;
  return detail::FieldText(f, idx);
}

bool HasPolygons(OGRLayer& layer) {
  const auto type = wkbFlatten(layer.GetGeomType());
  return type == wkbPolygon || type == wkbMultiPolygon || type == wkbUnknown ||
         type == wkbCurvePolygon || type == wkbMultiSurface || type == wkbGeometryCollection;
}

// GDAL's spatial filter (set when an area is given) silently hides broken features (null or
// empty geometry, NaN or absurd coordinates, degenerate rings) along with those truly outside
// the area. A second pass without it runs the same footprint checks on what was hidden: a
// feature that could not be used anywhere is reported as it would be without an area; a usable
// one outside the area stays silent.
void ReportBrokenHiddenByFilter(OGRLayer& layer, const std::unordered_set<GIntBig>& seen,
                                const LayerTransform& transform, const std::string& where,
                                const ReadContext& ctx, core::Diagnostics& diag) {
  layer.SetSpatialFilter(nullptr);
  layer.ResetReading();
  const AreaClip everywhere;
  for (auto& feature : layer) {
    if (seen.count(feature->GetFID())) continue;
    const std::string at = where + " feature " + std::to_string(feature->GetFID());
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (!geometry) {
      diag.Warn("feature without geometry skipped", at);
      continue;
    }
    core::Diagnostics found;
    if (PrepareFootprint(*geometry, transform.ogr(), at, ctx.frame, everywhere, found).empty())
      diag.Merge(found);
  }
}

}  // namespace

void ReadVectorFootprints(const CitySource& source, ReadContext& ctx) {
  const std::string file = source.path.string();
  DatasetPtr ds = OpenDataset(file, GDAL_OF_VECTOR);
  if (!ds) throw core::InputError(file, "", "cannot open as a vector dataset: " + WhyNotOpened(file));

  std::vector<OGRLayer*> layers;
  if (!source.layer.empty()) {
    OGRLayer* layer = ds->GetLayerByName(source.layer.c_str());
    if (!layer) throw core::InputError(file, "", "no layer '" + source.layer + "'" + LayerList(*ds));
    layers.push_back(layer);
  } else {
    // A project GeoPackage holds zones and sightline's own result layers beside the buildings:
    // read as footprints, a zone would stand as a building and block the views over it.
    std::string names;
    for (OGRLayer* layer : ds->GetLayers()) {
      if (!HasPolygons(*layer)) continue;
      const std::string name = core::AsciiLower(layer->GetName());
      if (ds->GetLayerCount() > 1 && (name == "zones" || name == "fov" || name == "visibility" || name == "blind_spots")) {
        ctx.diagnostics.Warn("layer not read as building footprints (its name says it is not; give `layer:` to read it)",
                             file + ": layer '" + layer->GetName() + "'");
        continue;
      }
      layers.push_back(layer);
      names += (names.empty() ? "" : ", ") + std::string(layer->GetName());
    }
    if (layers.empty())
      throw core::InputError(file, "", "no polygon layer to read footprints from" + LayerList(*ds));
    if (layers.size() > 1)
      ctx.diagnostics.Warn("footprints of every polygon layer read (" + names + "): name one with `layer:`", file);
  }

  SourceSummary summary = StartSummary(file, ds->GetDriverName());
  const std::size_t first_vertex = ctx.city.vertices.size();
  for (OGRLayer* layer : layers) {
    const std::string layer_where = "layer '" + std::string(layer->GetName()) + "'";
    const OGRSpatialReference* layer_srs = layer->GetSpatialRef();
    const std::string crs = ResolveSourceCrs(FileCrsWkt(layer_srs), source,
                                             ctx.fallback_crs, ctx.diagnostics);
    LayerTransform transform(crs, ctx.frame, file);
    summary.crs = transform.source_name();
    if (!source.where.empty() && layer->SetAttributeFilter(source.where.c_str()) != OGRERR_NONE)
      throw core::InputError(file, layer_where,
                             "invalid where filter '" + source.where + "': " + LastGdalError());
    transform.SetSpatialFilter(*layer, ctx.area);

    OGRFeatureDefn& defn = *layer->GetLayerDefn();
    const int height_idx = FindField(defn, source.height_attribute,
                                     {"height", "building:height", "measuredHeight", "hoogte",
                                      "building_height", "bldg_height"},
                                     file, "height_attribute");
    const int levels_idx = FindField(defn, source.levels_attribute,
                                     {"building:levels", "levels", "floors", "storeys",
                                      "num_floors", "stories"},
                                     file, "levels_attribute");
    const int min_idx = FindField(defn, source.min_height_attribute,
                                  {"min_height", "building:min_height"}, file,
                                  "min_height_attribute");
    const int name_idx = defn.GetFieldIndex("name");

    OGREnvelope env;
    if (layer->GetExtent(&env, TRUE) == OGRERR_NONE) {
      ExtendByEnvelope(summary.extent_source, env);
    }
    std::size_t kept = 0;
    bool feet_heights_said = false;
    std::unordered_set<GIntBig> seen;
    std::size_t matched = 0;  // features the filters let through
    for (auto& feature : *layer) {
      ++matched;
      if (ctx.area.polygon) seen.insert(feature->GetFID());
      const std::string fid = std::to_string(feature->GetFID());
      const std::string where = file + ": " + layer_where + " feature " + fid;
      const OGRGeometry* geometry = feature->GetGeometryRef();
      if (!geometry) {
        ctx.diagnostics.Warn("feature without geometry skipped", where);
        continue;
      }
      auto polygons = PrepareFootprint(*geometry, transform.ogr(), where, ctx.frame, ctx.area,
                                       ctx.diagnostics);
      if (polygons.empty() || TooLargeForABuilding(polygons, where, ctx.diagnostics)) continue;
      HeightTags tags;
      tags.height = FieldText(*feature, height_idx);
      tags.levels = FieldText(*feature, levels_idx);
      tags.min_height = FieldText(*feature, min_idx);
      tags.bare_number_m = transform.z_to_metres();
      if (tags.bare_number_m != 1 && (tags.height || tags.min_height) && !feet_heights_said) {
        ctx.diagnostics.Warn("heights of a layer in a feet CRS taken in feet (write '12 m' for metres)",
                             file + ": " + layer_where + " (" + transform.source_name() + ")");
        feet_heights_said = true;
      }
      const BuildingHeight height = ResolveHeight(tags, ctx.defaults, where, ctx.diagnostics);
      Feature f;
      f.layer = layer->GetName();
      f.source = source.path.filename().string();
      f.source_id = fid;
      if (auto name = FieldText(*feature, name_idx)) f.name = *name;
      AddBuilding(polygons, std::move(f), height, where, ctx);
      CountHeight(summary, height.source);
      ++kept;
    }
    if (ctx.area.polygon)
      ReportBrokenHiddenByFilter(*layer, seen, transform, file + ": " + layer_where, ctx, ctx.diagnostics);
    else if (!source.where.empty() && matched == 0)  // the filter itself, not a broken file
      ctx.diagnostics.Warn("`where:` matched no building", file + ": " + layer_where + ": " + source.where);
    summary.features_per_layer.emplace_back(layer->GetName(), kept);
  }
  FinishSummary(summary, ctx.city, first_vertex);
  ctx.city.sources.push_back(std::move(summary));
}

}  // namespace geo::detail
