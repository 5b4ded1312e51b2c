// CityGML 1.0/2.0 (LoD1/LoD2) through libcitygml: GDAL's GML driver does not reach the nested
// surfaces. Objects become features exactly as CityJSON ones do (geo/city_objects.h): z stays
// in the file's vertical datum, x/y are reprojected into the frame, semantic surfaces
// (WallSurface, RoofSurface, GroundSurface...) give the triangles their class.
#include <citygml/citygml.h>
#include <citygml/citygmllogger.h>
#include <citygml/citymodel.h>
#include <citygml/cityobject.h>
#include <citygml/envelope.h>
#include <citygml/geometry.h>
#include <citygml/implictgeometry.h>
#include <citygml/linearring.h>
#include <citygml/polygon.h>

#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/util/XMLString.hpp>

#include "core/ascii_case.h"
#include "core/error.h"
#include "core/limits.h"
#include "geo/city_objects.h"
#include "geo/footprint.h"
#include "geo/gdal_util.h"
#include "geo/source_util.h"

namespace geo::detail {
namespace {

using Type = citygml::CityObject::CityObjectsType;

// libcitygml's messages, kept for our own error and warnings instead of its stdout logger.
class CollectingLogger : public citygml::CityGMLLogger {
 public:
  CollectingLogger() : CityGMLLogger(LOGLEVEL::LL_WARNING) {}
  void log(LOGLEVEL level, const std::string& message, const char*, int) const override {
    (level >= LOGLEVEL::LL_ERROR ? errors : warnings).push_back(message);
  }
  mutable std::vector<std::string> errors, warnings;
};

// Type names as CityJSON spells them (libcitygml has none for the relief components).
std::string TypeName(const citygml::CityObject& o) {
  switch (o.getType()) {
    case Type::COT_TINRelief: return "TINRelief";
    case Type::COT_MassPointRelief: return "MassPointRelief";
    case Type::COT_BreaklineRelief: return "BreaklineRelief";
    case Type::COT_RasterRelief: return "RasterRelief";
    case Type::COT_Square: return "TransportSquare";
    default: return o.getTypeAsString();
  }
}

// Bounded-by surfaces and openings: part of their parent object's geometry.
bool IsSemanticSurface(Type t) {
  return t == Type::COT_WallSurface || t == Type::COT_RoofSurface || t == Type::COT_GroundSurface ||
         t == Type::COT_ClosureSurface || t == Type::COT_OuterCeilingSurface ||
         t == Type::COT_OuterFloorSurface || t == Type::COT_Door || t == Type::COT_Window;
}

// Indoor (LoD4) objects: nothing a street camera sees.
bool IsInterior(Type t) {
  return t == Type::COT_Room || t == Type::COT_FloorSurface || t == Type::COT_InteriorWallSurface ||
         t == Type::COT_CeilingSurface || t == Type::COT_BuildingFurniture ||
         t == Type::COT_IntBuildingInstallation;
}

// The AdV (German surveying) CRS names, "urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH".
std::string AdvCrs(const std::string& name) {
  static const std::map<std::string, std::string> horizontal = {
      {"ETRS89_UTM31", "25831"}, {"ETRS89_UTM32", "25832"}, {"ETRS89_UTM33", "25833"},
      {"DE_DHDN_3GK2", "31466"}, {"DE_DHDN_3GK3", "31467"}, {"DE_DHDN_3GK4", "31468"},
      {"DE_DHDN_3GK5", "31469"}};
  static const std::map<std::string, std::string> vertical = {
      {"DE_DHHN92_NH", "5783"}, {"DE_DHHN2016_NH", "7837"}, {"DE_DHHN12_NOH", "7699"}};
  const std::string body = name.substr(name.rfind(':') + 1);
  const std::size_t star = body.find('*');
  const auto h = horizontal.find(body.substr(0, star));
  if (h == horizontal.end()) return "";
  std::string crs = "EPSG:" + h->second;
  if (star != std::string::npos)
    if (const auto v = vertical.find(body.substr(star + 1)); v != vertical.end()) crs += "+" + v->second;
  return crs;
}

struct GmlCrs {
  std::string srs_name;  // as written
  std::string wkt;       // "" when it names nothing GDAL knows
};

GmlCrs CrsOfSrsName(const std::string& srs_name, const std::string& file) {
  GmlCrs crs{srs_name, ""};
  if (srs_name.empty()) return crs;
  std::string definition = srs_name;
  if (core::AsciiLower(srs_name).starts_with("urn:adv:crs:")) {
    definition = AdvCrs(srs_name);
  } else {
    // "urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837", "EPSG:25832", ".../EPSG/0/25832":
    // GDAL reads them all; a bare list of codes becomes a compound CRS.
    OGRSpatialReference probe;
    CPLErrorReset();
    if (probe.SetFromUserInput(srs_name.c_str()) != OGRERR_NONE) {
      static const std::regex code(R"(EPSG\D{0,8}?(\d{4,6}))", std::regex::icase);
      std::vector<std::string> codes;
      for (auto it = std::sregex_iterator(srs_name.begin(), srs_name.end(), code);
           it != std::sregex_iterator(); ++it)
        codes.push_back((*it)[1].str());
      definition = codes.empty() ? "" : "EPSG:" + codes[0] + (codes.size() > 1 ? "+" + codes[1] : "");
    }
  }
  if (definition.empty()) return crs;
  try {
    crs.wkt = CrsToWkt(definition, file);
  } catch (const core::InputError&) {
    crs.wkt.clear();
  }
  return crs;
}

// The first srsName in the model: its envelope, else any object's envelope or geometry, else
// the first in the file's tags (`in_text`).
std::string FindSrsName(const citygml::CityModel& model, const std::string& in_text) {
  if (!model.getSRSName().empty()) return model.getSRSName();
  if (!model.getEnvelope().srsName().empty()) return model.getEnvelope().srsName();
  std::function<std::string(const citygml::Geometry&)> in_geometry = [&](const citygml::Geometry& g) {
    if (!g.getSRSName().empty()) return g.getSRSName();
    for (unsigned i = 0; i < g.getGeometriesCount(); ++i)
      if (std::string s = in_geometry(g.getGeometry(i)); !s.empty()) return s;
    return std::string();
  };
  std::function<std::string(const citygml::CityObject&)> in_object = [&](const citygml::CityObject& o) {
    if (!o.getEnvelope().srsName().empty()) return o.getEnvelope().srsName();
    for (unsigned i = 0; i < o.getGeometriesCount(); ++i)
      if (std::string s = in_geometry(o.getGeometry(i)); !s.empty()) return s;
    for (unsigned i = 0; i < o.getChildCityObjectsCount(); ++i)
      if (std::string s = in_object(o.getChildCityObject(i)); !s.empty()) return s;
    return std::string();
  };
  for (const citygml::CityObject* o : model.getRootCityObjects())
    if (std::string s = in_object(*o); !s.empty()) return s;
  return in_text;
}

template <typename Fn>
void ForEachPolygon(const citygml::Geometry& g, const Fn& fn) {
  for (unsigned i = 0; i < g.getPolygonsCount(); ++i) fn(*g.getPolygon(i), g);
  for (unsigned i = 0; i < g.getGeometriesCount(); ++i) ForEachPolygon(g.getGeometry(i), fn);
}

Box2d ModelExtent(const citygml::CityModel& model) {
  Box2d box;
  const citygml::Envelope& e = model.getEnvelope();
  if (e.validBounds()) {
    box.Extend(e.getLowerBound().x, e.getLowerBound().y);
    box.Extend(e.getUpperBound().x, e.getUpperBound().y);
    return box;
  }
  std::function<void(const citygml::CityObject&)> visit = [&](const citygml::CityObject& o) {
    for (unsigned i = 0; i < o.getGeometriesCount(); ++i)
      ForEachPolygon(o.getGeometry(i), [&](const citygml::Polygon& p, const citygml::Geometry&) {
        if (p.exteriorRing())
          for (const TVec3d& v : p.exteriorRing()->getVertices()) box.Extend(v.x, v.y);
      });
    for (unsigned i = 0; i < o.getChildCityObjectsCount(); ++i) visit(o.getChildCityObject(i));
  };
  for (const citygml::CityObject* o : model.getRootCityObjects()) visit(*o);
  return box;
}

// One polygon of an object at one LoD, with the class its semantic surface gives.
struct ObjectPolygon {
  const citygml::Polygon* polygon = nullptr;
  double lod = 0;
  std::optional<Surface> cls;
};

class CityGmlReader {
 public:
  CityGmlReader(const CitySource& source, const CityGmlDocument& document, ReadContext& ctx)
      : source_(source), doc_(document), ctx_(ctx), file_(source.path.string()) {}

  void Read() {
    for (const std::string& w : doc_.warnings) ctx_.diagnostics.Warn("CityGML parser warning", file_ + ": " + w);
    const std::string crs = ResolveSourceCrs(doc_.crs_wkt, source_, ctx_.fallback_crs, ctx_.diagnostics);
    transform_.emplace(crs, ctx_.frame, file_);
    if (transform_->z_unit_assumed())
      ctx_.diagnostics.Warn("z of a model in a feet CRS without vertical CRS taken in feet", file_);
    summary_ = StartSummary(file_, "CityGML");
    summary_.crs = transform_->source_name();
    summary_.extent_source = ModelExtent(*doc_.model);
    first_vertex_ = ctx_.city.vertices.size();
    for (const citygml::CityObject* o : doc_.model->getRootCityObjects()) Visit(*o, "");
    LinkBuildingParts(parts_, building_features_, source_.path.filename().string(), summary_, ctx_.city);
    if (summary_.buildings > 0) per_type_["Building"] = summary_.buildings;  // with those of parts only
    for (const auto& [type, count] : per_type_) summary_.features_per_layer.emplace_back(type, count);
    FinishSummary(summary_, ctx_.city, first_vertex_);
    ctx_.city.sources.push_back(std::move(summary_));
  }

 private:
  // `building`: the id of the Building a BuildingPart belongs to ("" elsewhere). Returns whether
  // the object or one of its parts has a polygon at any LoD.
  bool Visit(const citygml::CityObject& o, const std::string& building) {
    if (IsSemanticSurface(o.getType()) || IsInterior(o.getType())) return false;
    const std::string type = TypeName(o);
    const std::string where = file_ + ": " + type + " " + o.getId();
    if (o.getImplicitGeometryCount() > 0)
      ctx_.diagnostics.Warn("CityGML implicit geometry (template) skipped", where);
    bool has_polygons = false;
    const std::optional<std::uint32_t> fid = AddObject(o, type, where, has_polygons);
    if (fid && o.getType() == Type::COT_Building) building_features_[o.getId()] = *fid;
    if (fid && o.getType() == Type::COT_BuildingPart && !building.empty())
      parts_.push_back({*fid, building});
    // A part written as a city object of its own (no Building around it) stands for its
    // Building, as in CityJSON: counted as one, not left out of every building count.
    if (fid && o.getType() == Type::COT_BuildingPart && building.empty()) {
      Feature& f = ctx_.city.features[*fid];
      f.kind = "building";
      CountHeight(summary_, f.height_source);
      ctx_.diagnostics.Warn("BuildingPart without its Building in the file (counted as a building)", where);
    }
    const std::string parts_of = o.getType() == Type::COT_Building ? o.getId() : building;
    for (unsigned i = 0; i < o.getChildCityObjectsCount(); ++i) {
      const citygml::CityObject& child = o.getChildCityObject(i);
      has_polygons |= Visit(child, child.getType() == Type::COT_BuildingPart ? parts_of : "");
    }
    // A building with neither polygons nor parts that have some (an export that kept only the
    // attributes, or a template left out above) would otherwise vanish from the counts.
    if (!has_polygons && o.getImplicitGeometryCount() == 0)
      ctx_.diagnostics.Warn("CityGML object without geometry skipped", where);
    return has_polygons;
  }

  // The object's polygons: its bounded-by surfaces first (they carry the semantics), then its
  // own geometry. A polygon an lod2Solid refers to by xlink is the surface's own polygon.
  std::vector<ObjectPolygon> CollectPolygons(const citygml::CityObject& o) const {
    std::vector<ObjectPolygon> out;
    std::function<void(const citygml::CityObject&, std::optional<Surface>)> surfaces =
        [&](const citygml::CityObject& s, std::optional<Surface> cls) {
          for (unsigned i = 0; i < s.getGeometriesCount(); ++i) {
            const citygml::Geometry& g = s.getGeometry(i);
            ForEachPolygon(g, [&](const citygml::Polygon& p, const citygml::Geometry&) {
              out.push_back({&p, static_cast<double>(g.getLOD()), cls});
            });
          }
          for (unsigned i = 0; i < s.getChildCityObjectsCount(); ++i) {  // doors, windows
            const citygml::CityObject& c = s.getChildCityObject(i);
            if (IsSemanticSurface(c.getType())) surfaces(c, ClassOfSemanticSurface(TypeName(c)));
          }
        };
    for (unsigned i = 0; i < o.getChildCityObjectsCount(); ++i) {
      const citygml::CityObject& c = o.getChildCityObject(i);
      if (IsSemanticSurface(c.getType())) surfaces(c, ClassOfSemanticSurface(TypeName(c)));
    }
    const std::optional<Surface> type_class = ClassOfObjectType(TypeName(o));
    for (unsigned i = 0; i < o.getGeometriesCount(); ++i) {
      const citygml::Geometry& g = o.getGeometry(i);
      ForEachPolygon(g, [&](const citygml::Polygon& p, const citygml::Geometry& leaf) {
        std::optional<Surface> cls = type_class;
        if (leaf.getType() == citygml::Geometry::GeometryType::GT_Tin) cls = Surface::terrain;
        out.push_back({&p, static_cast<double>(g.getLOD()), cls});
      });
    }
    return out;
  }

  std::optional<std::uint32_t> AddObject(const citygml::CityObject& o, const std::string& type,
                                         const std::string& where, bool& has_polygons) {
    const std::vector<ObjectPolygon> all = CollectPolygons(o);
    has_polygons = !all.empty();
    std::vector<double> lods;
    for (const ObjectPolygon& p : all)
      if (std::find(lods.begin(), lods.end(), p.lod) == lods.end()) lods.push_back(p.lod);
    const LodChoice choice = ChooseLod(lods, source_.lod);
    if (choice.index < 0) return std::nullopt;
    const double lod = lods[choice.index];
    if (!choice.exact)
      ctx_.diagnostics.Warn("object without the requested LoD " + source_.lod + " (nearest LoD used)",
                            where + ": LoD " + LodText(lod));

    // Rings in local coordinates; each distinct source point becomes one mesh vertex.
    points_.clear();
    point_ids_.clear();
    std::vector<std::pair<std::vector<std::vector<std::int64_t>>, std::optional<Surface>>> surfaces;
    std::unordered_set<const citygml::Polygon*> seen;
    Box2d box;
    double min_z = INFINITY, max_z = -INFINITY;
    for (const ObjectPolygon& p : all) {
      if (p.lod != lod || !seen.insert(p.polygon).second || !p.polygon->exteriorRing()) continue;
      std::vector<std::vector<std::int64_t>> rings;
      std::vector<std::shared_ptr<citygml::LinearRing>> gml_rings = {p.polygon->exteriorRing()};
      for (const auto& hole : p.polygon->interiorRings()) gml_rings.push_back(hole);
      for (const auto& r : gml_rings) {
        auto& ring = rings.emplace_back();
        for (const TVec3d& v : r->getVertices()) {
          const std::int64_t id = PointId(v);
          if (id == kUnprojectable) {
            ctx_.diagnostics.Warn("CityGML object with unprojectable vertices skipped", where);
            return std::nullopt;
          }
          if (id == kOutOfRange) {
            ctx_.diagnostics.Warn("CityGML object with vertices outside the supported range skipped "
                                  "(|x|, |y| < 1e7 m, |z| < 1e4 m)", where);
            return std::nullopt;
          }
          if (ring.empty() || ring.back() != id) ring.push_back(id);
          box.Extend(points_[id].x, points_[id].y);
          min_z = std::min(min_z, points_[id].z);
          max_z = std::max(max_z, points_[id].z);
        }
        if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
      }
      surfaces.emplace_back(std::move(rings), p.cls);
    }
    if (surfaces.empty() || box.empty() || !BoxInArea(box, ctx_)) return std::nullopt;

    Feature f;
    f.kind = KindOfObjectType(type);
    f.layer = type;
    f.source = source_.path.filename().string();
    f.source_id = o.getId();
    f.name = o.getAttribute("gml:name");
    f.base_z = min_z;
    f.height_m = max_z - min_z;
    f.height_source = HeightSource::geometry;
    const auto fid = static_cast<std::uint32_t>(ctx_.city.features.size());
    if (o.getType() == Type::COT_Building) CountHeight(summary_, f.height_source);
    CountLod(summary_, lod);
    ++per_type_[type];
    ctx_.city.features.push_back(std::move(f));

    mesh_vertex_.assign(points_.size(), kNoVertex);
    const std::function<const Vec3d&(std::int64_t)> point = [&](std::int64_t i) -> const Vec3d& {
      return points_[i];
    };
    const std::function<std::uint32_t(std::int64_t)> mesh_vertex = [&](std::int64_t i) {
      if (mesh_vertex_[i] == kNoVertex)
        mesh_vertex_[i] = AddVertex(ctx_.city, points_[i].x, points_[i].y, points_[i].z);
      return mesh_vertex_[i];
    };
    for (const auto& [rings, cls] : surfaces) {
      if (rings.empty() || rings[0].size() < 3 ||
          AddPlanarSurface({rings, point, mesh_vertex}, cls, fid, ctx_.city) == 0)
        ctx_.diagnostics.Warn("degenerate CityGML surface skipped", where);
    }
    return fid;
  }

  // The id of a source point in points_ (local x/y, source z); -1 when it cannot be projected.
  std::int64_t PointId(const TVec3d& v) {
    const auto key = std::make_tuple(v.x, v.y, v.z);
    if (const auto it = point_ids_.find(key); it != point_ids_.end()) return it->second;
    double x = v.x, y = v.y;
    if (!transform_->ToLocal(x, y, ctx_.frame) || !std::isfinite(v.z)) return kUnprojectable;
    const double z = v.z * transform_->z_to_metres();
    if (!core::SaneXY(x) || !core::SaneXY(y) || !core::SaneZ(z)) return kOutOfRange;
    points_.push_back({x, y, z});
    const auto id = static_cast<std::int64_t>(points_.size() - 1);
    point_ids_.emplace(key, id);
    return id;
  }

  static constexpr std::int64_t kUnprojectable = -1, kOutOfRange = -2;  // PointId's failures
  static constexpr std::uint32_t kNoVertex = std::numeric_limits<std::uint32_t>::max();
  const CitySource& source_;
  const CityGmlDocument& doc_;
  ReadContext& ctx_;
  std::string file_;
  std::optional<LayerTransform> transform_;
  SourceSummary summary_;
  std::size_t first_vertex_ = 0;
  std::map<std::string, std::size_t> per_type_;
  std::map<std::string, std::uint32_t> building_features_;
  std::vector<PartOfBuilding> parts_;
  // Per object being read:
  std::vector<Vec3d> points_;
  std::map<std::tuple<double, double, double>, std::int64_t> point_ids_;
  std::vector<std::uint32_t> mesh_vertex_;
};

}  // namespace

bool IsCityGml(const std::filesystem::path& path) {
  const std::string name = core::AsciiLower(path.filename().string());
  if (!(name.ends_with(".gml") || name.ends_with(".xml") || name.ends_with(".citygml")))
    return false;
  std::ifstream in(path, std::ios::binary);
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.find("opengis.net/citygml") != std::string::npos;
}

namespace {

// libcitygml misreads an element's text past 1 MiB (1,048,576 characters): a posList that long
// came back with its coordinates shifted, an 85 km sliver or vertices out of range, without a
// word.
constexpr std::size_t kMaxCityGmlText = 1'048'000;

// What the text of a CityGML file says before libcitygml reads it, in one pass over its
// markup (comments, CDATA and element text skipped):
// - a DTD (<!DOCTYPE ...>) before the root element is refused: CityGML is defined by XML
//   Schema and needs none, and Xerces (through libcitygml, which offers no switch) would
//   expand its entities: nested ones without bound (a 1.6 KB file ran for minutes), external
//   ones reading other files on this machine into the geometry;
// - an element text over kMaxCityGmlText characters is refused, with its line;
// - an element with two gml:boundedBy (or gml:Envelope) children is refused: libcitygml frees
//   an envelope twice and the process aborts;
// - two city objects (buildings, parts, roads...) of one gml:id are refused with both lines:
//   libcitygml merges them into one object without a word;
// - the first srsName attribute of any element: libcitygml keeps those of the model, envelopes
//   and geometries, not of a gml:Polygon, where some writers put it.
struct GmlText {
  std::string srs_name;
};

class GmlTextScan {
 public:
  explicit GmlTextScan(const std::string& file) : file_(file) {}

  GmlText Scan(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> block(1 << 20);
    while (in) {
      in.read(block.data(), static_cast<std::streamsize>(block.size()));
      const std::size_t n = static_cast<std::size_t>(in.gcount());
      for (std::size_t i = 0; i < n; ++i) Take(block[i]);
    }
    return result_;
  }

 private:
  static constexpr std::size_t kMaxMarkup = 64 * 1024;  // a start tag's text kept for its attributes

  void Take(char c) {
    if (c == '<' || c == '>') {
      run_ = 0;
      run_line_ = line_;
    } else {
      if (c == '\n') ++line_;
      if (++run_ > kMaxCityGmlText)
        throw core::InputError(file_, "line " + std::to_string(run_line_),
                               "an element's text is over 1,048,000 characters (a posList of a polygon with some "
                               "20,000 vertices?): libcitygml misreads texts past 1 MiB; split the polygon, or "
                               "convert the file to CityJSON");
    }
    switch (state_) {
      case State::text:
        if (c == '<') {
          state_ = State::markup;
          markup_.clear();
          markup_line_ = line_;
          quote_ = 0;
        }
        break;
      case State::markup:
        if (quote_) {
          if (c == quote_) quote_ = 0;
        } else if (c == '"' || c == '\'') {
          quote_ = c;
        } else if (c == '>') {
          EndMarkup();
          state_ = State::text;
          break;
        }
        if (markup_.size() < kMaxMarkup) markup_ += c;
        if (markup_ == "!--") state_ = State::comment, tail_.clear();
        if (markup_ == "![CDATA[") state_ = State::cdata, tail_.clear();
        break;
      case State::comment:
      case State::cdata:
        tail_ += c;
        if (tail_.size() > 3) tail_.erase(0, 1);
        if (tail_ == (state_ == State::comment ? "-->" : "]]>")) state_ = State::text;
        break;
    }
  }

  void EndMarkup() {
    if (markup_.empty() || markup_[0] == '?') return;  // a processing instruction
    if (markup_[0] == '!') {
      if (markup_.starts_with("!DOCTYPE") && !root_seen_)
        throw core::InputError(file_, "line " + std::to_string(markup_line_),
                               "the file declares a DTD (<!DOCTYPE ...>): CityGML needs none, and its entities "
                               "could expand without bound or read other files; remove the declaration");
      return;
    }
    if (markup_[0] == '/') {  // an end tag
      if (bounded_by_.size() > 1) bounded_by_.pop_back();
      return;
    }
    root_seen_ = true;
    const std::size_t name_end = markup_.find_first_of(" \t\r\n/");
    // gml:boundedBy and gml:Envelope, one envelope; bldg:boundedBy (a building's wall and roof
    // surfaces) repeats.
    const std::string name = markup_.substr(0, name_end);
    if ((name == "gml:boundedBy" || name == "gml:Envelope") && ++bounded_by_.back() == 2)
      throw core::InputError(file_, "line " + std::to_string(markup_line_),
                             "a second " + name + " in one element: give each element one envelope (libcitygml "
                             "cannot read two)");
    if (IsCityObject(name)) {
      const std::string id = Attribute("gml:id");
      if (!id.empty()) {
        const auto [first, fresh] = object_ids_.emplace(id, markup_line_);
        if (!fresh)
          throw core::InputError(file_, "line " + std::to_string(markup_line_),
                                 "gml:id '" + id + "' of " + name + " was given before, on line " +
                                     std::to_string(first->second) +
                                     ": the two objects would be merged into one; give each its own id");
      }
    }
    if (result_.srs_name.empty()) result_.srs_name = Attribute("srsName");
    if (markup_.back() != '/') bounded_by_.push_back(0);
  }

  // A CityGML city object's element (any namespace prefix): what libcitygml keys by gml:id.
  static bool IsCityObject(const std::string& name) {
    static const std::set<std::string, std::less<>> kTypes = {
        "Building", "BuildingPart", "Bridge", "BridgePart", "Tunnel", "TunnelPart", "CityFurniture",
        "SolitaryVegetationObject", "PlantCover", "WaterBody", "Road", "Railway", "Track", "Square",
        "LandUse", "ReliefFeature", "TINRelief", "GenericCityObject", "CityObjectGroup"};
    const std::size_t colon = name.find(':');
    return kTypes.contains(std::string_view(name).substr(colon == std::string::npos ? 0 : colon + 1));
  }

  // The value of attribute `key` in the current start tag, "" when it has none.
  std::string Attribute(const std::string& key) const {
    for (std::size_t at = markup_.find(key); at != std::string::npos; at = markup_.find(key, at + 1)) {
      if (at == 0 || !std::isspace(static_cast<unsigned char>(markup_[at - 1]))) continue;
      std::size_t i = at + key.size();
      while (i < markup_.size() && std::isspace(static_cast<unsigned char>(markup_[i]))) ++i;
      if (i >= markup_.size() || markup_[i] != '=') continue;
      ++i;
      while (i < markup_.size() && std::isspace(static_cast<unsigned char>(markup_[i]))) ++i;
      if (i >= markup_.size() || (markup_[i] != '"' && markup_[i] != '\'')) continue;
      const std::size_t end = markup_.find(markup_[i], i + 1);
      if (end != std::string::npos) return markup_.substr(i + 1, end - i - 1);
    }
    return "";
  }

  enum class State { text, markup, comment, cdata };
  const std::string& file_;
  GmlText result_;
  State state_ = State::text;
  std::string markup_, tail_;
  char quote_ = 0;
  std::size_t line_ = 1, markup_line_ = 1, run_ = 0, run_line_ = 1;
  bool root_seen_ = false;
  std::vector<int> bounded_by_{0};  // per open element: its gml:boundedBy / gml:Envelope children so far
  std::unordered_map<std::string, std::size_t> object_ids_;  // a city object's gml:id -> its line
};

}  // namespace

std::shared_ptr<const CityGmlDocument> ParseCityGml(const CitySource& source) {
  const std::string file = source.path.string();
  if (!std::filesystem::exists(source.path)) throw core::InputError(file, "", "file not found");
  const GmlText text = GmlTextScan(file).Scan(source.path);
  citygml::ParserParams params;
  params.tesselate = false;  // rings are triangulated like CityJSON's, in their own plane
  auto logger = std::make_shared<CollectingLogger>();
  std::shared_ptr<const citygml::CityModel> model;
  try {
    model = citygml::load(file, params, logger);
  } catch (const std::exception& e) {
    // libcitygml converts an element's text with std::stoi/stod and lets their exception out:
    // its message is only the function's name.
    const std::string what = e.what();
    if (what == "stoi" || what == "stod" || what == "stoul" || what == "stof")
      throw core::InputError(file, "", "not readable as CityGML: an element that must hold a number (a <lod>, a "
                                       "dimension) is empty or holds something else (libcitygml's " + what + ")");
    throw core::InputError(file, "", "not readable as CityGML: " + what);
  } catch (const xercesc::SAXParseException& e) {  // broken XML: Xerces knows the line
    char* text = xercesc::XMLString::transcode(e.getMessage());
    const std::string message = text ? text : "malformed XML";
    xercesc::XMLString::release(&text);
    throw core::InputError(file, "line " + std::to_string(e.getLineNumber()),
                           "not readable as CityGML (malformed XML): " + message);
  } catch (...) {  // Xerces' other exception types
    throw core::InputError(file, "", "not readable as CityGML (malformed XML)" +
                                         (logger->errors.empty() ? std::string()
                                                                 : ": " + logger->errors.front()));
  }
  if (!model)
    throw core::InputError(file, "", "not readable as CityGML" +
                                         (logger->errors.empty() ? std::string()
                                                                 : ": " + logger->errors.front()));
  auto doc = std::make_shared<CityGmlDocument>();
  doc->model = model;
  doc->warnings = logger->errors;
  doc->warnings.insert(doc->warnings.end(), logger->warnings.begin(), logger->warnings.end());
  const GmlCrs crs = CrsOfSrsName(FindSrsName(*model, text.srs_name), file);
  if (!crs.srs_name.empty() && crs.wkt.empty() && source.crs.empty())
    throw core::InputError(file, "srsName", "unknown CRS '" + crs.srs_name + "'; give the source a `crs:`");
  doc->crs_wkt = crs.wkt;
  doc->extent = ModelExtent(*model);
  if (source.crs.empty())  // srsName="EPSG:4326" over UTM numbers
    if (const std::string why = detail::LonLatExtentProblem(crs.wkt, doc->extent); !why.empty())
      throw core::InputError(file, "srsName", why + " (its srsName '" + crs.srs_name + "'): give the source its CRS with `crs:`");
  return doc;
}

void ReadCityGml(const CitySource& source, const CityGmlDocument& document, ReadContext& ctx) {
  CityGmlReader(source, document, ctx).Read();
}

}  // namespace geo::detail
