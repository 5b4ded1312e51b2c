#include "sim/coverage.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <iterator>
#include <cmath>
#include <mutex>

namespace sim {
namespace {

constexpr int kRowsPerTile = 16;  // a tile: a band of grid rows, one task

CameraLayer ComputeRows(const Scene& scene, const Grid& grid, const Camera& camera,
                        const Projector& project, int row0, int row1, int col0, int col1) {
  const Point3f eye{static_cast<float>(camera.position.x), static_cast<float>(camera.position.y),
                    static_cast<float>(camera.position.z)};
  const double r2 = camera.max_range_m * camera.max_range_m;
  const double min2 = camera.min_range_m * camera.min_range_m;
  // Pass 1: cells in range and in the image. Pass 2: their occlusion rays, traced together.
  std::vector<std::uint32_t> cells;
  std::vector<Point3f> targets;
  std::vector<float> density;
  for (int row = row0; row < row1; ++row) {
    // Only the columns whose horizontal distance can be within range (the exact 3D test below
    // decides): the range disc's chord on this row, not the whole window.
    const double dy = grid.CellY(row) - eye.y;
    const double half = r2 - dy * dy;
    if (half < 0) continue;
    const double reach = std::sqrt(half) + grid.resolution_m;
    const int c0 = std::max(col0, static_cast<int>(std::floor((eye.x - reach - grid.min_x) / grid.resolution_m)));
    const int c1 = std::min(col1, static_cast<int>(std::ceil((eye.x + reach - grid.min_x) / grid.resolution_m)) + 1);
    for (int col = c0; col < c1; ++col) {
      const std::uint32_t i = grid.Index(col, row);
      if (!grid.IsTarget(i)) continue;
      const Point3f t = grid.Target(col, row);
      const double dx = t.x - eye.x, dty = t.y - eye.y, dz = t.z - eye.z;
      const double d2 = dx * dx + dty * dty + dz * dz;
      if (d2 > r2 || d2 < min2) continue;
      const auto p = project({t.x, t.y, t.z});
      if (!p) continue;
      cells.push_back(i);
      targets.push_back(t);
      density.push_back(static_cast<float>(p->px_per_m));
    }
  }
  std::vector<std::uint8_t> blocked(cells.size());
  scene.OccludedFrom(eye, targets, blocked);
  CameraLayer out;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (blocked[k]) continue;
    out.cells.push_back(cells[k]);
    out.px_per_m.push_back(density[k]);
  }
  return out;
}

}  // namespace

CameraLayer ComputeCameraLayer(const Scene& scene, const Grid& grid, const Camera& camera) {
  // Only the cells within range can be seen: the window of rows/columns around the camera.
  const double r = camera.max_range_m;
  const int col0 = std::max(0, static_cast<int>(std::floor((camera.position.x - r - grid.min_x) / grid.resolution_m)));
  const int col1 = std::min(grid.nx, static_cast<int>(std::ceil((camera.position.x + r - grid.min_x) / grid.resolution_m)) + 1);
  // Rows of the whole grid (a band's Grid::first_row on), clipped to the rows this grid has.
  const int top = grid.first_row;
  const int row0 = std::max(top, static_cast<int>(std::floor((grid.max_y - (camera.position.y + r)) / grid.resolution_m)));
  const int row1 = std::min(top + grid.ny, static_cast<int>(std::ceil((grid.max_y - (camera.position.y - r)) / grid.resolution_m)) + 1);
  if (col0 >= col1 || row0 >= row1) return {};
  const Projector project(camera);
  // Tiles on whole-grid multiples of 16 rows: a band made of whole tiles (MPI ranks) traces
  // the same rays in the same batches as the whole grid.
  const int first_tile = row0 / kRowsPerTile, tiles = (row1 - 1) / kRowsPerTile - first_tile + 1;
  std::vector<CameraLayer> parts(tiles);
  tbb::parallel_for(0, tiles, [&](int k) {
    const int a = std::max(row0, (first_tile + k) * kRowsPerTile);
    const int b = std::min(row1, (first_tile + k + 1) * kRowsPerTile);
    parts[k] = ComputeRows(scene, grid, camera, project, a - top, b - top, col0, col1);
  });
  // Tiles are in row order and each is in cell order: concatenation keeps the layer sorted.
  CameraLayer layer;
  for (const CameraLayer& p : parts) {
    layer.cells.insert(layer.cells.end(), p.cells.begin(), p.cells.end());
    layer.px_per_m.insert(layer.px_per_m.end(), p.px_per_m.begin(), p.px_per_m.end());
  }
  return layer;
}

Aggregate AggregateLayers(const Grid& grid, std::span<const CameraLayer> layers,
                          const DensityLevels& levels) {
  Aggregate a;
  AggregateInto(grid, layers, levels, a);
  return a;
}

void AggregateInto(const Grid& grid, std::span<const CameraLayer> layers, const DensityLevels& levels,
                   Aggregate& a) {
  const std::size_t n = grid.size();
  // Fresh zeroed storage: a cell no camera sees reads 0 cameras, 0 px/m, no camera and no level
  // without being written, so the pages of unseen ground are never touched.
  a.k = CellVector<std::uint16_t>(n);
  a.best_px_per_m = CellVector<float>(n);
  a.best_camera = CellVector<IndexOrNone<std::int32_t>>(n);
  a.best_level = CellVector<IndexOrNone<std::int8_t>>(n);
  // Parallel over bands of cells; within a cell cameras are visited in index order.
  const std::size_t band = static_cast<std::size_t>(grid.nx) * kRowsPerTile;
  const std::size_t bands = (n + band - 1) / band;
  tbb::parallel_for(std::size_t{0}, bands, [&](std::size_t b) {
    const std::uint32_t lo = static_cast<std::uint32_t>(b * band);
    const std::uint32_t hi = static_cast<std::uint32_t>(std::min(n, lo + band));
    bool seen = false;
    for (std::size_t c = 0; c < layers.size(); ++c) {
      const CameraLayer& L = layers[c];
      auto it = std::lower_bound(L.cells.begin(), L.cells.end(), lo);
      for (auto j = static_cast<std::size_t>(it - L.cells.begin()); j < L.cells.size() && L.cells[j] < hi; ++j) {
        const std::uint32_t cell = L.cells[j];
        ++a.k[cell];
        seen = true;
        if (L.px_per_m[j] > a.best_px_per_m[cell]) {
          a.best_px_per_m[cell] = L.px_per_m[j];
          a.best_camera[cell] = static_cast<std::int32_t>(c);
        }
      }
    }
    if (!seen) return;  // not even read: its pages stay untouched
    for (std::uint32_t cell = lo; cell < hi; ++cell)
      if (a.k[cell] > 0) a.best_level[cell] = static_cast<std::int8_t>(levels.Classify(a.best_px_per_m[cell]));
  });
}

Coverage::Coverage(const Scene& scene, const Grid& grid, DensityLevels levels, std::span<const Camera> cameras,
                   const ProgressFn& progress)
    : scene_(scene), grid_(grid), levels_(std::move(levels)) {
  SetCameras(cameras, progress);
}

void Coverage::SetCameras(std::span<const Camera> cameras, const ProgressFn& progress) {
  cameras_.assign(cameras.begin(), cameras.end());
  layers_.assign(cameras_.size(), {});
  std::mutex progress_mutex;
  std::size_t done = 0;
  tbb::parallel_for(std::size_t{0}, cameras_.size(), [&](std::size_t i) {
    layers_[i] = ComputeCameraLayer(scene_, grid_, cameras_[i]);
    if (progress) {
      std::lock_guard lock(progress_mutex);
      progress(++done, cameras_.size());
    }
  });
  AggregateInto(grid_, layers_, levels_, aggregate_);
}

void Coverage::RecomputeCells(const std::vector<std::uint32_t>& cells) {
  if (cells.empty()) return;
  Aggregate& a = aggregate_;
  for (std::uint32_t c : cells) {
    a.k[c] = 0;
    a.best_px_per_m[c] = 0;
    a.best_camera[c] = -1;
    a.best_level[c] = -1;
  }
  // Same visiting order as AggregateLayers (cameras by index, strict > for ties), so the result
  // equals a full recompute bit for bit. Each pass is a merge of two sorted cell lists.
  for (std::size_t cam = 0; cam < layers_.size(); ++cam) {
    const CameraLayer& L = layers_[cam];
    if (L.cells.empty() || L.cells.back() < cells.front() || L.cells.front() > cells.back()) continue;
    std::size_t i = 0, j = static_cast<std::size_t>(
                           std::lower_bound(L.cells.begin(), L.cells.end(), cells.front()) - L.cells.begin());
    while (i < cells.size() && j < L.cells.size()) {
      if (cells[i] < L.cells[j]) {
        ++i;
      } else if (L.cells[j] < cells[i]) {
        ++j;
      } else {
        const std::uint32_t c = cells[i];
        ++a.k[c];
        if (L.px_per_m[j] > a.best_px_per_m[c]) {
          a.best_px_per_m[c] = L.px_per_m[j];
          a.best_camera[c] = static_cast<std::int32_t>(cam);
        }
        ++i, ++j;
      }
    }
  }
  for (std::uint32_t c : cells)
    if (a.k[c] > 0) a.best_level[c] = static_cast<std::int8_t>(levels_.Classify(a.best_px_per_m[c]));
}

void Coverage::UpdateCamera(std::size_t index, const Camera& camera) { ReplaceLayer(index, camera); }

std::vector<std::uint32_t> Coverage::ReplaceLayer(std::size_t index, const Camera& camera) {
  cameras_.at(index) = camera;
  CameraLayer fresh = ComputeCameraLayer(scene_, grid_, camera);
  // Only cells the camera saw before or sees now can change.
  std::vector<std::uint32_t> changed;
  changed.reserve(layers_[index].cells.size() + fresh.cells.size());
  std::set_union(layers_[index].cells.begin(), layers_[index].cells.end(), fresh.cells.begin(),
                 fresh.cells.end(), std::back_inserter(changed));
  layers_[index] = std::move(fresh);
  RecomputeCells(changed);
  return changed;
}

void Coverage::AddCamera(const Camera& camera) {
  cameras_.push_back(camera);
  layers_.push_back(ComputeCameraLayer(scene_, grid_, camera));
  RecomputeCells(layers_.back().cells);
}

void Coverage::InsertCamera(std::size_t index, const Camera& camera) {
  if (index >= cameras_.size()) return AddCamera(camera);
  cameras_.insert(cameras_.begin() + static_cast<std::ptrdiff_t>(index), camera);
  layers_.insert(layers_.begin() + static_cast<std::ptrdiff_t>(index), ComputeCameraLayer(scene_, grid_, camera));
  AggregateInto(grid_, layers_, levels_, aggregate_);  // later cameras' indices shifted
}

bool SameView(const Camera& a, const Camera& b) {
  Camera x = a;
  x.id = b.id, x.model = b.model, x.cost = b.cost, x.mount = b.mount;
  return x == b;
}

std::optional<std::vector<std::uint32_t>> Coverage::Sync(std::span<const Camera> target) {
  const std::size_t n = cameras_.size(), m = target.size();
  auto equal_from = [&](std::size_t mine, std::size_t theirs) {  // the tails match
    return n - mine == m - theirs && std::equal(cameras_.begin() + static_cast<std::ptrdiff_t>(mine),
                                                cameras_.end(), target.begin() + static_cast<std::ptrdiff_t>(theirs));
  };
  std::size_t first = 0;  // first camera that differs
  while (first < n && first < m && cameras_[first] == target[first]) ++first;
  if (m == n + 1 && first == n) {  // appended: only its cells change
    AddCamera(target[first]);
    return layers_.back().cells;
  }
  if (m == n + 1 && equal_from(first, first + 1)) {
    InsertCamera(first, target[first]);
    return std::nullopt;
  }
  if (n == m + 1 && equal_from(first + 1, first)) {
    RemoveCamera(first);
    return std::nullopt;
  }
  if (m != n) {
    SetCameras(target);
    return std::nullopt;
  }
  std::vector<std::uint32_t> changed;
  for (std::size_t i = first; i < n; ++i) {
    if (cameras_[i] == target[i]) continue;
    if (SameView(cameras_[i], target[i])) {
      cameras_[i] = target[i];
      continue;
    }
    std::vector<std::uint32_t> cells = ReplaceLayer(i, target[i]);
    std::vector<std::uint32_t> merged;
    merged.reserve(changed.size() + cells.size());
    std::set_union(changed.begin(), changed.end(), cells.begin(), cells.end(), std::back_inserter(merged));
    changed = std::move(merged);
  }
  return changed;
}

// Removing shifts the indices of later cameras (best_camera), so the aggregate is rebuilt.
void Coverage::RemoveCamera(std::size_t index) {
  cameras_.erase(cameras_.begin() + static_cast<std::ptrdiff_t>(index));
  layers_.erase(layers_.begin() + static_cast<std::ptrdiff_t>(index));
  AggregateInto(grid_, layers_, levels_, aggregate_);
}

}  // namespace sim
