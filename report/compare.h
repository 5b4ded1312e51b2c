// Two plans of the same place side by side (current vs planned, manual vs optimised): where
// coverage is gained or lost, and the change in every figure.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "report/pdf_report.h"
#include "report/people_section.h"

namespace report {

// Throws core::InputError unless both runs share the CRS, the local origin and the grid.
void CheckComparable(const CoverageRun& a, const CoverageRun& b);

// The same people and vehicles walked past both plans (agents/ fills these): a plan that
// covers fewer square metres may still see more of the people.
struct PeopleComparison {
  PeopleSection a, b;
};

nlohmann::json ComparisonJson(const CoverageRun& a, const CoverageRun& b,
                              const std::optional<PeopleComparison>& people = std::nullopt);

// compare.json, compare.pdf, compare.png (difference map) and difference.tif
// (band 1: -1 lost, 0 unchanged, 1 gained; band 2: change of the density class) into `dir`.
std::vector<std::filesystem::path> WriteComparison(const CoverageRun& a, const CoverageRun& b,
                                                   const std::filesystem::path& dir,
                                                   const ReportOptions& options,
                                                   const std::optional<PeopleComparison>& people = std::nullopt);

}  // namespace report
