// The file browser's ImGui modal (open, save as, export, report, screenshot).
#pragma once

#include <filesystem>
#include <optional>

#include "gui/file_browser.h"

namespace gui {

// Draws the browser while it is open. `key` is Enter (+1) or Escape (-1) seen by the window
// this frame (ImGui 1.86 can miss quick taps). Returns the chosen path once; Escape or Cancel
// closes it without one.
std::optional<std::filesystem::path> DrawFileBrowser(FileBrowser& b, int key);

}  // namespace gui
