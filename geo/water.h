// Private to geo/: water areas from 2D data (OSM natural=water, waterway=riverbank, the sea
// behind a coastline) as flat water surfaces on the ground, so they are no targets and no mounts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "geo/footprint.h"

namespace geo::detail {

// True for OSM area tags that mean open water.
bool IsWaterArea(const std::string& natural, const std::string& waterway, const std::string& landuse);

// Adds the polygons (local metres) as water triangles on the ground. Returns the feature index.
std::uint32_t AddWaterArea(const std::vector<PolygonRings>& polygons, Feature feature, ReadContext& ctx);

// The sea: the parts of `region` (absolute frame CRS coordinates) on the right-hand side of the
// OSM coastline ways (land is on their left), added as water. `coastlines` are line strings in
// absolute frame CRS coordinates; an end where the data stops inside the region is extended
// straight to its border (warned, naming `where`). Returns the sea's area in m2.
double AddSeaFromCoastlines(const std::vector<std::unique_ptr<OGRGeometry>>& coastlines,
                            const OGRGeometry& region, const std::string& where, ReadContext& ctx);

}  // namespace geo::detail
