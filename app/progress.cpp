#include "app/progress.h"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cstdio>

namespace app {

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), tty_(::isatty(STDERR_FILENO)) {}

void ProgressBar::Update(std::size_t done, std::size_t total) {
  if (spdlog::get_level() > spdlog::level::info) return;  // --quiet
  const int percent = total ? static_cast<int>(100 * done / total) : 100;
  if (percent == last_percent_) return;
  if (tty_) {
    const int width = 30, filled = percent * width / 100;
    std::fprintf(stderr, "\r%s [%.*s%*s] %3d%% (%zu/%zu)", label_.c_str(), filled,
                 "##############################", width - filled, "", percent, done, total);
  } else if (percent / 25 != last_percent_ / 25 || done == total) {
    std::fprintf(stderr, "%s: %d%% (%zu/%zu)\n", label_.c_str(), percent, done, total);
  }
  std::fflush(stderr);
  last_percent_ = percent;
}

void ProgressBar::Finish() {
  if (tty_ && last_percent_ >= 0) std::fprintf(stderr, "\n");
}

}  // namespace app
