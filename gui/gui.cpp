#include "gui/gui.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

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

void LoadFonts() {
  ImGuiIO& io = ImGui::GetIO();
  // Latin, Latin-1 and Latin Extended-A/B: Latvian, Lithuanian, Polish, Czech names.
  static const ImWchar ranges[] = {0x0020, 0x024F, 0x2013, 0x2026, 0x2190, 0x2193, 0};
  const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (std::filesystem::exists(font))
    io.Fonts->AddFontFromFileTTF(font, 15.0f, nullptr, ranges);
  else
    io.Fonts->AddFontDefault();
}

}  // namespace

int RunGui(const GuiOptions& options) {
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
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, "sightline", nullptr, nullptr);
  if (!window) {
    glfwWindowHint(GLFW_SAMPLES, 0);
    window = glfwCreateWindow(options.width, options.height, "sightline", nullptr, nullptr);
  }
  if (!window) {
    std::cerr << "error: cannot create an OpenGL window (no display or no GL driver)\n";
    glfwTerminate();
    return 3;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(options.script.empty() ? 1 : 0);
  InstallCallbacks(window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout is fixed; no imgui.ini next to the user's files
  ImGui::StyleColorsLight();
  ImGui::GetStyle().WindowRounding = 3;
  ImGui::GetStyle().Alpha = 0.97f;
  LoadFonts();
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
