// Reading extra vector layers (zones, camera positions) into the frame, and writing result
// layers (cameras, fields of view, blind spots, zones) as a GeoPackage.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/diagnostics.h"
#include "geo/frame.h"
#include "geo/triangulate.h"

namespace geo {

// One feature read into the frame: polygons (local metres) or a point, plus its attributes as
// text.
struct VectorRecord {
  std::vector<Polygon> polygons;
  std::optional<Vec2d> point;
  double z = 0;  // metres: a z in feet (the CRS's unit) is converted
  bool has_z = false;
  // z was in a feet CRS without a vertical CRS, so taken in the horizontal unit (worth a warning).
  bool z_unit_assumed = false;
  std::map<std::string, std::string> attributes;
  std::string where;  // "zones.geojson: feature 3", for messages
  // ReadPolygonFile: a feature without a polygon ("Point", "LineString", "no geometry"), kept
  // (polygons empty) so that its reader can decide: a privacy zone drawn as a point must not
  // vanish with a warning.
  std::string not_polygon;
};

struct PolygonFileOptions {
  std::string own_crs;       // the source's `crs:`: overrides the file's CRS
  std::string fallback_crs;  // for a file without CRS ("" = error)
  std::string layer;         // read only this layer (an error when the file lacks it)
  // Without `layer`: this layer alone when the file has it (a project GeoPackage's "zones"),
  // else every layer that may hold polygons, with a warning when that is more than one.
  std::string default_layer;
};

// Every polygon feature of a vector file, validated and repaired like footprints, and every
// feature without a polygon (`not_polygon` set, with its attributes). An error when the file
// has no feature at all.
std::vector<VectorRecord> ReadPolygonFile(const std::filesystem::path& path, const Frame& frame,
                                          const PolygonFileOptions& options, core::Diagnostics& diagnostics);

// One polygon given as WKT in `crs`; `context` names it in messages (file and line).
// Why `wkt` is not a polygon (or multipolygon) OGR can read; empty when it is. For the scenario
// parser, which names the line.
std::string WktPolygonProblem(const std::string& wkt);

VectorRecord ReadPolygonWkt(const std::string& wkt, const std::string& crs, const Frame& frame,
                            const std::string& context, core::Diagnostics& diagnostics);

// How to read a points file: which layer, which CRS, and for CSV which columns hold positions.
struct PointFileOptions {
  std::string crs;           // the source's own `crs:` (overrides the file's, as for city sources)
  std::string fallback_crs;  // else this (the scenario's); "" = a file without CRS is an error
  std::string layer;         // read only this layer when the file has it, else every point layer
  bool layer_required = false;  // a file without `layer` is an error (the user named it)
  // CSV (no geometry column): the first of these columns present (any case) give the position.
  // Projected columns are in `crs`/`fallback_crs`; geographic ones in EPSG:4326 unless `crs`.
  std::vector<std::string> x_columns, y_columns, lon_columns, lat_columns;
};

// Every point feature of a vector file (cameras, poles); CSV lists with coordinate columns too.
std::vector<VectorRecord> ReadPointFile(const std::filesystem::path& path, const Frame& frame,
                                        const PointFileOptions& options);
std::vector<VectorRecord> ReadPointFile(const std::filesystem::path& path, const Frame& frame,
                                        const std::string& fallback_crs);

// --- writing ---

using FieldValue = std::variant<std::int64_t, double, std::string>;

struct OutputField {
  enum class Type { integer, real, text };
  std::string name;
  Type type = Type::text;
};

struct OutputFeature {
  std::vector<Polygon> polygons;  // local metres; empty for point layers
  Vec2d point;                    // point layers
  std::vector<Vec2d> line;        // line layers (local metres)
  std::vector<double> line_m;     // measure per line vertex (e.g. time in s); empty: no M
  std::vector<FieldValue> values; // one per layer field, in order
};

struct OutputLayer {
  enum class Geometry { point, polygon, line_m };  // line_m: LineStringM (x, y, measure)
  std::string name;
  Geometry geometry = Geometry::polygon;
  std::vector<OutputField> fields;
  std::vector<OutputFeature> features;
  // More features after `features`, a batch at a time (each written and dropped before the
  // next), until it returns false: a layer too big to hold at once, or arriving in parts (the
  // bands of a distributed run). Empty: none.
  std::function<bool(std::vector<OutputFeature>& batch)> more_features{};
};

// Writes all layers into one GeoPackage in the frame's CRS (temp file, then renamed).
void WriteGeoPackage(const std::filesystem::path& path, const Frame& frame,
                     const std::vector<OutputLayer>& layers);

}  // namespace geo
