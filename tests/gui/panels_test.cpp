// The workbench's panels register themselves, one file each, with their dock and place.
#include "gui/panels.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gui {
namespace {

std::vector<std::string> Names(Dock dock) {
  std::vector<std::string> names;
  for (const Panel& p : PanelsIn(dock)) names.emplace_back(p.name);
  return names;
}

TEST(Panels, EachPanelFileRegistersInItsDockInDrawingOrder) {
  using Names_ = std::vector<std::string>;
  EXPECT_EQ(Names(Dock::menu_bar), Names_({"main menu"}));
  EXPECT_EQ(Names(Dock::left),
            Names_({"scenario", "tools", "layers", "totals", "zones", "people and traffic", "network", "optimiser"}));
  EXPECT_EQ(Names(Dock::right), Names_({"camera list", "inspector", "zone inspector", "lens calculator", "camera eye",
                                        "density preview"}));
  EXPECT_EQ(Names(Dock::screen),
            Names_({"view decorations", "network links", "timeline", "measure", "zone tool", "welcome", "camera eye window", "loading", "status bar", "dialogs"}));
}

}  // namespace
}  // namespace gui
