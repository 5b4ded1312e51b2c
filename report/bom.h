// The bill of materials: what a plan needs bought and installed, and what it costs. Cameras by
// model, a mount per camera by its kind (poles by height), and the network equipment of the
// scenario's `network:` section, priced from the catalogue (`accessories:`). Unpriced lines are
// listed with their quantity and no cost, and the total says so.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "report/coverage_outputs.h"
#include "report/network_diagram.h"

namespace report {

struct BomLine {
  std::string category;  // camera, mount, network
  std::string item;      // what to buy: "4 MP bullet, 2.8-12 mm varifocal", "steel pole, 6 m"
  std::string key;       // catalogue model or accessory kind
  double quantity = 0;   // units (TB for recorder disks)
  std::string unit = "pcs";
  std::optional<double> unit_cost;   // nullopt: no price in the catalogue or scenario
  std::vector<std::string> cameras;  // camera ids the line serves
  double Total() const { return unit_cost ? *unit_cost * quantity : 0; }
};

struct BillOfMaterials {
  std::vector<BomLine> lines;
  double total_cost = 0;
  int unpriced_lines = 0;
};

// With the network resolved (`network`, from net/: links, cameras attached by range, map
// positions), the cable runs too: each wired link as the straight line between its ends times
// kCableRouting, plus the drop down each camera's mast; radio links need no cable.
BillOfMaterials BuildBillOfMaterials(const CoverageRun& run, const NetworkDiagram* network = nullptr);

// Street cable follows kerbs, ducts and facades, not the straight line: a planning allowance.
constexpr double kCableRouting = 1.25;
// Copper Ethernet's reach (PoE included): a longer run needs fibre or a switch between; named.
constexpr double kEthernetReachM = 100;

// bom.csv: category,item,key,quantity,unit,unit_cost,total_cost,cameras (RFC 4180 quoting).
void WriteBomCsv(const BillOfMaterials& bom, const std::filesystem::path& path);

}  // namespace report
