// sightline-full: every verb of sightline, those of the simulation half too (agents, feeds,
// network, the workbench and the PDF report). `sightline` hands it the command lines it does
// not answer itself; run on its own it behaves as sightline.
#include "app/command_line.h"
#include "app/commands.h"

int main(int argc, char** argv) {
  static constexpr app::VerbSetup kEvery[] = {app::SetupInfo,     app::SetupExportMesh, app::SetupCoverage,
                                              app::SetupReport,   app::SetupCompare,    app::SetupOptimise,
                                              app::SetupAgents,   app::SetupFeeds,      app::SetupNetwork,
                                              app::SetupLens,     app::SetupGui};
  return app::RunCommandLine(argc, argv, kEvery);
}
