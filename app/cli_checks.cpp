#include "app/cli_checks.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "app/city_input.h"
#include "core/error.h"

namespace app {
namespace {

// The number `text` is, whole; nullopt-like NaN when it is not a number at all.
bool ParseNumber(const std::string& text, double& v) {
  const char* s = text.c_str();
  char* end = nullptr;
  errno = 0;
  v = std::strtod(s, &end);
  while (end && *end == ' ') ++end;
  return end != s && *end == '\0';
}

}  // namespace

CLI::Validator Within(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double v = 0;
        if (!ParseNumber(text, v)) return "'" + text + "' is not a number";
        if (!std::isfinite(v) || errno == ERANGE) return "'" + text + "' is not a finite number";
        if (v < lo || v > hi) return fmt::format("{} is outside [{:g}, {:g}]", text, lo, hi);
        return "";
      },
      fmt::format("NUMBER in [{:g}, {:g}]", lo, hi));
}

CLI::Validator WholeWithin(long long lo, long long hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double v = 0;
        if (!ParseNumber(text, v) || !std::isfinite(v)) return "'" + text + "' is not a whole number";
        if (text.find_first_not_of("+-0123456789 ") != std::string::npos || v != std::floor(v))
          return "'" + text + "' is not a whole number";
        if (v < static_cast<double>(lo) || v > static_cast<double>(hi))
          return fmt::format("{} is outside [{}, {}]", text, lo, hi);
        return "";
      },
      fmt::format("INT in [{}, {}]", lo, hi));
}

CLI::Validator EvenSize(int lo_w, int lo_h, int hi_w, int hi_h) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        int w = 0, h = 0;
        char x = 0, rest = 0;
        if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &rest) != 3 || (x != 'x' && x != 'X'))
          return "'" + text + "' is not WIDTHxHEIGHT";
        if (w < lo_w || h < lo_h || w > hi_w || h > hi_h)
          return fmt::format("{}: each side must be {}..{} x {}..{} px", text, lo_w, hi_w, lo_h, hi_h);
        if (w % 2 || h % 2) return text + ": H.264 4:2:0 needs even width and height";
        return "";
      },
      "WIDTHxHEIGHT");
}

CLI::Validator OutputFolderName() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.find_first_not_of(' ') == std::string::npos ? "an empty folder name; give a folder, e.g. -o out/run" : "";
      },
      "FOLDER");
}

CLI::Validator IdList() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text.empty()) return "an empty list of camera ids";
        std::size_t start = 0;
        while (true) {
          const std::size_t comma = text.find(',', start);
          const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
          if (item.find_first_not_of(' ') == std::string::npos)
            return "'" + text + "' has an empty camera id (ids are comma separated: C01,C06)";
          if (comma == std::string::npos) return "";
          start = comma + 1;
        }
      },
      "ID[,ID...]");
}

CLI::Validator MemorySize() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        try {
          ParseMemorySize(text, "--max-memory");
        } catch (const core::InputError& e) {
          return e.problem();
        }
        return "";
      },
      "SIZE");
}

}  // namespace app
