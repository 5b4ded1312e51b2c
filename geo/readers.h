// Private to geo/: the per-format readers LoadCity dispatches to, and what they share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "geo/city_model.h"
#include "geo/city_sources.h"

class GDALDataset;
class OGRGeometry;
namespace citygml {
class CityModel;
}

namespace geo::detail {

// The area of interest in the frame's CRS (absolute coordinates, not local).
struct AreaClip {
  std::shared_ptr<OGRGeometry> polygon;  // what sources are read over (null: everything)
  std::shared_ptr<OGRGeometry> outline;  // an area given as a polygon, else null
  Box2d bounds;                          // absolute frame CRS coordinates
  // One process's share (CityWindow), absolute frame CRS coordinates; empty: everything. A
  // feature is read when it meets the polygon, as without a window, and its box meets the
  // window: a building that meets the area elsewhere still stands in this window's rows (the
  // grid covers the polygon's box). What is cut (a lake, the sea) is cut to the polygon alone,
  // so a feature read is the same triangles with or without a window.
  Box2d window;

  // Whether a feature (frame CRS, absolute) whose box is `box` lies in the window.
  bool InWindow(const Box2d& box) const { return window.empty() || box.Intersects(window); }
  bool InWindow(const OGRGeometry& g) const;
};

struct ReadContext {
  const Frame& frame;
  const CityDefaults& defaults;
  const AreaClip& area;
  std::string fallback_crs;  // scenario CRS assumed for files without one ("" = error)
  core::Diagnostics& diagnostics;
  CityModel& city;  // readers append to the mesh, features and layers
  double max_terrain_nodes = 4e6;  // a DEM's or DSM's mesh: coarser beyond this (GroundOptions::max_nodes)
};

// The source's CRS as WKT: the file's own, else source.crs, else the context's fallback (with
// a warning); throws core::InputError when there is none.
std::string ResolveSourceCrs(const std::string& file_crs_wkt, const CitySource& source,
                             const std::string& fallback_crs, core::Diagnostics& diagnostics);

// How GDAL's OSM driver keeps the nodes: its own index (fast; ids must increase, as in every
// planet extract) for PBF files, SQLite for XML (any ids: an editor's negative ids); SQLite for
// a PBF whose ids turned out not to increase (written from an editor's file).
enum class OsmIndex { by_format, sqlite };
// An OSM file opened as ReadOsm reads it: the probe scans the same dataset, so that a file
// the reader takes is not one the probe cannot place. Throws core::InputError when GDAL's OSM
// driver cannot open it.
std::shared_ptr<GDALDataset> OpenOsm(const CitySource& source, OsmIndex index);
// Thrown while reading an OSM file through GDAL's own node index when its ids do not increase;
// the file is opened again with OsmIndex::sqlite and read from the start.
struct OsmIdsNotIncreasing {
  const GDALDataset* dataset;
};
// Where an OSM file lies (lon/lat): its <bounds> (or PBF header box) when they are valid
// longitudes and latitudes, else the extent of its features (scanned: the file is read once
// more). Throws OsmIdsNotIncreasing.
struct OsmExtent {
  Box2d extent;
  bool from_header = false;
  std::string header_problem;  // why the header's bounds were not used ("" when fine or absent)
};
OsmExtent FindOsmExtent(GDALDataset& dataset);
// Throws OsmIdsNotIncreasing. Its summary's extent_source is the extent of every feature in the
// file (lon/lat), whatever the area or window: LoadCity checks it against the <bounds>.
void ReadOsm(const CitySource& source, GDALDataset& dataset, ReadContext& ctx);
void ReadVectorFootprints(const CitySource& source, ReadContext& ctx);
void ReadCityJson(const CitySource& source, ReadContext& ctx);
// A CityGML file parsed once (libcitygml) when probed, read from memory afterwards.
struct CityGmlDocument {
  std::shared_ptr<const citygml::CityModel> model;
  std::string crs_wkt;  // from the first srsName: the model's, an envelope's or geometry's, else a tag's; "" when none
  Box2d extent;         // source CRS units
  std::vector<std::string> warnings;  // the parser's own
};
// Throws core::InputError when the file is not CityGML libcitygml can read.
std::shared_ptr<const CityGmlDocument> ParseCityGml(const CitySource& source);
void ReadCityGml(const CitySource& source, const CityGmlDocument& document, ReadContext& ctx);
// role terrain: also sets ctx.city.terrain for seating buildings.
void ReadRasterSurface(const CitySource& source, SourceRole role, ReadContext& ctx);

// CRS (WKT) and extent (source CRS units) of a source without loading it, for choosing the
// frame. Throws core::InputError when the file cannot be opened.
struct SourceProbe {
  std::string crs_wkt;  // "" when the file has none
  Box2d extent;
  std::shared_ptr<const CityGmlDocument> citygml;  // CityGML sources: the parsed file
  // OSM sources: the file opened once for the probe and the reader (GDAL's OSM driver builds
  // its SQLite tables and node buffers on every open).
  std::shared_ptr<GDALDataset> osm;
  bool extent_from_osm_header = false;  // extent is the file's <bounds>, not its features'
  std::string extent_problem;           // a warning for the probe's file ("" when none)
};
SourceProbe ProbeSource(const CitySource& source, SourceRole role);

SourceRole ResolveRole(const CitySource& source);
bool IsCityJson(const std::filesystem::path& path);
// .gml/.xml/.citygml files in a CityGML namespace.
bool IsCityGml(const std::filesystem::path& path);
bool IsOsm(const std::filesystem::path& path);

}  // namespace geo::detail
