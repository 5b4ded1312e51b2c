// Private to geo/: GDAL's OSM driver packs tags without their own column into `other_tags`,
// an hstore-like text: "height"=>"12","building:levels"=>"4".
#pragma once

#include <map>
#include <string>

namespace geo::detail {

std::map<std::string, std::string> ParseOtherTags(const std::string& text);

}  // namespace geo::detail
