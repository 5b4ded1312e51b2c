// Import speed on the bundled real sample cities: time per import and triangles per second.
#include <benchmark/benchmark.h>

#include "geo/load_city.h"

namespace {

void RunImport(benchmark::State& state, const std::string& file, const std::string& crs) {
  geo::CityLoadOptions options;
  geo::CitySource source;
  source.path = std::string(SIGHTLINE_DATA_DIR) + "/" + file;
  options.sources = {source};
  options.crs = crs;
  std::size_t triangles = 0, buildings = 0;
  for (auto _ : state) {
    core::Diagnostics diag;
    const geo::CityModel city = geo::LoadCity(options, diag);
    triangles = city.triangles.size();
    buildings = 0;
    for (const auto& f : city.features) buildings += f.kind == "building";
    benchmark::DoNotOptimize(city.vertices.data());
  }
  state.counters["triangles"] = static_cast<double>(triangles);
  state.counters["buildings"] = static_cast<double>(buildings);
  state.counters["triangles/s"] = benchmark::Counter(
      static_cast<double>(triangles * state.iterations()), benchmark::Counter::kIsRate);
}

void BM_ImportOsmMonaco(benchmark::State& s) { RunImport(s, "monaco-latest.osm.pbf", "EPSG:32632"); }
void BM_ImportCityJsonDelft(benchmark::State& s) { RunImport(s, "delft_lod1.city.json", ""); }
void BM_ImportFootprintsDelft(benchmark::State& s) {
  RunImport(s, "delft_buildings_footprints_height.geojson", "");
}
void BM_ImportDsmDelft(benchmark::State& s) { RunImport(s, "delft_dsm_1m_from_lod1.tif", ""); }

BENCHMARK(BM_ImportOsmMonaco)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImportCityJsonDelft)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImportFootprintsDelft)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImportDsmDelft)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
