#include "report/bom.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/atomic_file.h"
#include "core/error.h"
#include "report/csv_writer.h"

namespace report {
namespace {

std::optional<double> PriceOf(const scenario::Scenario& s, const std::string& kind) {
  const auto it = s.accessories.find(kind);
  if (it == s.accessories.end()) return std::nullopt;
  return it->second.cost;
}

std::string ItemOf(const scenario::Scenario& s, const std::string& kind,
                   const std::string& fallback) {
  const auto it = s.accessories.find(kind);
  return it == s.accessories.end() ? fallback : it->second.item;
}

void AddCameras(const CoverageRun& run, BillOfMaterials& bom) {
  // One line per model and price (a camera may carry its own cost); custom cameras by optics.
  std::map<std::tuple<std::string, std::string, double>, BomLine> lines;
  for (const sim::Camera& c : run.coverage->cameras()) {
    std::string item, key = c.model;
    if (const auto m = run.scenario.camera_models.find(c.model);
        m != run.scenario.camera_models.end()) {
      item = m->second.description.empty() ? c.model : m->second.description;
    } else {
      key = "custom";
      item = fmt::format("camera {}x{} px, HFOV {:.0f}°{}", c.width_px, c.height_px, c.hfov_deg,
                         c.lens == sim::LensModel::fisheye_equidistant ? " fisheye" : "");
    }
    BomLine& l = lines[{key, item, c.cost}];
    l.category = "camera", l.item = item, l.key = key;
    l.quantity += 1;
    if (c.cost > 0) l.unit_cost = c.cost;
    l.cameras.push_back(c.id);
  }
  for (auto& [k, l] : lines) bom.lines.push_back(std::move(l));
}

// How high a camera hangs above the ground under it: its pole's height, its cable's drop.
double HeightAboveGround(const CoverageRun& run, const sim::Camera& c) {
  return c.position.z - run.city.GroundZ(c.position.x, c.position.y);
}

void AddMounts(const CoverageRun& run, BillOfMaterials& bom) {
  // Poles by height (to 0.5 m, as they are ordered); brackets and masts by kind.
  std::map<std::pair<std::string, double>, BomLine> lines;
  for (const sim::Camera& c : run.coverage->cameras()) {
    const std::string kind = sim::MountName(c.mount);
    const double pole_m =
        c.mount == sim::MountType::pole ? std::max(0.5, std::round(HeightAboveGround(run, c) * 2) / 2) : 0;
    BomLine& l = lines[{kind, pole_m}];
    if (l.quantity == 0) {
      l.category = "mount", l.key = kind;
      const std::string base = ItemOf(run.scenario, kind, kind + " mount");
      l.item = pole_m > 0 ? fmt::format("{}, {:g} m", base, pole_m) : base;
      l.unit_cost = PriceOf(run.scenario, kind);
    }
    l.quantity += 1;
    l.cameras.push_back(c.id);
  }
  for (auto& [k, l] : lines) bom.lines.push_back(std::move(l));
}

void AddNetwork(const CoverageRun& run, BillOfMaterials& bom) {
  if (!run.scenario.network) return;
  const scenario::NetworkSpec& n = *run.scenario.network;
  std::map<std::string, BomLine> lines;
  double storage_tb = 0;
  for (const scenario::NetNodeSpec& node : n.nodes) {
    const std::string kind = scenario::NetNodeKindName(node.kind);
    BomLine& l = lines[kind];
    if (l.quantity == 0) {
      l.category = "network", l.key = kind;
      l.item = ItemOf(run.scenario, kind, kind);
      l.unit_cost = PriceOf(run.scenario, kind);
    }
    l.quantity += 1;
    l.cameras.push_back(node.id);  // the nodes it stands for
    if (node.storage_tb) storage_tb += *node.storage_tb;
  }
  int radio_links = 0;
  std::vector<std::string> radio_ends;
  for (const scenario::NetLinkSpec& link : n.links)
    if (link.medium == scenario::LinkMedium::radio) {
      ++radio_links;
      radio_ends.push_back(link.from + "-" + link.to);
    }
  for (auto& [k, l] : lines) bom.lines.push_back(std::move(l));
  if (radio_links > 0)
    bom.lines.push_back({"network", ItemOf(run.scenario, "radio_link", "point-to-point radio link"),
                         "radio_link", static_cast<double>(radio_links), "pcs",
                         PriceOf(run.scenario, "radio_link"), radio_ends});
  if (storage_tb > 0) {
    std::optional<double> per_tb;
    if (const auto it = run.scenario.accessories.find("recorder");
        it != run.scenario.accessories.end())
      per_tb = it->second.cost_per_tb;
    bom.lines.push_back(
        {"network", "recorder storage (disks)", "recorder_storage", storage_tb, "TB", per_tb, {}});
  }
}

void AddCables(const CoverageRun& run, const NetworkDiagram& network, BillOfMaterials& bom) {
  std::map<std::string, double> drop_m;  // camera id -> its height above the ground
  for (const sim::Camera& c : run.coverage->cameras())
    drop_m[c.id] = std::max(0.0, HeightAboveGround(run, c));
  const auto drop = [&](const DiagramNode& n) {
    const auto it = drop_m.find(n.id);
    return n.kind == "camera" && it != drop_m.end() ? it->second : 0.0;
  };
  double metres = 0;
  int runs = 0, unplaced = 0;
  std::vector<std::string> ends, too_long;
  for (const DiagramLink& l : network.links) {
    if (l.radio || l.a < 0 || l.b < 0) continue;
    const DiagramNode& a = network.nodes[l.a];
    const DiagramNode& b = network.nodes[l.b];
    if (!a.has_position || !b.has_position) {
      ++unplaced;
      continue;
    }
    const double run_m = std::hypot(a.x - b.x, a.y - b.y) * kCableRouting + drop(a) + drop(b);
    metres += run_m;
    if (run_m > kEthernetReachM) too_long.push_back(fmt::format("{}-{} {:.0f} m", a.id, b.id, run_m));
    ++runs;
    ends.push_back(a.id + "-" + b.id);
  }
  if (runs == 0 && unplaced == 0) return;
  std::string item = fmt::format("{} ({} run{}", ItemOf(run.scenario, "cable", "network cable (PoE)"), runs,
                                 runs == 1 ? "" : "s");
  if (unplaced > 0)
    item += fmt::format("; {} more without map positions at both ends, not measured", unplaced);
  if (!too_long.empty())  // copper Ethernet (and PoE) reaches 100 m: fibre or a switch between
    item += fmt::format("; over the {:g} m of Ethernet: {}", kEthernetReachM, fmt::join(too_long, ", "));
  bom.lines.push_back({"network", item + ")", "cable", std::ceil(metres), "m", PriceOf(run.scenario, "cable"), ends});
}

}  // namespace

BillOfMaterials BuildBillOfMaterials(const CoverageRun& run, const NetworkDiagram* network) {
  BillOfMaterials bom;
  AddCameras(run, bom);
  AddMounts(run, bom);
  AddNetwork(run, bom);
  if (network) AddCables(run, *network, bom);
  for (const BomLine& l : bom.lines) {
    bom.total_cost += l.Total();
    if (!l.unit_cost) ++bom.unpriced_lines;
  }
  return bom;
}

void WriteBomCsv(const BillOfMaterials& bom, const std::filesystem::path& path) {
  CsvWriter csv(
      path, {"category", "item", "key", "quantity", "unit", "unit_cost", "total_cost", "cameras"});
  for (const BomLine& l : bom.lines)
    csv.Row({l.category, l.item, l.key, fmt::format("{:g}", l.quantity), l.unit,
             l.unit_cost ? fmt::format("{:.2f}", *l.unit_cost) : "",
             l.unit_cost ? fmt::format("{:.2f}", l.Total()) : "",
             fmt::format("{}", fmt::join(l.cameras, " "))});
  csv.Row(
      {"total", "", "", "", "", "", fmt::format("{:.2f}", bom.total_cost),
       bom.unpriced_lines > 0 ? fmt::format("{} lines without a price", bom.unpriced_lines) : ""});
  csv.Commit();
}

}  // namespace report
