// Private to geo/: GDAL's OSM driver packs tags without their own column into `other_tags`,
// an hstore-like text: "height"=>"12","building:levels"=>"4".
#pragma once

#include <map>
#include <optional>
#include <string>

#include "geo/footprint.h"

namespace geo::detail {

std::map<std::string, std::string> ParseOtherTags(const std::string& text);

// The value of `key`, if tagged.
std::optional<std::string> Tag(const std::map<std::string, std::string>& tags, const char* key);

// The height tags of an OSM building (height, else building:height; levels...), uninterpreted.
HeightTags OsmHeightTags(const std::map<std::string, std::string>& tags);

}  // namespace geo::detail
