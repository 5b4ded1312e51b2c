#include "geo/vector_io.h"

#include <cpl_csv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <string>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/footprint.h"
#include "geo/gdal_util.h"
#include "geo/source_util.h"

namespace geo {
namespace {

std::map<std::string, std::string> Attributes(OGRFeature& f) {
  std::map<std::string, std::string> out;
  for (int i = 0; i < f.GetFieldCount(); ++i)
    if (f.IsFieldSetAndNotNull(i)) out[f.GetFieldDefnRef(i)->GetNameRef()] = detail::FieldText(f, i);
  return out;
}

// "Point", "LineString", "GeometryCollection": the names GeoJSON and WKT use.
std::string GeometryName(const OGRGeometry& g) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: return "Point";
    case wkbLineString: return "LineString";
    case wkbPolygon: return "Polygon";
    case wkbMultiPoint: return "MultiPoint";
    case wkbMultiLineString: return "MultiLineString";
    case wkbMultiPolygon: return "MultiPolygon";
    case wkbGeometryCollection: return "GeometryCollection";
    default: return OGRGeometryTypeToName(g.getGeometryType());
  }
}

// The source's own `crs:` (it overrides the file's, as for city sources), else the file's
// (checked against its coordinates), else `fallback`.
std::string LayerCrs(GDALDataset& ds, OGRLayer& layer, const std::string& own, const std::string& fallback,
                     const std::string& file) {
  if (!own.empty()) return CrsToWkt(own, file);
  std::string wkt = detail::FileCrsWkt(layer.GetSpatialRef());
  if (OGREnvelope e; !wkt.empty() && layer.GetExtent(&e, TRUE) == OGRERR_NONE) {
    Box2d extent;
    detail::ExtendByEnvelope(extent, e);
    detail::CheckLonLatExtent(ds, layer, extent, wkt, file, fallback.rfind("EPSG:", 0) == 0 ? fallback : "");
  }
  if (!wkt.empty()) return wkt;
  if (!fallback.empty()) return CrsToWkt(fallback, file);
  throw core::InputError(file, "", "the file has no CRS; give it a `crs:` in the scenario");
}

}  // namespace

std::vector<VectorRecord> ReadPolygonFile(const std::filesystem::path& path, const Frame& frame,
                                          const PolygonFileOptions& o, core::Diagnostics& diagnostics) {
  const std::string file = path.string();
  detail::DatasetPtr ds = detail::OpenDataset(file, GDAL_OF_VECTOR);
  if (!ds) throw core::InputError(file, "", "cannot open as a vector dataset: " + detail::WhyNotOpened(file));
  std::vector<OGRLayer*> layers;
  if (!o.layer.empty()) {
    OGRLayer* layer = ds->GetLayerByName(o.layer.c_str());
    if (!layer) throw core::InputError(file, "", "no layer '" + o.layer + "'" + detail::LayerList(*ds));
    layers.push_back(layer);
  } else if (OGRLayer* layer = o.default_layer.empty() ? nullptr : ds->GetLayerByName(o.default_layer.c_str())) {
    layers.push_back(layer);
  } else {
    // Every layer: the polygons of each, and the features without one, so that a privacy zone
    // drawn as a point in a layer of its own is refused, not left unread.
    std::string names;
    int polygon_layers = 0;
    for (OGRLayer* layer : ds->GetLayers()) {
      layers.push_back(layer);
      const OGRwkbGeometryType type = wkbFlatten(layer->GetGeomType());
      if (type == wkbPoint || type == wkbMultiPoint || type == wkbLineString || type == wkbMultiLineString) continue;
      ++polygon_layers;
      names += (names.empty() ? "" : ", ") + std::string(layer->GetName());
    }
    if (polygon_layers > 1)
      diagnostics.Warn("polygons of every layer read (" + names + "): name one with `layer:`", file);
  }
  std::vector<VectorRecord> out;
  const detail::AreaClip everywhere;
  const bool several_layers = ds->GetLayerCount() > 1;
  for (OGRLayer* layer : layers) {
    const detail::LayerTransform t(LayerCrs(*ds, *layer, o.own_crs, o.fallback_crs, file), frame, file);
    const std::string in_layer = several_layers ? ": layer " + std::string(layer->GetName()) : "";
    for (auto& f : *layer) {
      const std::string where = file + in_layer + ": feature " + std::to_string(f->GetFID());
      const OGRGeometry* g = f->GetGeometryRef();
      auto type = g ? wkbFlatten(g->getGeometryType()) : wkbNone;
      std::unique_ptr<OGRGeometry> as_multipolygon;  // a collection of polygons only is a multipolygon
      if (type == wkbGeometryCollection) {
        as_multipolygon.reset(OGRGeometryFactory::forceToMultiPolygon(g->clone()));
        if (as_multipolygon && wkbFlatten(as_multipolygon->getGeometryType()) == wkbMultiPolygon) {
          g = as_multipolygon.get();
          type = wkbMultiPolygon;
        }
      }
      if (type != wkbPolygon && type != wkbMultiPolygon && type != wkbCurvePolygon && type != wkbMultiSurface) {
        VectorRecord r;
        r.where = where;
        r.not_polygon = !g ? "no geometry" : g->IsEmpty() ? "an empty geometry" : GeometryName(*g);
        r.attributes = Attributes(*f);
        out.push_back(std::move(r));
        continue;
      }
      VectorRecord r;
      r.where = where;
      r.polygons = detail::PrepareFootprint(*g, t.ogr(), r.where, frame, everywhere, diagnostics);
      if (r.polygons.empty()) continue;
      r.attributes = Attributes(*f);
      out.push_back(std::move(r));
    }
  }
  if (out.empty()) throw core::InputError(file, "", "no usable polygon in the file");
  return out;
}

std::string WktPolygonProblem(const std::string& wkt) {
  detail::EnsureGdal();
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw) != OGRERR_NONE || !raw)
    return "not a valid WKT polygon: '" + wkt.substr(0, 80) + "'";
  std::unique_ptr<OGRGeometry> g(raw);
  const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
  if (type != wkbPolygon && type != wkbMultiPolygon)
    return std::string("not a polygon but a ") + OGRGeometryTypeToName(type) + ": '" + wkt.substr(0, 80) + "'";
  // GDAL reads a ring whose last point is not its first, and gives it no area.
  const auto unclosed = [](const OGRPolygon& polygon) {
    for (const OGRLinearRing* ring : polygon)
      if (ring->getNumPoints() > 0 && !ring->get_IsClosed()) return true;
    return false;
  };
  const bool open = type == wkbPolygon ? unclosed(*g->toPolygon())
                                       : std::any_of(g->toMultiPolygon()->begin(), g->toMultiPolygon()->end(),
                                                     [&](const OGRPolygon* p) { return unclosed(*p); });
  if (open)
    return "a ring of the polygon is not closed (its last point must repeat its first): '" + wkt.substr(0, 80) + "'";
  if (!detail::EnclosesArea(*g))  // a bow tie is repaired later, not refused: its signed areas cancel
    return "the polygon is empty or encloses no area: '" + wkt.substr(0, 80) + "'";
  return "";
}

VectorRecord ReadPolygonWkt(const std::string& wkt, const std::string& crs, const Frame& frame,
                            const std::string& context, core::Diagnostics& diagnostics) {
  detail::EnsureGdal();
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw) != OGRERR_NONE || !raw)
    throw core::InputError(context, "", "not a valid WKT polygon: '" + wkt.substr(0, 80) + "'");
  std::unique_ptr<OGRGeometry> g(raw);
  const detail::LayerTransform t(CrsToWkt(crs, context), frame, context);
  VectorRecord r;
  r.where = context;
  r.polygons = detail::PrepareFootprint(*g, t.ogr(), context, frame, detail::AreaClip{}, diagnostics);
  if (r.polygons.empty()) throw core::InputError(context, "", "the polygon is empty or degenerate");
  return r;
}

namespace {

bool SameName(const std::string& a, const std::string& b) { return EQUAL(a.c_str(), b.c_str()); }

// The first of `names` among the layer's fields, "" if none.
std::string FirstColumn(OGRLayer& layer, const std::vector<std::string>& names) {
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (const std::string& name : names)
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      if (SameName(defn->GetFieldDefn(i)->GetNameRef(), name)) return defn->GetFieldDefn(i)->GetNameRef();
  return "";
}

// A CSV list without geometry is reopened with its coordinate columns as the geometry (GDAL's
// X_POSSIBLE_NAMES); the CRS follows the columns: lon/lat are EPSG:4326 unless the source says.
struct CsvPoints {
  detail::DatasetPtr ds;
  detail::DatasetPtr plain;  // the same file with every column as text, to quote a bad value
  std::string crs;
  std::string x_column, y_column;  // the columns that give the position
};

// GDAL's CSV driver drops the fields of a row past the header's without a word; in a camera
// list they mean a value with an unquoted separator ("Brivibas iela, 12") that shifted every
// column after it. Rows are read with GDAL's own CSV tokenizer; trailing empty fields (a
// separator at the end of the line, as spreadsheets write) are allowed.
// Returns the names GDAL gives the header's unnamed columns ("field_4" for an empty 4th), so
// that their empty values are not taken for attributes.
std::set<std::string> CheckCsvRowWidths(const std::string& file) {
  VSILFILE* fp = VSIFOpenL(file.c_str(), "rb");
  if (!fp) return {};  // the driver opened it: its own errors say why not
  const char* first_line = CPLReadLineL(fp);
  const char separator[2] = {first_line ? CSVDetectSeperator(first_line) : ',', '\0'};
  VSIRewindL(fp);
  const auto next_row = [&] { return CPLStringList(CSVReadParseLine3L(fp, 0, separator, true, false, false, true)); };
  const CPLStringList header_row = next_row();
  const int header = header_row.size();
  std::set<std::string> unnamed;
  for (int i = 0; i < header; ++i)
    if (header_row[i][0] == '\0') unnamed.insert("field_" + std::to_string(i + 1));
  int line = 1, fields = 0;
  for (CPLStringList row = next_row(); row.List() != nullptr && fields == 0; row = next_row()) {
    ++line;
    for (int i = header; i < row.size() && fields == 0; ++i)
      if (row[i][0] != '\0') fields = row.size();
  }
  VSIFCloseL(fp);
  if (fields > 0)
    throw core::InputError(file + ": line " + std::to_string(line), "",
                           "the row has " + std::to_string(fields) + " fields, the header " + std::to_string(header) +
                               " (is a value with a '" + separator + "' in it not quoted?)");
  return unnamed;
}

CsvPoints OpenCsvPoints(const std::string& file, detail::DatasetPtr plain, const PointFileOptions& o) {
  OGRLayer* layer = plain->GetLayer(0);
  if (!layer) throw core::InputError(file, "", "the CSV file has no rows");
  std::string x = FirstColumn(*layer, o.lon_columns), y = FirstColumn(*layer, o.lat_columns);
  std::string crs = o.crs.empty() ? std::string("EPSG:4326") : o.crs;
  const std::string x_column = FirstColumn(*layer, o.x_columns), y_column = FirstColumn(*layer, o.y_columns);
  // lon/lat columns left empty in every row, beside x/y columns: the x/y are the position.
  const auto lon_lat_empty = [&] {
    const int lon = layer->GetLayerDefn()->GetFieldIndex(x.c_str()), lat = layer->GetLayerDefn()->GetFieldIndex(y.c_str());
    bool empty = true;
    for (auto& f : *layer)
      for (int i : {lon, lat}) empty = empty && (!f->IsFieldSetAndNotNull(i) || *f->GetFieldAsString(i) == '\0');
    layer->ResetReading();
    return empty;
  };
  if (!x.empty() && !y.empty() && !x_column.empty() && !y_column.empty() && lon_lat_empty()) x.clear(), y.clear();
  if (x.empty() || y.empty()) {
    x = x_column, y = y_column;
    crs = !o.crs.empty() ? o.crs : o.fallback_crs;
  }
  if (x.empty() || y.empty()) {
    std::string found;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) found += (i ? ", " : "") + std::string(defn->GetFieldDefn(i)->GetNameRef());
    throw core::InputError(file, "header", "no position columns: expected x and y (or lon and lat), found " + found);
  }
  if (crs.empty())
    throw core::InputError(file, "", "columns " + x + ", " + y + " have no CRS; give the source a `crs:` or the scenario one");
  const std::string xs = "X_POSSIBLE_NAMES=" + x, ys = "Y_POSSIBLE_NAMES=" + y;
  // The position columns stay as fields, so a row whose position GDAL could not read is named
  // with its column and text (they are dropped from the attributes below).
  const char* options[] = {xs.c_str(), ys.c_str(), "KEEP_GEOM_COLUMNS=YES", nullptr};
  CPLErrorReset();
  detail::DatasetPtr ds(static_cast<GDALDataset*>(
      GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options, nullptr)));
  if (!ds) throw core::InputError(file, "", "cannot open as CSV: " + detail::LastGdalError());
  return {std::move(ds), std::move(plain), CrsToWkt(crs, file), x, y};
}

}  // namespace

std::vector<VectorRecord> ReadPointFile(const std::filesystem::path& path, const Frame& frame,
                                        const std::string& fallback_crs) {
  PointFileOptions o;
  o.fallback_crs = fallback_crs;
  return ReadPointFile(path, frame, o);
}

std::vector<VectorRecord> ReadPointFile(const std::filesystem::path& path, const Frame& frame,
                                        const PointFileOptions& o) {
  const std::string file = path.string();
  detail::DatasetPtr ds = detail::OpenDataset(file, GDAL_OF_VECTOR);
  if (!ds) throw core::InputError(file, "", "cannot open as a vector dataset: " + detail::WhyNotOpened(file));
  std::string csv_crs, x_column, y_column;
  detail::DatasetPtr plain;
  const bool csv = SameName(ds->GetDriver()->GetDescription(), "CSV");
  std::set<std::string> unnamed_columns;
  if (csv) unnamed_columns = CheckCsvRowWidths(file);
  if (csv && ds->GetLayerCount() > 0 && ds->GetLayer(0)->GetGeomType() == wkbNone) {
    CsvPoints points = OpenCsvPoints(file, std::move(ds), o);
    ds = std::move(points.ds);
    csv_crs = points.crs;
    plain = std::move(points.plain);
    x_column = points.x_column;
    y_column = points.y_column;
  }
  std::vector<OGRLayer*> layers;
  for (OGRLayer* layer : ds->GetLayers())
    if (!o.layer.empty() && SameName(layer->GetName(), o.layer)) layers = {layer};
  if (layers.empty() && o.layer_required)
    throw core::InputError(file, "layer", "no layer '" + o.layer + "'" + detail::LayerList(*ds));
  // Without the named layer: every layer that may hold points (a GeoPackage's polygon layer of
  // zones beside them is not a list of points).
  if (layers.empty())
    for (OGRLayer* layer : ds->GetLayers()) {
      const OGRwkbGeometryType type = wkbFlatten(layer->GetGeomType());
      if (type == wkbPoint || type == wkbMultiPoint || type == wkbUnknown || type == wkbNone) layers.push_back(layer);
    }
  std::vector<VectorRecord> out;
  for (OGRLayer* layer : layers) {
    const std::string crs =
        !csv_crs.empty() ? csv_crs : LayerCrs(*ds, *layer, o.crs, o.fallback_crs, file);
    const detail::LayerTransform t(crs, frame, file);
    const bool by_row = csv;  // CSV rows are numbered from the header line
    const int field_count = layer->GetLayerDefn()->GetFieldCount();
    for (auto& f : *layer) {
      const std::string where = by_row ? file + ": line " + std::to_string(f->GetFID() + 1)
                                       : file + ": feature " + std::to_string(f->GetFID());
      // A short row: GDAL leaves the missing trailing fields unset (an empty field is set, to "").
      if (csv && field_count > 0 && !f->IsFieldSet(field_count - 1)) {
        int given = 0;
        while (given < field_count && f->IsFieldSet(given)) ++given;
        throw core::InputError(where, "", "the row has " + std::to_string(given) + " of the header's " +
                                              std::to_string(field_count) + " fields");
      }
      const OGRGeometry* g = f->GetGeometryRef();
      if (csv && !x_column.empty()) {
        // A position GDAL could not read (text, empty, nan, inf) leaves the row without a point.
        // GDAL types the position columns as numbers: the text comes from the plain reading.
        std::unique_ptr<OGRFeature> raw(g ? nullptr : plain->GetLayer(0)->GetFeature(f->GetFID()));
        for (const std::string& column : {x_column, y_column}) {
          OGRFeature& row = raw ? *raw : *f;
          const int i = row.GetFieldIndex(column.c_str());
          const std::string text = i >= 0 && row.IsFieldSetAndNotNull(i) ? row.GetFieldAsString(i) : "";
          char* end = nullptr;
          const double v = std::strtod(text.c_str(), &end);
          if (text.empty()) throw core::InputError(where, column, "empty; a position is needed");
          if (end == text.c_str() || *end != '\0' || !std::isfinite(v))
            throw core::InputError(where, column, "not a finite number: '" + text.substr(0, 40) + "'");
        }
      }
      if (!g) throw core::InputError(where, "", "the feature has no point geometry");
      // QGIS often saves points as MultiPoint layers: one point in a MultiPoint is that point.
      if (wkbFlatten(g->getGeometryType()) == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1)
        g = g->toMultiPoint()->getGeometryRef(0);
      if (wkbFlatten(g->getGeometryType()) != wkbPoint)
        throw core::InputError(where, "", std::string("the feature is a ") + OGRGeometryTypeToName(g->getGeometryType()) +
                                              "; each feature must be one point (name the layer of the points with `layer:`)");
      const OGRPoint* p = g->toPoint();
      VectorRecord r;
      r.where = where;
      double x = p->getX(), y = p->getY();
      if (!std::isfinite(x) || !std::isfinite(y) || !t.ToLocal(x, y, frame))
        throw core::InputError(r.where, "", "point cannot be placed in the scenario CRS");
      r.point = Vec2d{x, y};
      r.has_z = p->Is3D();
      // A State Plane layer's z is in feet as its x and y are (unless a vertical CRS says not).
      r.z = p->getZ() * t.z_to_metres();
      r.z_unit_assumed = r.has_z && t.z_unit_assumed();
      r.attributes = Attributes(*f);
      // Kept only to name a bad row; the other position columns stay (for a cross-check).
      r.attributes.erase(x_column);
      r.attributes.erase(y_column);
      for (const std::string& column : unnamed_columns)
        if (auto it = r.attributes.find(column); it != r.attributes.end() && it->second.empty()) r.attributes.erase(it);
      out.push_back(std::move(r));
    }
  }
  return out;
}

namespace {

OGRPolygon ToOgr(const Polygon& polygon, const Frame& frame) {
  OGRPolygon out;
  for (const Ring& ring : polygon) {
    OGRLinearRing r;
    for (const Vec2d& p : ring) r.addPoint(p.x + frame.origin_x, p.y + frame.origin_y);
    r.closeRings();
    out.addRing(&r);
  }
  return out;
}

}  // namespace

namespace {
void WriteGeoPackageFile(const std::filesystem::path& path, const Frame& frame, const std::vector<OutputLayer>& layers);
}  // namespace

void WriteGeoPackage(const std::filesystem::path& path, const Frame& frame,
                     const std::vector<OutputLayer>& layers) {
  try {
    WriteGeoPackageFile(path, frame, layers);
  } catch (const core::InputError& e) {
    // SQLite reports a full disk as whatever statement failed next ("no such table:
    // gpkg_geometry_columns"): say what the folder has left.
    std::error_code ec;
    const auto space = std::filesystem::space(path.parent_path().empty() ? "." : path.parent_path(), ec);
    if (ec || space.available > (std::uintmax_t{1} << 20)) throw;
    throw core::InputError(e.file(), e.where(),
                           e.problem() + " (the disk is full: " + std::to_string(space.available / 1024) + " kB left)");
  }
}

namespace {

void WriteGeoPackageFile(const std::filesystem::path& path, const Frame& frame, const std::vector<OutputLayer>& layers) {
  detail::EnsureGdal();
  const std::string file = path.string();
  core::AtomicOutput output(path);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  {
    detail::DatasetPtr ds(driver->Create(output.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw core::InputError(file, "", "cannot create GeoPackage: " + detail::LastGdalError());
    OGRSpatialReference srs = detail::SpatialRefFromWkt(frame.crs_wkt);
    // One transaction for the whole file: GeoPackage writes are slow feature by feature.
    const bool in_transaction = ds->StartTransaction() == OGRERR_NONE;
    for (const OutputLayer& spec : layers) {
      const OGRwkbGeometryType type = spec.geometry == OutputLayer::Geometry::point    ? wkbPoint
                                      : spec.geometry == OutputLayer::Geometry::line_m ? wkbLineStringM
                                                                                       : wkbMultiPolygon;
      OGRLayer* layer = ds->CreateLayer(spec.name.c_str(), &srs, type, nullptr);
      if (!layer) throw core::InputError(file, spec.name, "cannot create layer: " + detail::LastGdalError());
      for (const OutputField& field : spec.fields) {
        OGRFieldDefn defn(field.name.c_str(), field.type == OutputField::Type::integer ? OFTInteger64
                                              : field.type == OutputField::Type::real  ? OFTReal
                                                                                       : OFTString);
        if (layer->CreateField(&defn) != OGRERR_NONE)
          throw core::InputError(file, spec.name, "cannot create field " + field.name);
      }
      const auto write = [&](const OutputFeature& of) {
        OGRFeature f(layer->GetLayerDefn());
        for (std::size_t i = 0; i < of.values.size() && i < spec.fields.size(); ++i)
          std::visit([&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>)
              f.SetField(static_cast<int>(i), v.c_str());
            else if constexpr (std::is_same_v<T, std::int64_t>)
              f.SetField(static_cast<int>(i), static_cast<GIntBig>(v));
            else if (std::isnan(v))
              f.SetFieldNull(static_cast<int>(i));  // a value the feature does not have
            else
              f.SetField(static_cast<int>(i), v);
          }, of.values[i]);
        if (spec.geometry == OutputLayer::Geometry::point) {
          OGRPoint p(of.point.x + frame.origin_x, of.point.y + frame.origin_y);
          f.SetGeometry(&p);
        } else if (spec.geometry == OutputLayer::Geometry::line_m) {
          OGRLineString line;
          for (std::size_t v = 0; v < of.line.size(); ++v)
            line.addPointM(of.line[v].x + frame.origin_x, of.line[v].y + frame.origin_y,
                           v < of.line_m.size() ? of.line_m[v] : 0.0);
          f.SetGeometry(&line);
        } else {
          OGRMultiPolygon mp;
          for (const Polygon& poly : of.polygons) {
            OGRPolygon p = ToOgr(poly, frame);
            mp.addGeometry(&p);
          }
          f.SetGeometry(&mp);
        }
        if (layer->CreateFeature(&f) != OGRERR_NONE)
          throw core::InputError(file, spec.name, "cannot write feature: " + detail::LastGdalError());
      };
      for (const OutputFeature& of : spec.features) write(of);
      if (spec.more_features)
        for (std::vector<OutputFeature> batch; spec.more_features(batch); batch.clear())
          for (const OutputFeature& of : batch) write(of);
    }
    if (in_transaction && ds->CommitTransaction() != OGRERR_NONE)
      throw core::InputError(file, "", "cannot commit GeoPackage: " + detail::LastGdalError());
    CPLErrorReset();
    ds.reset();  // closed before the rename; a full disk shows up here
    if (CPLGetLastErrorType() >= CE_Failure)
      throw core::InputError(file, "", "cannot write GeoPackage: " + detail::LastGdalError());
  }
  output.Commit();
}

}  // namespace

}  // namespace geo
