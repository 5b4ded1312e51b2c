// The project report: an A4 PDF (vector where possible) with title page, maps and tables, plus
// the same maps as PNG figures for slides and documents.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "report/image.h"
#include "report/network_diagram.h"
#include "report/people_section.h"
#include "report/coverage_outputs.h"

namespace report {

struct ReportOptions {
  std::string software = "sightline";  // name and version on the title page
  std::string date;                    // printed on the title page (ISO date)
  // Camera-eye thumbnails for the camera pages, when a renderer is available (render module).
  std::function<std::optional<Image>(const sim::Camera&)> camera_view;
  // People and vehicles (agents module): a flow heat map and people-time seen, on a page of their own.
  std::optional<PeopleSection> people;
  // The network (net module's closed form): topology, link loads, storage, failures, on a page.
  std::optional<NetworkDiagram> network;
  // The run's blind spots when the caller polygonised them already (WriteCoverageOutputs);
  // else the report does.
  std::optional<std::vector<geo::Polygon>> blind_spots;
};

// Writes report.pdf and overview.png, coverage_k.png, density.png, and the project documents
// installation.pdf (one sheet per camera), bom.csv, cameras.csv and plan.dxf into `dir`.
std::vector<std::filesystem::path> WriteReport(const CoverageRun& run, const std::filesystem::path& dir,
                                               const ReportOptions& options);

}  // namespace report
