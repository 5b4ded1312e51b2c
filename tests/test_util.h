// Shared helpers for the test suites: temp folders, small files written in the test, and
// one-call city loading.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "geo/city_model.h"
#include "geo/load_city.h"

namespace testing_util {

inline std::filesystem::path DataPath(const std::string& name) {
  return std::filesystem::path(SIGHTLINE_DATA_DIR) / name;
}

// A fresh folder per test, removed at the end.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("sightline_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// What a shell command prints on stdout ("" when it cannot run): pdftotext, pdfinfo...
inline std::string ShellOutput(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  std::string text;
  if (!pipe) return text;
  for (char buf[4096]; std::fgets(buf, sizeof buf, pipe);) text += buf;
  pclose(pipe);
  return text;
}

// The text of a PDF as pdftotext -layout gives it.
inline std::string PdfText(const std::filesystem::path& pdf) {
  return ShellOutput("pdftotext -layout '" + pdf.string() + "' -");
}

inline std::filesystem::path WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// One polygon feature for WriteVector: geometry as WKT (written as-is, even if invalid).
struct TestFeature {
  std::string wkt;
  std::map<std::string, std::string> fields;
};

// Writes a vector file (driver from the extension: .gpkg, .shp, .geojson) with string fields.
// epsg 0: no CRS at all.
inline std::filesystem::path WriteVector(const std::filesystem::path& path, int epsg,
                                         const std::vector<TestFeature>& features) {
  GDALAllRegister();
  const std::string ext = path.extension().string();
  const char* driver_name = ext == ".gpkg" ? "GPKG" : ext == ".shp" ? "ESRI Shapefile" : "GeoJSON";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  OGRSpatialReference srs;
  if (epsg) srs.importFromEPSG(epsg);
  OGRLayer* layer = ds->CreateLayer("footprints", epsg ? &srs : nullptr, wkbUnknown, nullptr);
  std::vector<std::string> names;
  for (const auto& f : features)
    for (const auto& [name, value] : f.fields)
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  for (const auto& name : names) {
    OGRFieldDefn field(name.c_str(), OFTString);
    layer->CreateField(&field);
  }
  for (const auto& f : features) {
    OGRFeature feature(layer->GetLayerDefn());
    for (const auto& [name, value] : f.fields) feature.SetField(name.c_str(), value.c_str());
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt(f.wkt.c_str(), nullptr, &g);
    feature.SetGeometryDirectly(g);
    if (layer->CreateFeature(&feature) != OGRERR_NONE) throw std::runtime_error("test: CreateFeature failed");
  }
  GDALClose(ds);
  return path;
}

// The shared small test town: one 20 x 20 m block, 10 m high, at (500000, 300000) in LKS-92
// (EPSG:3059), written as `blocks.gpkg` in `dir`.
inline std::filesystem::path WriteBlock(const TempDir& dir) {
  return WriteVector(dir / "blocks.gpkg", 3059,
                     {{"POLYGON((500000 300000,500020 300000,500020 300020,500000 300020,500000 300000))",
                       {{"height", "10"}}}});
}

// A single-band Float32 GeoTIFF whose pixel (col, row) holds z(x, y) at the pixel centre.
template <typename HeightFn>
std::filesystem::path WriteRaster(const std::filesystem::path& path, int epsg, double x0, double y0,
                                  double pixel, int width, int height, HeightFn z,
                                  double nodata = -9999) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  GDALDataset* ds = driver->Create(path.c_str(), width, height, 1, GDT_Float32, nullptr);
  double gt[6] = {x0, pixel, 0, y0 + height * pixel, 0, -pixel};  // north-up
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromEPSG(epsg);
  ds->SetSpatialRef(&srs);
  std::vector<float> data(static_cast<std::size_t>(width) * height);
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c)
      data[static_cast<std::size_t>(r) * width + c] =
          static_cast<float>(z(x0 + (c + 0.5) * pixel, gt[3] - (r + 0.5) * pixel));
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(nodata);
  if (band->RasterIO(GF_Write, 0, 0, width, height, data.data(), width, height, GDT_Float32, 0, 0) != CE_None)
    throw std::runtime_error("test: RasterIO failed");
  GDALClose(ds);
  return path;
}

inline geo::CityModel Load(const std::vector<geo::CitySource>& sources, core::Diagnostics& diag,
                           const std::string& crs = "") {
  geo::CityLoadOptions options;
  options.sources = sources;
  options.crs = crs;
  return geo::LoadCity(options, diag);
}

inline geo::CitySource Source(const std::filesystem::path& path) {
  geo::CitySource s;
  s.path = path;
  return s;
}

// Sum of plan areas of triangles of one surface class (m^2).
inline double PlanArea(const geo::CityModel& city, geo::Surface surface) {
  double area = 0;
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    if (city.triangle_surface[t] != surface) continue;
    const auto& a = city.vertices[city.triangles[t].a];
    const auto& b = city.vertices[city.triangles[t].b];
    const auto& c = city.vertices[city.triangles[t].c];
    area += 0.5 * std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
  }
  return area;
}

inline std::size_t CountFeatures(const geo::CityModel& city, const std::string& kind) {
  std::size_t n = 0;
  for (const auto& f : city.features) n += f.kind == kind;
  return n;
}

}  // namespace testing_util
