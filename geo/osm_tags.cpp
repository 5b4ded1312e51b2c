#include "geo/osm_tags.h"

namespace geo::detail {
namespace {

// Reads a double-quoted string starting at text[pos] == '"'; handles \" and \\ escapes.
bool ReadQuoted(const std::string& text, std::size_t& pos, std::string& out) {
  if (pos >= text.size() || text[pos] != '"') return false;
  out.clear();
  for (++pos; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '\\' && pos + 1 < text.size()) {
      out += text[++pos];
    } else if (c == '"') {
      ++pos;
      return true;
    } else {
      out += c;
    }
  }
  return false;  // unterminated
}

}  // namespace

std::optional<std::string> Tag(const std::map<std::string, std::string>& tags, const char* key) {
  auto it = tags.find(key);
  if (it == tags.end()) return std::nullopt;
  return it->second;
}

std::map<std::string, std::string> ParseOtherTags(const std::string& text) {
  std::map<std::string, std::string> tags;
  std::size_t pos = 0;
  std::string key, value;
  while (pos < text.size()) {
    if (!ReadQuoted(text, pos, key)) break;
    if (text.compare(pos, 2, "=>") != 0) break;
    pos += 2;
    if (!ReadQuoted(text, pos, value)) break;
    tags[key] = value;
    if (pos < text.size() && text[pos] == ',') ++pos;
  }
  return tags;
}

HeightTags OsmHeightTags(const std::map<std::string, std::string>& tags) {
  HeightTags h;
  h.height = Tag(tags, "height");
  if (!h.height) h.height = Tag(tags, "building:height");
  h.min_height = Tag(tags, "min_height");
  if (!h.min_height) h.min_height = Tag(tags, "building:min_height");
  h.levels = Tag(tags, "building:levels");
  h.min_level = Tag(tags, "building:min_level");
  h.roof_levels = Tag(tags, "roof:levels");
  return h;
}

}  // namespace geo::detail
