// The network's topology and load as a picture (PNG and PDF, cairo): nodes at their map
// positions (cameras where they stand; a node without one between its neighbours), links
// coloured by utilisation, overloaded links in vermillion. Plain structs in: report/ does not
// know net/ or ns-3; the CLI fills these from its results.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

// cairo's drawing context (cairo.h), named here so that users of the plain structs need not see cairo.
typedef struct _cairo cairo_t;

namespace report {

struct DiagramNode {
  std::string id;
  std::string kind;  // camera, switch, router, recorder, centre, access_point, radio
  bool has_position = false;
  double x = 0, y = 0;  // scenario CRS metres
  // Cameras: what they put on the network and on the recorders (the report's camera table).
  double wire_mbps = 0;   // mean on-wire rate of all its streams
  double storage_tb = 0;  // recorded for the retention period, overhead included
};

struct DiagramLink {
  int a = -1, b = -1;  // node indices
  double capacity_mbps = 0;
  double utilisation = 0;   // mean carried / capacity, 0..1
  double offered_mbps = 0;  // mean offered load (labels an overloaded link)
  bool overloaded = false;  // offered above capacity
  bool radio = false;
};

struct NetworkDiagram {
  std::string title;
  std::vector<DiagramNode> nodes;
  std::vector<DiagramLink> links;
  std::vector<std::string> notes;  // lines under the figure (storage, failures)
  double retention_days = 0;
};

// The picture drawn into a PDF page or image at (x, y), `width` points wide (its aspect kept);
// returns the height it took.
double DrawNetworkDiagram(cairo_t* cr, const NetworkDiagram& d, double x, double y, double width);

// Writes both files (each atomically). Throws core::InputError naming a file it cannot write.
void WriteNetworkDiagram(const NetworkDiagram& d, const std::filesystem::path& png,
                         const std::filesystem::path& pdf);

}  // namespace report
