// Progress for long verbs: a redrawn bar on a terminal, a few plain lines otherwise (CI logs).
#pragma once

#include <cstddef>
#include <string>

namespace app {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void Update(std::size_t done, std::size_t total);
  void Finish();

 private:
  std::string label_;
  bool tty_;
  int last_percent_ = -1;
};

}  // namespace app
