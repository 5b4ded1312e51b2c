#include "gui/gui.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <utility>

#include "core/error.h"
#include "gui/workbench.h"

namespace gui {
namespace {

Workbench* From(GLFWwindow* w) { return static_cast<Workbench*>(glfwGetWindowUserPointer(w)); }

// ImGui 1.86 samples key states once a frame: a key pressed and released between two frames
// (a quick tap on a slow software-rendered frame, xdotool) is never seen down, so Enter would
// not apply a typed value. Such a tap is held down for one frame.
struct QuickTaps {
  std::set<int> pressed, held;
} taps;

// Our callbacks are installed before ImGui's, which call them first and then update ImGui.
void InstallCallbacks(GLFWwindow* w) {
  glfwSetMouseButtonCallback(w, [](GLFWwindow* win, int b, int a, int m) {
    if (auto* wb = From(win)) {
      wb->Woken();
      wb->MouseButton(b, a, m);
    }
  });
  glfwSetCursorPosCallback(w, [](GLFWwindow* win, double x, double y) {
    if (auto* wb = From(win)) {
      wb->Woken();
      wb->CursorMoved(x, y);
    }
  });
  glfwSetScrollCallback(w, [](GLFWwindow* win, double, double dy) {
    if (auto* wb = From(win)) {
      wb->Woken();
      wb->Scrolled(dy);
    }
  });
  glfwSetKeyCallback(w, [](GLFWwindow* win, int key, int, int action, int mods) {
    const bool tracked = key >= 0 && key < IM_ARRAYSIZE(ImGui::GetIO().KeysDown);
    if (tracked && action == GLFW_PRESS)
      taps.pressed.insert(key);
    else if (tracked && action == GLFW_RELEASE && taps.pressed.count(key))
      taps.held.insert(key);
    if (auto* wb = From(win)) {
      wb->Woken();
      wb->Key(key, action, mods);
    }
  });
  glfwSetFramebufferSizeCallback(w, [](GLFWwindow* win, int width, int height) {
    if (auto* wb = From(win)) {
      wb->Woken();
      wb->Resized(width, height);
    }
  });
  glfwSetWindowCloseCallback(w, [](GLFWwindow* win) {
    glfwSetWindowShouldClose(win, GLFW_FALSE);  // the workbench asks about unsaved changes first
    if (auto* wb = From(win)) wb->CloseRequested();
  });
}

// Text rasterised at the screen's pixel size and drawn at window-unit size: crisp on HiDPI.
void LoadFonts(double ui_scale) {
  ImGuiIO& io = ImGui::GetIO();
  // Latin, Latin-1 and Latin Extended-A/B: Latvian, Lithuanian, Polish, Czech names.
  static const ImWchar ranges[] = {0x0020, 0x024F, 0x2013, 0x2026, 0x2190, 0x2193, 0};
  const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (std::filesystem::exists(font)) {
    io.Fonts->AddFontFromFileTTF(font, float(15 * ui_scale), nullptr, ranges);
    io.FontGlobalScale = float(1 / ui_scale);
  } else {
    io.Fonts->AddFontDefault();
  }
}

// Screen pixels per window unit: SIGHTLINE_UI_SCALE, else the monitor's content scale (X11:
// Xft.dpi / 96) in quarter steps, 1 below 1.25. Where the system scales windows itself
// (macOS: a framebuffer twice the window) RunGui sets it back to 1.
double UiScale() {
  if (const char* env = std::getenv("SIGHTLINE_UI_SCALE")) {
    char* end = nullptr;
    const double v = std::strtod(env, &end);
    if (end != env && v >= 0.5 && v <= 4) return v;
    spdlog::warn("SIGHTLINE_UI_SCALE={} ignored (a number from 0.5 to 4)", env);
  }
  float sx = 1, sy = 1;
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) glfwGetMonitorContentScale(monitor, &sx, &sy);
  return sx >= 1.25f ? std::round(sx * 4) / 4 : 1.0;
}

// The window's size in screen pixels: as asked (in window units), or the default shrunk to the
// screen's work area, so the status bar is not below the screen's edge (a 1600 x 960 window on
// a 1600 x 900 screen lost it).
std::pair<int, int> WindowSize(const GuiOptions& options) {
  int width = int(options.width * options.ui_scale), height = int(options.height * options.ui_scale);
  if (!options.fit_to_screen) return {width, height};
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetMonitorWorkarea(monitor, &x, &y, &w, &h);
    constexpr int kTitleBar = 40;  // the window manager's decorations, roughly
    if (w > 0 && h > 0) width = std::min(width, w), height = std::min(height, std::max(480, h - kTitleBar));
  }
  return {width, height};
}

}  // namespace

int RunGui(const GuiOptions& asked) {
  GuiOptions options = asked;
  glfwSetErrorCallback(
      [](int code, const char* text) { spdlog::debug("GLFW error {}: {}", code, text); });
  if (!glfwInit()) {
    std::cerr
        << "error: cannot open a window (no display? run under Xvfb: xvfb-run sightline gui ...)\n";
    return 3;
  }
  // A compatibility context: OpenSceneGraph draws with the fixed-function pipeline, ImGui with
  // GLSL 1.30; Mesa (llvmpipe under Xvfb included) gives the highest compatibility version.
  glfwWindowHint(GLFW_SAMPLES, std::getenv("SIGHTLINE_NO_MSAA") ? 0 : 4);
  options.ui_scale = UiScale();
  const auto [width, height] = WindowSize(options);
  GLFWwindow* window = glfwCreateWindow(width, height, "sightline", nullptr, nullptr);
  if (!window) {
    glfwWindowHint(GLFW_SAMPLES, 0);
    window = glfwCreateWindow(width, height, "sightline", nullptr, nullptr);
  }
  if (!window) {
    std::cerr << "error: cannot create an OpenGL window (no display or no GL driver)\n";
    glfwTerminate();
    return 3;
  }
  glfwMakeContextCurrent(window);
  {
    int w = 0, h = 0, fw = 0, fh = 0;
    glfwGetWindowSize(window, &w, &h);
    glfwGetFramebufferSize(window, &fw, &fh);
    if (fw != w) options.ui_scale = 1;  // the system scales windows itself (macOS)
    if (options.ui_scale != 1) spdlog::info("HiDPI: {:g} screen pixels per window unit", options.ui_scale);
  }
  glfwSwapInterval(options.script.empty() ? 1 : 0);
  InstallCallbacks(window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout is fixed; no imgui.ini next to the user's files
  ImGui::StyleColorsLight();
  ImGui::GetStyle().WindowRounding = 3;
  ImGui::GetStyle().Alpha = 0.97f;
  LoadFonts(options.ui_scale);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  int code = 0;
  {
    Workbench bench(window, options);
    glfwSetWindowUserPointer(window, &bench);
    if (!options.scenario.empty()) bench.RequestOpen(options.scenario);  // loads in the background
    ImGuiIO& io = ImGui::GetIO();
    while (code == 0 && !bench.WantsToQuit()) {
      for (int key : taps.held) io.KeysDown[key] = false;  // the held tap ends
      taps.held.clear();
      taps.pressed.clear();
      // Sleep until input or the workbench's next timed change: an idle window draws nothing.
      if (const double wait = bench.SecondsToNextFrame(); wait > 0)
        glfwWaitEventsTimeout(wait);
      else
        glfwPollEvents();
      for (int key : taps.held) io.KeysDown[key] = true;
      bench.Frame();
      glfwSwapBuffers(window);
    }
    if (code == 0) code = bench.exit_code();
    glfwSetWindowUserPointer(window, nullptr);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return code;
}

}  // namespace gui
