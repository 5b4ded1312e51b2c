// `sightline export-mesh`: the city mesh as OBJ or PLY, for MeshLab/Blender inspection.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "app/city_input.h"
#include "app/commands.h"
#include "core/error.h"
#include "geo/mesh_export.h"

namespace app {
namespace {

struct ExportMeshOptions {
  CityInputOptions city;
  std::string output;
  bool absolute = false;
};

}  // namespace

void SetupExportMesh(CLI::App& app) {
  auto opt = std::make_shared<ExportMeshOptions>();
  CLI::App* cmd = app.add_subcommand("export-mesh", "Write the city mesh as .obj or .ply");
  AddCityInputOptions(*cmd, opt->city);
  cmd->add_option("-o,--output", opt->output, "Output file: city.obj or city.ply")->required();
  cmd->add_flag("--absolute", opt->absolute,
                "Write CRS coordinates instead of local metres (PLY: doubles)");
  cmd->callback([opt] {
    geo::MeshFormatFor(opt->output);  // reject a bad extension before the long import
    const LoadedCity loaded = LoadCityInput(opt->city);
    LogCitySources(loaded.city);
    PrintDiagnostics(loaded.diagnostics);
    if (loaded.city.triangles.empty())  // lines or points alone (street lamps, paths): no surface
      throw core::InputError(fmt::format("{}", fmt::join(opt->city.inputs, ", ")), "",
                             "nothing to export: the city has no surfaces (only lines or points)");
    geo::MeshExportOptions options;
    options.absolute_coordinates = opt->absolute;
    geo::ExportMesh(loaded.city, opt->output, options);
    spdlog::info("wrote {} ({} triangles, {} vertices, CRS {}, origin {:.0f} {:.0f})", opt->output,
                 loaded.city.triangles.size(), loaded.city.vertices.size(),
                 loaded.city.frame.Label(), loaded.city.frame.origin_x, loaded.city.frame.origin_y);
  });
}

}  // namespace app
