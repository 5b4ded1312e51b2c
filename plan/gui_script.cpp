#include "plan/gui_script.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

#include "core/error.h"

namespace plan {
namespace {

const std::set<std::string> kPathVerbs = {"save", "summary", "export", "report", "screenshot", "eye", "open"};
const std::set<std::string> kBareVerbs = {"delete", "undo", "redo", "play", "pause", "hand_over"};

}  // namespace

std::vector<ScriptAction> LoadScript(const std::filesystem::path& file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    throw core::InputError(file.string(), "", "cannot open the script");
  } catch (const YAML::Exception& e) {
    throw core::InputError(file.string(), "line " + std::to_string(e.mark.line + 1), e.msg);
  }
  if (!root.IsSequence()) throw core::InputError(file.string(), "", "a script is a YAML list of actions");
  std::vector<ScriptAction> out;
  for (const YAML::Node& item : root) {
    ScriptAction a;
    a.line = item.Mark().line + 1;
    const std::string where = "line " + std::to_string(a.line);
    auto fail = [&](const std::string& problem) { throw core::InputError(file.string(), where, problem); };
    try {
      YAML::Node value;
      if (item.IsScalar()) {
        a.verb = item.as<std::string>();
        if (!kBareVerbs.count(a.verb)) fail("unknown action '" + a.verb + "' (or it needs a value)");
        out.push_back(a);
        continue;
      }
      if (!item.IsMap() || item.size() != 1) fail("each action is one `verb: value` pair");
      a.verb = item.begin()->first.as<std::string>();
      value = item.begin()->second;
      auto pair = [&](const YAML::Node& n) {
        if (!n.IsSequence() || n.size() != 2) fail("'" + a.verb + "' needs two numbers [x, y]");
        return std::array<double, 2>{n[0].as<double>(), n[1].as<double>()};
      };
      auto numbers = [&](std::set<std::string> allowed) {
        if (!value.IsMap()) fail("'" + a.verb + "' needs a map of values");
        for (const auto& kv : value) {
          const std::string key = kv.first.as<std::string>();
          if (key == "to" || key == "at" || key == "model" || key == "id") continue;
          if (!allowed.count(key)) fail("'" + a.verb + "' has no field '" + key + "'");
          a.numbers[key] = kv.second.as<double>();
        }
      };
      if (a.verb == "open" && value.IsMap()) {
        if (!value["file"]) fail("open needs file:");
        a.text = value["file"].as<std::string>();
        if (value["expect"]) {
          if (value["expect"].as<std::string>() != "error") fail("open's expect: can only be error");
          a.expect_error = true;
        }
      } else if (kPathVerbs.count(a.verb) || a.verb == "view" || a.verb == "overlay" || a.verb == "tool" ||
                 a.verb == "wedges" ||
                 a.verb == "dialog") {
        a.text = value.as<std::string>();
        if (a.verb == "view" && a.text != "top" && a.text != "3d" && a.text != "home") fail("view is top, 3d or home");
        if (a.verb == "overlay" && a.text != "k" && a.text != "density" && a.text != "off")
          fail("overlay is k, density or off");
        if (a.verb == "wedges" && a.text != "on" && a.text != "off") fail("wedges is on or off");
        if (a.verb == "tool" && a.text != "place" && a.text != "select" && a.text != "measure" && a.text != "zone")
          fail("tool is place, select, measure or zone");
        if (a.verb == "dialog" &&
            !std::set<std::string>{"open", "save_as", "export", "report", "background", "screenshot"}.count(a.text))
          fail("dialog is open, save_as, export, report, background or screenshot");
      } else if (a.verb == "place") {
        if (!value["at"]) fail("place needs at: [x, y]");
        a.xy = pair(value["at"]);
        if (value["model"]) a.model = value["model"].as<std::string>();
        numbers({"height_m", "yaw", "pitch"});
      } else if (a.verb == "click" || a.verb == "look_at") {
        a.xy = pair(value);
      } else if (a.verb == "select") {
        if (value.IsSequence())
          for (const auto& id : value) a.ids.push_back(id.as<std::string>());
        else
          a.ids.push_back(value.as<std::string>());
      } else if (a.verb == "zone" || a.verb == "zone_set" || a.verb == "zone_vertex" || a.verb == "zone_hole" ||
                 a.verb == "zone_part") {
        if (!value.IsMap()) fail("'" + a.verb + "' needs a map of values");
        const std::set<std::string> allowed =
            a.verb == "zone"         ? std::set<std::string>{"points", "name", "kind", "dori", "k", "weight"}
            : a.verb == "zone_set"   ? std::set<std::string>{"zone", "name", "kind", "dori", "k", "weight"}
            : a.verb == "zone_vertex" ? std::set<std::string>{"zone", "index", "to", "part", "ring"}
                                     : std::set<std::string>{"zone", "points"};
        for (const auto& kv : value) {
          const std::string key = kv.first.as<std::string>();
          if (!allowed.count(key)) fail("'" + a.verb + "' has no field '" + key + "'");
          if (key == "points") {
            if (!kv.second.IsSequence()) fail("points is a list of [x, y]");
            for (const auto& p : kv.second) a.points.push_back(pair(p));
          } else if (key == "to") {
            a.xy = pair(kv.second);
          } else if (key == "k" || key == "weight" || key == "index" || key == "part" || key == "ring") {
            a.numbers[key] = kv.second.as<double>();
          } else {
            a.words[key] = kv.second.as<std::string>();
          }
        }
        if ((a.verb == "zone" || a.verb == "zone_hole" || a.verb == "zone_part") && a.points.size() < 3)
          fail(a.verb + " needs points: at least 3 [x, y]");
        if (a.verb != "zone" && !a.words.count("zone")) fail("'" + a.verb + "' needs zone: (its name)");
        if (a.verb == "zone_vertex" && (!a.numbers.count("index") || !value["to"]))
          fail("zone_vertex needs index: and to: [x, y]");
        if (a.words.count("kind") && a.words["kind"] != "priority" && a.words["kind"] != "privacy" &&
            a.words["kind"] != "exclude")
          fail("a zone's kind is priority, privacy or exclude");
      } else if (a.verb == "delete_zone") {
        a.words["zone"] = value.as<std::string>();
      } else if (a.verb == "background") {  // a raster, clear, or {file:, opacity:, expect: error}
        if (value.IsScalar()) {
          a.text = value.as<std::string>();
        } else {
          if (!value.IsMap()) fail("background is a raster file, clear, or {file:, opacity:}");
          for (const auto& kv : value) {
            const std::string key = kv.first.as<std::string>();
            if (key == "file") a.text = kv.second.as<std::string>();
            else if (key == "opacity") a.numbers[key] = kv.second.as<double>();
            else if (key == "expect" && kv.second.as<std::string>() == "error") a.expect_error = true;
            else fail("'background' has no field '" + key + "' (file, opacity, expect: error)");
          }
        }
        if (a.text.empty() && !a.numbers.count("opacity")) fail("background needs a file, clear, or opacity:");
        if (a.numbers.count("opacity") && !(a.numbers["opacity"] >= 0 && a.numbers["opacity"] <= 1))
          fail("background opacity is between 0 and 1");
      } else if (a.verb == "measure") {  // two points, frame CRS (on the top surface there)
        if (!value["from"] || !value["to"]) fail("measure needs from: [x, y] and to: [x, y]");
        a.xy = pair(value["from"]);
        a.xy2 = pair(value["to"]);
      } else if (a.verb == "aim") {
        if (!value["at"]) fail("aim needs at: [x, y]");
        a.xy = pair(value["at"]);
      } else if (a.verb == "move") {
        if (!value["to"]) fail("move needs to: [x, y]");
        a.xy = pair(value["to"]);
      } else if (a.verb == "rotate") {
        numbers({"yaw", "pitch", "roll"});
      } else if (a.verb == "set") {
        numbers({"yaw", "pitch", "roll", "height_m", "hfov_deg", "max_range_m", "cost"});
        if (value["model"]) a.model = value["model"].as<std::string>();
        if (value["id"]) a.text = value["id"].as<std::string>();
      } else if (a.verb == "zoom") {
        a.numbers["factor"] = value.as<double>();
        if (!(a.numbers["factor"] > 0.01 && a.numbers["factor"] < 100)) fail("zoom is a factor within (0.01, 100)");
      } else if (a.verb == "frames") {
        a.numbers["frames"] = value.as<int>();
      } else if (a.verb == "optimise") {
        numbers({"time_limit_s"});
      } else if (a.verb == "agents") {
        if (value.IsScalar()) {
          if (value.as<std::string>() != "run") fail("agents is run or {duration_s: seconds}");
        } else {
          numbers({"duration_s"});
          if (a.numbers.count("duration_s") && !(a.numbers["duration_s"] > 0)) fail("duration_s must be positive");
        }
      } else if (a.verb == "time") {
        a.numbers["t"] = value.as<double>();
        if (!std::isfinite(a.numbers["t"])) fail("time is a number of seconds");
      } else if (a.verb == "speed") {
        a.numbers["speed"] = value.as<double>();
        if (!(a.numbers["speed"] > 0 && a.numbers["speed"] <= 100)) fail("speed is within (0, 100]");
      } else if (a.verb == "benchmark") {
        numbers({"frames", "moves"});
      } else {
        fail("unknown action '" + a.verb + "'");
      }
    } catch (const YAML::Exception& e) {
      fail("bad value: " + e.msg);
    }
    out.push_back(a);
  }
  return out;
}

}  // namespace plan
