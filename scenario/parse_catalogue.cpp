// A catalogue file (catalogue.h): `sightline_catalogue: 1`, `models:` (camera models, as in a
// scenario's `camera_models:`) and `accessories:` (the price list of mounts and equipment).
#include <algorithm>
#include <cctype>

#include "scenario/parser.h"

namespace scenario::detail {

Accessory Parser::AccessoryEntry(const YAML::Node& node, const std::string& key) const {
  const std::string ctx = "accessory '" + key + "'";
  if (!IsAccessoryKey(key))
    Fail(node, "unknown accessory '" + key +
                   "' (mount kinds: wall, pole, roof, ceiling, other; network: switch, "
                   "router, recorder, centre, access_point, radio, radio_link, cable (cost per metre))");
  CheckKeys(node, {"item", "cost", "cost_per_tb"}, ctx);
  Accessory a;
  a.where = file_.filename().string() + " " + Line(node);
  if (!node["item"]) Fail(node, ctx + " needs item: (what it is, for the bill of materials)");
  a.item = Get<std::string>(node["item"], "item");
  if (node["cost"]) a.cost = GetInRange(node["cost"], "cost", 0, 1e9);
  if (node["cost_per_tb"]) {
    if (key != "recorder") Fail(node["cost_per_tb"], "cost_per_tb is for recorders only");
    a.cost_per_tb = GetInRange(node["cost_per_tb"], "cost_per_tb", 0, 1e9);
  }
  return a;
}

Catalogue Parser::CatalogueDoc(const std::string& text) {
  const YAML::Node root = LoadMapping(text, "a camera catalogue");
  CheckKeys(root, {"sightline_catalogue", "models", "accessories"}, "catalogue");
  if (!root["sightline_catalogue"])
    Fail(root, "missing `sightline_catalogue: 1` (the catalogue format's version)");
  if (Get<int>(root["sightline_catalogue"], "sightline_catalogue") != 1)
    Fail(root["sightline_catalogue"],
         "unsupported catalogue version (this sightline reads version 1)");
  Catalogue c;
  c.file = file_;
  const YAML::Node models = root["models"];
  if (!models || !models.IsMap() || models.size() == 0)
    Fail(models ? models : root, "a catalogue needs models: {name: {...}}");
  for (const auto& kv : models) {
    const std::string name = Get<std::string>(kv.first, "model name");
    if (name.empty() || name.find_first_of(",\n") != std::string::npos)
      Fail(kv.first, "model name '" + name + "' must be non-empty, without commas or line breaks");
    // 'A' and 'A ' would be two models no one can tell apart in a table.
    if (std::isspace(static_cast<unsigned char>(name.front())) || std::isspace(static_cast<unsigned char>(name.back())))
      Fail(kv.first, "model name '" + name + "' has leading or trailing spaces");
    CameraFields f = Model(kv.second, name);
    // A catalogue entry describes a product: it must say what it is.
    const std::string ctx = "camera model '" + name + "'";
    if (!f.width_px || !f.height_px)
      Fail(kv.second, ctx + " needs resolution: [width_px, height_px]");
    if (!f.hfov_deg && !(f.focal_length_mm && f.sensor_width_mm))
      Fail(kv.second, ctx + " needs hfov_deg, or focal_length_mm / focal_range_mm with its sensor");
    c.models.emplace(name, std::move(f));
  }
  if (const YAML::Node acc = root["accessories"]) {
    if (!acc.IsMap()) Fail(acc, "accessories must map mount and equipment kinds to {item, cost}");
    for (const auto& kv : acc) {
      const std::string key = Get<std::string>(kv.first, "accessory");
      c.accessories.emplace(key, AccessoryEntry(kv.second, key));
    }
  }
  return c;
}

}  // namespace scenario::detail
