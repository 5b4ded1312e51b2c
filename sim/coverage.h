// What every camera sees of the grid, and what all of them see together. Each camera's layer
// is kept on its own, so moving, adding or removing one camera recomputes only that layer and
// the aggregate. Results are identical for any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "sim/camera.h"
#include "sim/grid.h"
#include "sim/index_or_none.h"
#include "sim/pixel_density.h"
#include "sim/scene.h"

namespace sim {

// The cells one camera sees: inside its image and range, and not occluded. Sorted by cell.
struct CameraLayer {
  std::vector<std::uint32_t> cells;
  std::vector<float> px_per_m;        // pixels a facing metre spans at the target
  double VisibleArea(const Grid& grid) const { return cells.size() * grid.CellArea(); }
};

// Zeroed on allocation, and not written by resizing (core/cell_vector.h).
template <class T>
using CellVector = core::CellVector<T>;

// Per cell, over all cameras. Every field reads its "unseen" value from zeroed memory, so that
// aggregating writes only the cells cameras see.
struct Aggregate {
  CellVector<std::uint16_t> k;         // number of cameras seeing the cell
  CellVector<float> best_px_per_m;     // 0 where unseen
  CellVector<IndexOrNone<std::int32_t>> best_camera;  // index into the camera list, -1 where unseen
  CellVector<IndexOrNone<std::int8_t>> best_level;    // density level index, -1 below the first / unseen
};

// True when two cameras see the same cells at the same density (pose, optics and range equal;
// id, model, cost and mount may differ).
bool SameView(const Camera& a, const Camera& b);

CameraLayer ComputeCameraLayer(const Scene& scene, const Grid& grid, const Camera& camera);

// Ties in px/m go to the lower camera index, so the result does not depend on scheduling.
Aggregate AggregateLayers(const Grid& grid, std::span<const CameraLayer> layers,
                          const DensityLevels& levels);
// The same into an existing aggregate, on fresh zeroed storage (its old storage is freed).
void AggregateInto(const Grid& grid, std::span<const CameraLayer> layers, const DensityLevels& levels,
                   Aggregate& aggregate);

// Layers plus aggregate, kept up to date as cameras change (the GUI's live model).
class Coverage {
 public:
  // Called as cameras finish (from worker threads, one call at a time): done, total.
  using ProgressFn = std::function<void(std::size_t, std::size_t)>;

  // With `cameras` computed at once (one pass over the grid, not two as construction followed
  // by SetCameras would make).
  Coverage(const Scene& scene, const Grid& grid, DensityLevels levels, std::span<const Camera> cameras = {},
           const ProgressFn& progress = {});

  void SetCameras(std::span<const Camera> cameras, const ProgressFn& progress = {});  // parallel
  void UpdateCamera(std::size_t index, const Camera& camera);
  void AddCamera(const Camera& camera);
  void InsertCamera(std::size_t index, const Camera& camera);
  void RemoveCamera(std::size_t index);
  // Brings the coverage to `cameras` with the least work: recomputes the layers of cameras
  // whose view changed, handles one insertion or removal incrementally, and only falls back to
  // SetCameras for bigger reorders. The result equals SetCameras(cameras) bit for bit.
  // Returns the cells whose aggregate may have changed (sorted), or nullopt when any may have
  // (insertions, removals and reorders shift camera indices everywhere).
  std::optional<std::vector<std::uint32_t>> Sync(std::span<const Camera> cameras);

  const std::vector<Camera>& cameras() const { return cameras_; }
  const std::vector<CameraLayer>& layers() const { return layers_; }
  const Aggregate& aggregate() const { return aggregate_; }
  const Grid& grid() const { return grid_; }
  const DensityLevels& levels() const { return levels_; }

 private:
  // UpdateCamera's work; returns the cells it recomputed.
  std::vector<std::uint32_t> ReplaceLayer(std::size_t index, const Camera& camera);
  // Recomputes the aggregate on `cells` (sorted) from every layer that can reach them.
  void RecomputeCells(const std::vector<std::uint32_t>& cells);

  const Scene& scene_;
  const Grid& grid_;
  DensityLevels levels_;
  std::vector<Camera> cameras_;
  std::vector<CameraLayer> layers_;
  Aggregate aggregate_;
};

}  // namespace sim
