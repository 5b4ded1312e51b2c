// The evaluation targets: points at a person's face height over the ground, one per grid cell,
// outside buildings. North-up raster order, so outputs map 1:1 to GeoTIFF pixels.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/cell_vector.h"
#include "geo/city_model.h"
#include "geo/raster_io.h"
#include "sim/scene.h"

namespace sim {

struct GridOptions {
  double resolution_m = 0.5;  // cell size
  double height_m = 1.7;      // target height above the ground (faces)
  // A structure's underside lower than this over the ground closes the cell (a building base a
  // few cm above the DEM); a real passage or overhang, higher, keeps it a target.
  double min_clear_height_m = 2.0;
};

struct Grid {
  double min_x = 0, max_y = 0;  // local frame: west edge and north edge
  double resolution_m = 0.5;
  double height_m = 1.7;
  int nx = 0, ny = 0;           // columns (west to east), rows (north to south)
  int first_row = 0;            // a band of a larger grid (a rank's rows): its first row there
  // Ground height per cell; NaN where the cell is no target (inside a building, no terrain).
  core::CellVector<float> ground_z;

  std::size_t size() const { return ground_z.size(); }
  std::uint32_t Index(int col, int row) const { return static_cast<std::uint32_t>(row) * nx + col; }
  double CellX(int col) const { return min_x + (col + 0.5) * resolution_m; }
  // Rows counted from the whole grid's north edge, so a band's cells are the whole grid's.
  double CellY(int row) const { return max_y - (first_row + row + 0.5) * resolution_m; }
  bool IsTarget(std::uint32_t i) const { return ground_z[i] == ground_z[i]; }  // not NaN
  Point3f Target(std::uint32_t i) const {
    return Target(static_cast<int>(i % nx), static_cast<int>(i / nx));
  }
  // The same without the division, for loops that walk rows and columns.
  Point3f Target(int col, int row) const {
    return {static_cast<float>(CellX(col)), static_cast<float>(CellY(row)),
            static_cast<float>(ground_z[Index(col, row)] + height_m)};
  }
  double CellArea() const { return resolution_m * resolution_m; }
  geo::RasterGrid Raster() const { return {min_x, max_y - first_row * resolution_m, resolution_m, nx, ny}; }
  std::size_t CountTargets() const;
};

// True when `p` lies inside a building: looking straight up (past ground-like surfaces such
// as roads and vegetation), the first structure is seen from behind.
bool InsideStructure(const geo::CityModel& city, const Scene& scene, const Point3f& p, float max_up = 2000.0f);

// True when `p` lies inside a closed structure: rays in nine directions (straight up and eight
// rising at 30 degrees) count the structure surfaces they cross, and most counts are odd. A
// camera under an eave, or on a facade mount, is outside: only the rays that pass through
// the overhang count one crossing.
bool InsideSolid(const geo::CityModel& city, const Scene& scene, const Point3f& p);

// True when a raster surface (a DSM, or a TIN relief) lies above `p`: a 2.5D surface has nothing
// under it that a camera could see, so `p` is buried in it.
bool UnderTerrainSurface(const geo::CityModel& city, const Scene& scene, const Point3f& p);

// The top surface under each cell (a DSM of the mesh: roofs, terrain, ground), by a vertical
// ray from above; cells where nothing is hit get 0.
std::vector<float> SurfaceHeights(const geo::CityModel& city, const Scene& scene, const Grid& grid);

// Columns and rows of the grid over `area` (local metres) at `resolution_m`.
std::pair<int, int> GridSize(const geo::Box2d& area, double resolution_m);

// Which cells of `g` have their centre inside `polygons` (even-odd over every ring; a centre on
// a ring's edge is inside on its left and bottom sides): 1 per cell, row by row. From the cells'
// own centres (Grid::CellX, CellY), so a band of a grid (an MPI rank's) answers as the whole grid
// does, bit for bit: GDAL's rasteriser works from the raster's own origin, the band's top, and a
// centre lying on an edge (a round-numbered outline on a 0.7 m grid) fell in or out by band.
std::vector<std::uint8_t> CellsInside(const std::vector<geo::Polygon>& polygons, const Grid& g);

// Rows of the whole grid, from the north edge; count -1: all of them.
struct RowBand {
  int first = 0, count = -1;
};

// Lays the grid over the city's area. The ground under a cell is city.terrain (a DEM, or the
// ground derived from a DSM or from the model), else the highest ground-like surface below it
// (road, land use, ground plane), else z = 0; cells on water are no targets. A cell is a target
// unless its ground point lies inside a building (looking straight up, the first structure is
// seen from behind: a roof from inside), under a structure lower than min_clear_height_m, or its
// target point lies under a DSM. Cells under a real overhang or bridge stay.
// With a band, only those rows (Grid::first_row): each cell is the whole grid's, bit for bit.
Grid MakeGrid(const geo::CityModel& city, const Scene& scene, const GridOptions& options, RowBand band = {});

}  // namespace sim
