// sightline: city video-surveillance planning. A thin shell over the library: each verb parses
// its options, runs one pipeline and maps errors to exit codes.
//
// The planning verbs run in this program, which loads only the libraries they need (GDAL,
// Embree, CBC, cairo, MPI): it starts in about a third of the time. The other verbs, and the
// top-level help, run in sightline-full beside it (SUMO, ns-3, libav, OpenSceneGraph and the
// workbench's), which this process becomes.
#include "app/command_line.h"
#include "app/commands.h"

int main(int argc, char** argv) {
  static constexpr app::VerbSetup kPlanning[] = {app::SetupInfo, app::SetupExportMesh, app::SetupCoverage,
                                                 app::SetupLens};
  return app::RunCommandLine(argc, argv, kPlanning, "sightline-full");
}
