// A SUMO road network for the scenario: built with SUMO's own tools from the city's
// OpenStreetMap source (osmium cuts the area out as OSM XML, netconvert guesses sidewalks and
// crossings and joins junctions), and the mapping from the network's frame into the scenario's.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "geo/vec.h"

namespace agents {

// Where the SUMO installation lives: $SUMO_HOME, set to /usr/share/sumo when unset (the
// Debian package), so netconvert finds its type maps. Call before running SUMO tools.
std::filesystem::path SumoHome();

struct NetworkBuildOptions {
  std::filesystem::path osm_source;   // .osm or .osm.pbf
  std::vector<double> bbox_lonlat;    // [west, south, east, north]; empty: the whole file
  std::filesystem::path output_dir;   // gets area.osm and network.net.xml
};

// Runs osmium and netconvert; returns the network file. Throws core::InputError naming the
// OSM file with the tool's own message when a tool fails or the area has no streets.
std::filesystem::path BuildNetworkFromOsm(const NetworkBuildOptions& options);

// SUMO network coordinates -> the scenario's local frame. A network's `location` element says
// how it was made: network = projected (projParameter, a PROJ string) + netOffset.
class NetFrame {
 public:
  // Reads the location of `net_file`. A network without a projection ("!") is taken to be in
  // the scenario's CRS already (minus its netOffset). Throws core::InputError for a file that is
  // missing or has no location element.
  static NetFrame Read(const std::filesystem::path& net_file, const geo::Frame& frame);

  // In place; false where the transformation fails.
  bool ToFrame(std::vector<geo::Vec2d>& points) const;
  bool projected() const { return projected_; }

 private:
  NetFrame(geo::CrsTransform transform, double off_x, double off_y, bool projected)
      : transform_(std::move(transform)), net_offset_x_(off_x), net_offset_y_(off_y), projected_(projected) {}
  geo::CrsTransform transform_;
  double net_offset_x_ = 0, net_offset_y_ = 0;
  bool projected_ = true;
};

}  // namespace agents
