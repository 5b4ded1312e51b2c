#pragma once
// TEMPORARY profiling (not to be committed).
#include <sys/resource.h>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
namespace prof {
inline double Cpu() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
inline std::map<std::string, double>& Acc() { static std::map<std::string, double> m; return m; }
inline bool On() { static bool on = std::getenv("PROF") != nullptr; return on; }
struct Scope {
  const char* name; double t0;
  explicit Scope(const char* n) : name(n), t0(On() ? Cpu() : 0) {}
  ~Scope() { if (On()) Acc()[name] += Cpu() - t0; }
};
inline void Dump() {
  if (!On()) return;
  for (auto& [k, v] : Acc()) std::fprintf(stderr, "  prof %-28s %6.2f s\n", k.c_str(), v);
}
}
