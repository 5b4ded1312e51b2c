#include "plan/zone_text.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <sstream>

namespace plan {
namespace {

// A name as a YAML scalar in a flow map: plain when it can be, else double-quoted.
std::string Quoted(const std::string& s) {
  const bool plain = !s.empty() && s.front() != ' ' && s.back() != ' ' &&
                     s.find_first_of(":#,[]{}&*!|>'\"%@`\\") == std::string::npos &&
                     !std::isdigit(static_cast<unsigned char>(s.front())) && s.front() != '-' &&
                     s.front() != '?' && s != "true" && s != "false" && s != "null" && s != "yes" &&
                     s != "no" && s != "on" && s != "off";
  if (plain) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Millimetres, without trailing zeros: 84946.5, 447490.125.
std::string Coordinate(double v) {
  std::string s = fmt::format("{:.3f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string Point(const geo::Vec2d& p, const geo::Frame& f, const char* format) {
  return fmt::format(fmt::runtime(format), Coordinate(p.x + f.origin_x),
                     Coordinate(p.y + f.origin_y));
}

std::string Wkt(const std::vector<geo::Polygon>& polygons, const geo::Frame& f) {
  std::string out = "MULTIPOLYGON(";
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    out += i ? ",(" : "(";
    for (std::size_t r = 0; r < polygons[i].size(); ++r) {
      const geo::Ring& ring = polygons[i][r];
      out += r ? ",(" : "(";
      for (std::size_t k = 0; k <= ring.size(); ++k)  // WKT rings are closed
        out += (k ? "," : "") + Point(ring[k % ring.size()], f, "{} {}");
      out += ")";
    }
    out += ")";
  }
  return out + ")";
}

bool TopLevelKey(const std::string& line) {
  return !line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line[0] != '-' &&
         line[0] != '\r';
}

}  // namespace

std::string ZonesSection(const std::vector<sim::Zone>& zones, const geo::Frame& frame,
                         const sim::DensityLevels& levels) {
  if (zones.empty()) return "zones: []\n";
  std::string out = "zones:\n";
  for (const sim::Zone& z : zones) {
    out += fmt::format("  - {{name: {}, kind: {}", Quoted(z.name), sim::ZoneKindName(z.kind));
    if (z.kind == sim::ZoneKind::priority) {
      if (z.required_level >= 0 && z.required_level < static_cast<int>(levels.levels.size()))
        out += ", dori: " + levels.levels[z.required_level].name;
      out += fmt::format(", k: {}, weight: {:g}", z.required_k, z.weight);
    }
    const bool simple = z.outline.size() == 1 && z.outline[0].size() == 1;
    if (simple) {
      out += ",\n     polygon: [";
      const geo::Ring& ring = z.outline[0][0];
      for (std::size_t k = 0; k < ring.size(); ++k)
        out += (k ? ", " : "") + Point(ring[k], frame, "[{}, {}]");
      out += "]}\n";
    } else {
      out += ",\n     wkt: " + Quoted(Wkt(z.outline, frame)) + "}\n";
    }
  }
  return out;
}

std::string WithTopLevelSection(const std::string& text, const std::string& key,
                                const std::string& section) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::size_t start = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].rfind(key + ":", 0) == 0) {
      start = i;
      break;
    }
  if (start == lines.size()) {
    std::string out = text;
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out + section;
  }
  std::size_t end = start + 1;
  while (end < lines.size() && !TopLevelKey(lines[end])) ++end;
  // Blank lines and column-0 comments right before the next key belong to it.
  while (end > start + 1 && end < lines.size() &&
         (lines[end - 1].empty() || lines[end - 1][0] == '#'))
    --end;
  std::string out;
  for (std::size_t i = 0; i < start; ++i) out += lines[i] + "\n";
  out += section;
  for (std::size_t i = end; i < lines.size(); ++i) out += lines[i] + "\n";
  if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

std::string WithZonesSection(const std::string& text, const std::vector<sim::Zone>& zones,
                             const geo::Frame& frame, const sim::DensityLevels& levels) {
  return WithTopLevelSection(text, "zones", ZonesSection(zones, frame, levels));
}

std::string BackgroundSection(const std::optional<scenario::BackgroundSpec>& background,
                              const std::filesystem::path& scenario_file) {
  if (!background) return "";
  std::filesystem::path file = background->file;
  std::error_code error;  // relative to the scenario's folder when it can be
  const std::filesystem::path relative =
      std::filesystem::relative(file, std::filesystem::absolute(scenario_file).parent_path(), error);
  if (!error && !relative.empty()) file = relative;
  return fmt::format("background: {{file: {}, opacity: {:g}}}\n", Quoted(file.generic_string()),
                     std::round(background->opacity * 100) / 100);
}

}  // namespace plan
