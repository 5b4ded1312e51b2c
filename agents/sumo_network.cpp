#include "agents/sumo_network.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/error.h"

namespace agents {
namespace {

struct ToolResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a program (looked up on PATH) with arguments, no shell, capturing its output.
ToolResult RunTool(const std::vector<std::string>& args) {
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0) return {-1, "cannot create a pipe"};
  const pid_t pid = fork();
  if (pid < 0) return {-1, "cannot fork"};
  if (pid == 0) {
    dup2(pipe_fd[1], STDOUT_FILENO);
    dup2(pipe_fd[1], STDERR_FILENO);
    close(pipe_fd[0]);
    close(pipe_fd[1]);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fd[1]);
  ToolResult r;
  std::array<char, 4096> buf;
  ssize_t n;
  while ((n = read(pipe_fd[0], buf.data(), buf.size())) > 0) r.output.append(buf.data(), static_cast<std::size_t>(n));
  close(pipe_fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (r.exit_code == 127 && r.output.empty()) r.output = args[0] + " not found (install the Debian packages sumo and osmium-tool)";
  return r;
}

// The last lines of a tool's output: its own error message, without pages of warnings.
std::string Tail(const std::string& text, std::size_t lines = 6) {
  std::vector<std::string> all;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) all.push_back(line);
  std::string out;
  for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += "\n  " + all[i];
  return out;
}

std::string Number(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

}  // namespace

std::filesystem::path SumoHome() {
  if (const char* home = std::getenv("SUMO_HOME"); home && *home) return home;
  setenv("SUMO_HOME", "/usr/share/sumo", 0);
  return "/usr/share/sumo";
}

std::filesystem::path BuildNetworkFromOsm(const NetworkBuildOptions& o) {
  const std::filesystem::path home = SumoHome();
  const std::string source = o.osm_source.string();
  if (!std::filesystem::exists(o.osm_source)) throw core::InputError(source, "", "file not found");
  std::error_code ec;
  std::filesystem::create_directories(o.output_dir, ec);
  if (ec) throw core::InputError(o.output_dir.string(), "", "cannot create the output folder: " + ec.message());
  const std::filesystem::path osm = o.output_dir / "area.osm";
  const std::filesystem::path net = o.output_dir / "network.net.xml";
  // netconvert reads OSM XML only: osmium cuts the area out of .pbf or .osm and writes XML.
  std::vector<std::string> cut = {"osmium", "extract", "--overwrite", "--no-progress", "-o", osm.string()};
  if (o.bbox_lonlat.size() == 4)
    cut.push_back("--bbox=" + Number(o.bbox_lonlat[0]) + "," + Number(o.bbox_lonlat[1]) + "," +
                  Number(o.bbox_lonlat[2]) + "," + Number(o.bbox_lonlat[3]));
  else
    cut.push_back("--bbox=-180,-90,180,90");
  cut.push_back(source);
  if (const ToolResult r = RunTool(cut); r.exit_code != 0)
    throw core::InputError(source, "", "osmium could not cut the area out:" + Tail(r.output));
  const std::string types = (home / "data/typemap/osmNetconvert.typ.xml").string() + "," +
                            (home / "data/typemap/osmNetconvertPedestrians.typ.xml").string();
  const ToolResult r = RunTool({"netconvert", "--osm-files", osm.string(), "--type-files", types,
                                "--sidewalks.guess", "--crossings.guess", "--junctions.join",
                                "--output.street-names", "--geometry.remove", "--roundabouts.guess",
                                "--tls.guess-signals", "--tls.join", "--remove-edges.isolated",
                                "--keep-edges.components", "1", "--no-warnings",
                                "-o", net.string()});
  if (r.exit_code != 0 || !std::filesystem::exists(net))
    throw core::InputError(source, "", "netconvert could not build a road network:" + Tail(r.output));
  return net;
}

NetFrame NetFrame::Read(const std::filesystem::path& net_file, const geo::Frame& frame) {
  std::ifstream in(net_file);
  if (!in) throw core::InputError(net_file.string(), "", "cannot open the SUMO network");
  // The location element comes first in a network; no need to parse the whole file.
  std::string head(1 << 16, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  std::smatch m;
  if (!std::regex_search(head, m, std::regex(R"(<location\b[^>]*>)")))
    throw core::InputError(net_file.string(), "", "not a SUMO network (no <location> element near the start)");
  const std::string loc = m.str();
  std::smatch off, proj;
  double ox = 0, oy = 0;
  if (std::regex_search(loc, off, std::regex(R"re(netOffset="([^"]*)")re"))) {
    // "x,y", both finite: a NaN offset left every agent at raw network coordinates, far away.
    const std::string text = off[1];
    const char* p = text.c_str();
    char* end = nullptr;
    ox = std::strtod(p, &end);
    const bool first = end != p && *end == ',';
    if (first) {
      p = end + 1;
      oy = std::strtod(p, &end);
    }
    if (!first || end == p || *end != '\0' || !std::isfinite(ox) || !std::isfinite(oy))
      throw core::InputError(net_file.string(), "location", "netOffset '" + text + "' is not two finite numbers 'x,y'");
  }
  std::string projection = "!";
  if (std::regex_search(loc, proj, std::regex(R"re(projParameter="([^"]*)")re"))) projection = proj[1];
  if (projection == "!" || projection.empty())  // no projection: coordinates in the scenario's CRS
    return NetFrame(geo::CrsTransform::ToFrame(frame.crs_wkt, frame), ox, oy, false);
  try {
    return NetFrame(geo::CrsTransform::ToFrame(projection, frame), ox, oy, true);
  } catch (const core::InputError& e) {
    throw core::InputError(net_file.string(), "location", "unknown projection '" + projection + "': " + e.problem());
  }
}

bool NetFrame::ToFrame(std::vector<geo::Vec2d>& points) const {
  for (geo::Vec2d& p : points) {
    p.x -= net_offset_x_;
    p.y -= net_offset_y_;
  }
  return transform_.Apply(points);
}

}  // namespace agents
