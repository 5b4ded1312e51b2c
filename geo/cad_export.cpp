#include "geo/cad_export.h"

#include <fmt/format.h>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/gdal_util.h"

namespace geo {
namespace {

// A label in OGR's feature style language (the DXF driver writes it as a TEXT entity);
// quotes and backslashes would end the string early.
std::string LabelStyle(const std::string& text, double height_m) {
  std::string t;
  for (char c : text) t += (c == '"' || c == '\\') ? '\'' : c;
  return fmt::format("LABEL(f:\"Arial\",t:\"{}\",s:{:g}g,p:7)", t, height_m);
}

}  // namespace

void WriteDxf(const std::filesystem::path& path, const Frame& frame,
              const std::vector<CadEntity>& entities) {
  detail::EnsureGdal();
  const std::string file = path.string();
  core::AtomicOutput output(path);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("DXF");
  if (!driver) throw core::InputError(file, "", "this GDAL has no DXF driver");
  {
    detail::DatasetPtr ds(
        driver->Create(output.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw core::InputError(file, "", "cannot create DXF: " + detail::LastGdalError());
    OGRLayer* layer = ds->CreateLayer("entities", nullptr, wkbUnknown, nullptr);
    if (!layer)
      throw core::InputError(file, "",
                             "cannot create the DXF entities: " + detail::LastGdalError());
    const double ox = frame.origin_x, oy = frame.origin_y;
    for (const CadEntity& e : entities) {
      OGRFeature f(layer->GetLayerDefn());
      f.SetField("Layer", e.layer.c_str());
      if (e.point) {
        OGRPoint p(e.point->x + ox, e.point->y + oy);
        f.SetGeometry(&p);
        if (!e.text.empty()) {
          f.SetField("Text", e.text.c_str());
          f.SetStyleString(LabelStyle(e.text, e.text_height_m).c_str());
        }
      } else if (!e.line.empty()) {
        OGRLineString l;
        for (const Vec2d& v : e.line) l.addPoint(v.x + ox, v.y + oy);
        f.SetGeometry(&l);
      } else {
        // Closed outlines as polylines (not hatches): CAD users want lines they can snap to.
        OGRMultiLineString m;
        for (const Polygon& poly : e.polygons)
          for (const Ring& ring : poly) {
            OGRLineString l;
            for (const Vec2d& v : ring) l.addPoint(v.x + ox, v.y + oy);
            if (!ring.empty()) l.addPoint(ring.front().x + ox, ring.front().y + oy);
            m.addGeometry(&l);
          }
        f.SetGeometry(&m);
      }
      if (layer->CreateFeature(&f) != OGRERR_NONE)
        throw core::InputError(file, e.layer,
                               "cannot write a DXF entity: " + detail::LastGdalError());
    }
    CPLErrorReset();
    ds.reset();  // the DXF driver assembles the file on close
    if (CPLGetLastErrorType() >= CE_Failure)
      throw core::InputError(file, "", "cannot write DXF: " + detail::LastGdalError());
  }
  output.Commit();
}

}  // namespace geo
