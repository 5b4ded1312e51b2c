#include "dist/distributed_optimise.h"

#include <mpi.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <unordered_map>

#include "core/error.h"
#include "dist/mpi_session.h"
#include "geo/load_city.h"
#include "scenario/build.h"
#include "scenario/pipeline.h"
#include "sim/memory_budget.h"
#include "sim/problem_parts.h"

namespace dist {
namespace {

struct Layout {
  int nx = 0, ny = 0;  // the whole grid
  sim::RowBand band;   // this rank's rows
  core::Diagnostics* diagnostics = nullptr;  // the run's (for the exact solver's note)
  std::uint64_t max_memory_bytes = 0;        // --max-memory (per node); 0: what is available
};

// --- sending plain vectors -------------------------------------------------------------

template <typename T>
void SendVector(const std::vector<T>& v, int to) {
  const std::uint64_t n = v.size();
  MPI_Send(&n, 1, MPI_UINT64_T, to, 0, MPI_COMM_WORLD);
  if (n) MPI_Send(v.data(), static_cast<int>(n * sizeof(T)), MPI_BYTE, to, 0, MPI_COMM_WORLD);
}

template <typename T>
void RecvVector(std::vector<T>& v, int from) {
  std::uint64_t n = 0;
  MPI_Recv(&n, 1, MPI_UINT64_T, from, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  v.resize(n);
  if (n) MPI_Recv(v.data(), static_cast<int>(n * sizeof(T)), MPI_BYTE, from, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

template <typename T>
void BcastVector(std::vector<T>& v, int root) {
  std::uint64_t n = v.size();
  MPI_Bcast(&n, 1, MPI_UINT64_T, root, MPI_COMM_WORLD);
  v.resize(n);
  if (n) MPI_Bcast(v.data(), static_cast<int>(n * sizeof(T)), MPI_BYTE, root, MPI_COMM_WORLD);
}

// Waits for `root` without spinning (Open MPI's blocking calls poll a core, which the root's
// CBC needs when ranks outnumber cores).
void QuietBarrier(int rank, int root) {
  MPI_Request request;
  MPI_Ibarrier(MPI_COMM_WORLD, &request);
  if (rank == root) {
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    return;
  }
  for (int done = 0;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// --- the columns' owners ---------------------------------------------------------------

std::uint32_t OwnerOf(std::uint32_t candidate, int size) { return candidate % static_cast<std::uint32_t>(size); }

class MpiColumnShare final : public sim::ColumnShare {
 public:
  MpiColumnShare(int rank, int size) : rank_(rank), size_(size) {}
  bool Owns(std::uint32_t c) const override { return static_cast<int>(OwnerOf(c, size_)) == rank_; }
  double FromOwner(std::uint32_t c, double value) override {
    MPI_Bcast(&value, 1, MPI_DOUBLE, static_cast<int>(OwnerOf(c, size_)), MPI_COMM_WORLD);
    return value;
  }
  sim::ColumnView Column(std::uint32_t c, sim::ColumnView owned) override {
    const int owner = static_cast<int>(OwnerOf(c, size_));
    std::uint64_t n[2] = {owned.covers.size(), owned.exposes.size()};
    MPI_Bcast(n, 2, MPI_UINT64_T, owner, MPI_COMM_WORLD);
    buffer_.resize(n[0] + n[1]);
    if (owner == rank_) {
      std::copy(owned.covers.begin(), owned.covers.end(), buffer_.begin());
      std::copy(owned.exposes.begin(), owned.exposes.end(), buffer_.begin() + static_cast<std::ptrdiff_t>(n[0]));
    }
    if (!buffer_.empty())
      MPI_Bcast(buffer_.data(), static_cast<int>(buffer_.size()), MPI_UINT32_T, owner, MPI_COMM_WORLD);
    return {{buffer_.data(), n[0]}, {buffer_.data() + n[0], n[1]}};
  }
  void FromOwners(std::vector<double>& values) override {
    MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  }
  bool Any(bool flag) override {
    int f = flag, any = 0;
    MPI_Allreduce(&f, &any, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    return any != 0;
  }

 private:
  int rank_, size_;
  std::vector<std::uint32_t> buffer_;
};

// --- the installed cameras over this rank's band ----------------------------------------

std::unique_ptr<scenario::CoverageResult> BandBase(const MpiSession& mpi, scenario::Scenario scenario, Layout& layout) {
  auto r = std::make_unique<scenario::CoverageResult>();
  r->scenario = std::move(scenario);
  const scenario::Scenario& s = r->scenario;
  core::Diagnostics zone_diagnostics;
  mpi.Together([&] {
    r->city = geo::LoadCity(s.city, r->diagnostics);
    scenario::RequireExtent(s, r->city);
    std::tie(layout.nx, layout.ny) = sim::GridSize(r->city.area, s.grid.resolution_m);
    // The largest band against this rank's share of the node's memory: all stop together.
    sim::CheckCoverageMemory(LargestBandArea(r->city.area, layout.ny, s.grid.resolution_m, mpi), s.grid.resolution_m,
                             RankBudget(s.max_memory_bytes, sim::AvailableMemoryBytes(), s.file.string(), mpi));
    r->scene = sim::BuildScene(r->city);
    layout.band = BandOf(layout.ny, mpi.rank, mpi.size);
    r->grid = sim::MakeGrid(r->city, *r->scene, s.grid, layout.band);
    r->zones = scenario::BuildZones(s, r->city, r->grid, zone_diagnostics);
    sim::ApplyExcludeZones(r->zones, r->grid);
    const std::vector<sim::Camera> cameras = scenario::BuildCameras(s, r->city, *r->scene, r->diagnostics);
    r->coverage = std::make_unique<sim::Coverage>(*r->scene, r->grid, s.levels, cameras);
  });
  // What only the whole grid can tell: targets, each camera's seen cells, each zone's cells.
  const std::size_t cameras = r->coverage->cameras().size(), zones = r->zones.size();
  std::vector<std::uint64_t> counts(1 + cameras + zones);
  counts[0] = r->grid.CountTargets();
  for (std::size_t i = 0; i < cameras; ++i) counts[1 + i] = r->coverage->layers()[i].cells.size();
  for (std::size_t z = 0; z < zones; ++z) counts[1 + cameras + z] = r->zones[z].cells.size();
  MPI_Allreduce(MPI_IN_PLACE, counts.data(), static_cast<int>(counts.size()), MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  if (counts[0] == 0)  // on every rank alike
    throw core::InputError(s.file.string(), "", scenario::NothingToEvaluate(r->city, s.grid.resolution_m, layout.nx, layout.ny));
  // The warnings one process gives: the band's zone warnings but "outside the area".
  for (const auto& [kind, k] : zone_diagnostics.kinds()) {
    if (scenario::IsEmptyZoneWarning(kind)) continue;
    for (std::size_t i = 0; i < k.count; ++i)
      r->diagnostics.Warn(kind, k.examples.empty() ? "" : k.examples[std::min(i, k.examples.size() - 1)]);
  }
  for (std::size_t z = 0; z < zones; ++z)
    if (counts[1 + cameras + z] == 0)
      r->diagnostics.Warn(scenario::EmptyZoneWarning(r->zones[z], r->city.area, s.grid.resolution_m),
                          s.file.string() + ": zone '" + r->zones[z].name + "'");
  if (cameras == 0) r->diagnostics.Warn("scenario without cameras: everything is a blind spot", s.file.string());
  for (std::size_t i = 0; i < cameras; ++i)
    if (counts[1 + i] == 0)
      r->diagnostics.Warn("camera sees no evaluated ground (blocked, aimed away or out of the area)",
                          s.file.string() + ": camera '" + r->coverage->cameras()[i].id + "'");
  layout.diagnostics = &r->diagnostics;
  layout.max_memory_bytes = s.max_memory_bytes;
  return r;
}

// --- the matrix, cast by bands, put together in the whole grid's order ------------------

// Targets and private targets as numbered so far, in the whole grid's row order: passed from
// rank to rank, each adding its band's cells.
struct TargetTable {
  std::vector<std::uint64_t> keys;
  std::vector<double> weight;
  std::vector<std::int32_t> k;
  std::vector<std::uint8_t> priority;
  std::vector<std::uint32_t> private_start{0}, private_candidates;  // per private target: who sees it
  std::vector<std::uint64_t> private_cells;

  void Send(int to) const {
    SendVector(keys, to), SendVector(weight, to), SendVector(k, to), SendVector(priority, to);
    SendVector(private_start, to), SendVector(private_candidates, to), SendVector(private_cells, to);
  }
  void Recv(int from) {
    RecvVector(keys, from), RecvVector(weight, from), RecvVector(k, from), RecvVector(priority, from);
    RecvVector(private_start, from), RecvVector(private_candidates, from), RecvVector(private_cells, from);
  }
};

struct ListHash {
  std::size_t operator()(const std::vector<std::uint32_t>& l) const {
    std::uint64_t h = 1469598103934665603ull;
    for (std::uint32_t v : l) h = (h ^ v) * 1099511628211ull;
    return h;
  }
};

sim::CoverageProblem BuildSharedProblem(const MpiSession& mpi, const scenario::CoverageResult& b,
                                        const std::vector<sim::Candidate>& candidates, const sim::ProblemOptions& options) {
  const sim::Grid& grid = b.grid;
  const std::size_t n = grid.size(), m = candidates.size();
  const std::string file = b.scenario.file.string();
  mpi.Together([&] {
    // The candidates whose range reaches this band's rows, against this rank's share of the node.
    const double top = grid.max_y - grid.first_row * grid.resolution_m, bottom = top - grid.ny * grid.resolution_m;
    std::vector<sim::Candidate> reaching;
    for (const sim::Candidate& c : candidates)
      if (c.camera.position.y + c.camera.max_range_m >= bottom && c.camera.position.y - c.camera.max_range_m <= top)
        reaching.push_back(c);
    geo::Box2d band_area = b.city.area;
    band_area.max_y = top, band_area.min_y = bottom;
    sim::CheckOptimiserMemory(band_area, grid.resolution_m, reaching,
                              RankBudget(b.scenario.max_memory_bytes, sim::AvailableMemoryBytes(), file, mpi));
  });
  const sim::CellRequirements req = sim::RequirementsOf(grid, b.zones, options.cell_weight);
  const auto& w = req.weight;
  const auto &k = req.k, &priv = req.is_private, &prio = req.is_priority;
  sim::CoverageProblem p;
  p.cost.resize(m);
  p.fixed.resize(m);
  p.allowed.assign(m, true);
  p.privacy_penalty = options.privacy == sim::PrivacyRule::penalty ? options.privacy_penalty : 0;

  // 1. Every candidate over the band, in the one process's bit-reversed order; whether to go on
  //    is agreed chunk by chunk, so every rank casts the same candidates.
  std::vector<std::vector<std::uint8_t>> sees(m);
  std::vector<std::vector<std::uint32_t>> exposes(m);
  std::vector<std::uint8_t> evaluated(m, 0);
  const std::vector<std::size_t> order = sim::BitReversedOrder(m);
  const std::size_t always_cast = (m + 9) / 10, chunk = 64;
  for (std::size_t from = 0; from < m; from += chunk) {
    int stop[2] = {options.stop.Cancelled(), options.stop.Expired()};
    MPI_Allreduce(MPI_IN_PLACE, stop, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (stop[0]) {
      p.cancelled = true;
      return p;
    }
    std::vector<std::size_t> which;
    for (std::size_t nth = from; nth < std::min(m, from + chunk); ++nth) {
      const std::size_t i = order[nth];
      if (!candidates[i].fixed && nth >= always_cast && stop[1]) continue;
      which.push_back(i);
      evaluated[i] = 1;
    }
    sim::CastColumns(*b.scene, grid, candidates, which, req, b.coverage->levels(), sees, exposes);
  }
  std::vector<std::uint8_t> exposes_any(m);
  for (std::size_t i = 0; i < m; ++i) exposes_any[i] = !exposes[i].empty();
  MPI_Allreduce(MPI_IN_PLACE, exposes_any.data(), static_cast<int>(m), MPI_UINT8_T, MPI_MAX, MPI_COMM_WORLD);
  for (std::size_t i = 0; i < m; ++i) {
    p.cost[i] = candidates[i].camera.cost;
    p.fixed[i] = candidates[i].fixed;
    if (!evaluated[i]) ++p.unevaluated;
    if (!candidates[i].fixed && ((options.privacy == sim::PrivacyRule::hard && exposes_any[i]) || !evaluated[i])) {
      p.allowed[i] = false;
      std::vector<std::uint8_t>().swap(sees[i]);
      std::vector<std::uint32_t>().swap(exposes[i]);
    }
  }

  // 2. Each cell's signature (who covers it), then the sums one process adds in row order: the
  //    running values go from rank to rank.
  std::vector<std::uint64_t> slot(n, 0);
  for (std::size_t i = 0; i < m; ++i)
    sim::ForEachCell(sees[i], [&](std::uint32_t c) { slot[c] = sim::SignatureWith(slot[c], i); });
  const double area = grid.CellArea();
  const int previous = mpi.rank - 1, next = mpi.rank + 1 < mpi.size ? mpi.rank + 1 : -1, last = mpi.size - 1;
  double sums[2] = {0, 0};  // total weight, other (covered ground outside priority zones)
  std::uint64_t covered_cells = 0, targets_here = grid.CountTargets();
  double smallest_step = std::numeric_limits<double>::infinity();
  if (previous >= 0) MPI_Recv(sums, 2, MPI_DOUBLE, previous, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  for (std::uint32_t c = 0; c < n; ++c) {
    if (!grid.IsTarget(c) || priv[c]) continue;
    sums[0] += area * w[c];
    if (slot[c] == 0) continue;
    ++covered_cells;
    if (prio[c] && w[c] > 0) smallest_step = std::min(smallest_step, area * w[c] / k[c]);
    else sums[1] += area * w[c];
  }
  if (next >= 0) MPI_Send(sums, 2, MPI_DOUBLE, next, 0, MPI_COMM_WORLD);
  MPI_Bcast(sums, 2, MPI_DOUBLE, last, MPI_COMM_WORLD);
  std::uint64_t cells[2] = {covered_cells, targets_here};
  MPI_Allreduce(MPI_IN_PLACE, cells, 2, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  MPI_Allreduce(MPI_IN_PLACE, &smallest_step, 1, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
  p.total_weight = sums[0];
  p.covered_cells = cells[0];
  p.grid_cells = cells[1];
  p.priority_factor = sim::PriorityFactor(options.priority_first, sums[1], smallest_step);
  {
    std::vector<std::uint8_t> reached(b.zones.size(), 0);
    for (std::size_t z = 0; z < b.zones.size(); ++z)
      reached[z] = std::any_of(b.zones[z].cells.begin(), b.zones[z].cells.end(), [&](std::uint32_t c) { return slot[c] != 0; });
    MPI_Allreduce(MPI_IN_PLACE, reached.data(), static_cast<int>(reached.size()), MPI_UINT8_T, MPI_MAX, MPI_COMM_WORLD);
    for (std::size_t z = 0; z < b.zones.size(); ++z)
      if (b.zones[z].kind == sim::ZoneKind::priority && !reached[z]) p.unreachable_zones.push_back(b.zones[z].name);
  }

  // 3. Targets numbered and weighted in row order, private targets (cells seen by the same
  //    candidates) likewise: the table goes from rank to rank.
  const double factor = p.priority_factor;
  TargetTable table;
  if (previous >= 0) table.Recv(previous);
  {
    std::unordered_map<std::uint64_t, std::uint32_t> target_of;
    for (std::uint32_t t = 0; t < table.keys.size(); ++t) target_of.emplace(table.keys[t], t);
    for (std::uint32_t c = 0; c < n; ++c) {
      if (slot[c] == 0) continue;
      const std::uint64_t key = sim::TargetKey(slot[c], k[c], prio[c]);
      const auto [it, fresh] = target_of.try_emplace(key, static_cast<std::uint32_t>(table.keys.size()));
      if (fresh) {
        table.keys.push_back(key);
        table.weight.push_back(0);
        table.k.push_back(k[c]);
        table.priority.push_back(prio[c]);
      }
      table.weight[it->second] += area * w[c] * (prio[c] ? factor : 1.0);
      slot[c] = it->second;
    }
  }
  // Private cells: who sees each (candidates ascending), grouped by that list. Held as
  // (cell, candidate) pairs: private ground seen is small beside the band.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen_by;
  for (std::uint32_t i = 0; i < m; ++i)
    for (std::uint32_t c : exposes[i]) seen_by.emplace_back(c, i);
  std::vector<std::vector<std::uint32_t>>().swap(exposes);
  std::sort(seen_by.begin(), seen_by.end());
  std::vector<std::vector<std::uint32_t>> band_exposes(m);  // per candidate: private targets it sees
  {
    std::unordered_map<std::vector<std::uint32_t>, std::uint32_t, ListHash> private_target;
    for (std::uint32_t e = 0; e + 1 < table.private_start.size(); ++e)
      private_target.emplace(std::vector<std::uint32_t>(table.private_candidates.begin() + table.private_start[e],
                                                        table.private_candidates.begin() + table.private_start[e + 1]),
                             e);
    std::vector<std::uint32_t> list;
    for (std::size_t at = 0; at < seen_by.size();) {
      const std::uint32_t cell = seen_by[at].first;
      list.clear();
      for (; at < seen_by.size() && seen_by[at].first == cell; ++at) list.push_back(seen_by[at].second);
      const auto [it, fresh] = private_target.try_emplace(list, static_cast<std::uint32_t>(table.private_cells.size()));
      if (fresh) {
        table.private_candidates.insert(table.private_candidates.end(), list.begin(), list.end());
        table.private_start.push_back(static_cast<std::uint32_t>(table.private_candidates.size()));
        table.private_cells.push_back(0);
      }
      ++table.private_cells[it->second];
      for (std::uint32_t i : list) band_exposes[i].push_back(it->second);
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(seen_by);
  if (next >= 0) table.Send(next);
  BcastVector(table.weight, last);
  BcastVector(table.k, last);
  BcastVector(table.priority, last);
  BcastVector(table.private_cells, last);
  p.weight = std::move(table.weight);
  p.k.assign(table.k.begin(), table.k.end());
  p.priority = std::move(table.priority);
  for (std::uint64_t count : table.private_cells) {
    double a = 0;  // one process adds a cell's area at a time
    for (std::uint64_t j = 0; j < count; ++j) a += area;
    p.privacy_area.push_back(a);
  }

  // 4. Each candidate's column over the band (targets it covers, private targets it sees), sent
  //    to the column's owner, who joins the bands' parts.
  std::vector<std::vector<std::uint32_t>> outgoing(mpi.size);  // per rank: i, covers, exposes, ...
  for (std::uint32_t i = 0; i < m; ++i) {
    std::vector<std::uint32_t> covers;
    sim::ForEachCell(sees[i], [&](std::uint32_t c) { covers.push_back(static_cast<std::uint32_t>(slot[c])); });
    std::vector<std::uint8_t>().swap(sees[i]);
    std::vector<std::uint32_t>& ex = band_exposes[i];
    if (covers.empty() && ex.empty()) continue;
    std::sort(covers.begin(), covers.end());
    covers.erase(std::unique(covers.begin(), covers.end()), covers.end());
    std::sort(ex.begin(), ex.end());
    ex.erase(std::unique(ex.begin(), ex.end()), ex.end());
    std::vector<std::uint32_t>& to = outgoing[OwnerOf(i, mpi.size)];
    to.push_back(i);
    to.push_back(static_cast<std::uint32_t>(covers.size()));
    to.push_back(static_cast<std::uint32_t>(ex.size()));
    to.insert(to.end(), covers.begin(), covers.end());
    to.insert(to.end(), ex.begin(), ex.end());
    std::vector<std::uint32_t>().swap(ex);
  }
  std::vector<std::uint64_t>().swap(slot);
  std::vector<int> send_counts(mpi.size), send_displs(mpi.size), recv_counts(mpi.size), recv_displs(mpi.size);
  std::vector<std::uint32_t> send;
  for (int q = 0; q < mpi.size; ++q) {
    send_displs[q] = static_cast<int>(send.size());
    send_counts[q] = static_cast<int>(outgoing[q].size());
    send.insert(send.end(), outgoing[q].begin(), outgoing[q].end());
    std::vector<std::uint32_t>().swap(outgoing[q]);
  }
  MPI_Alltoall(send_counts.data(), 1, MPI_INT, recv_counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  int total = 0;
  for (int q = 0; q < mpi.size; ++q) recv_displs[q] = total, total += recv_counts[q];
  std::vector<std::uint32_t> received(static_cast<std::size_t>(total));
  MPI_Alltoallv(send.data(), send_counts.data(), send_displs.data(), MPI_UINT32_T, received.data(), recv_counts.data(),
                recv_displs.data(), MPI_UINT32_T, MPI_COMM_WORLD);
  std::vector<std::uint32_t>().swap(send);
  p.covers.assign(m, {});
  p.exposes.assign(m, {});
  for (std::size_t at = 0; at < received.size();) {
    const std::uint32_t i = received[at], nc = received[at + 1], ne = received[at + 2];
    at += 3;
    p.covers[i].insert(p.covers[i].end(), received.begin() + at, received.begin() + at + nc);
    at += nc;
    p.exposes[i].insert(p.exposes[i].end(), received.begin() + at, received.begin() + at + ne);
    at += ne;
  }
  std::uint64_t column_bytes = 0;
  for (std::size_t i = 0; i < m; ++i) {
    for (auto* l : {&p.covers[i], &p.exposes[i]}) {
      std::sort(l->begin(), l->end());
      l->erase(std::unique(l->begin(), l->end()), l->end());
      l->shrink_to_fit();
      column_bytes += l->size() * sizeof(std::uint32_t);
    }
  }
  MPI_Allreduce(MPI_IN_PLACE, &column_bytes, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  p.memory_bytes = column_bytes + p.weight.size() * (sizeof(double) + sizeof(int) + 1) + m * 24;
  p.share = std::make_shared<MpiColumnShare>(mpi.rank, mpi.size);
  return p;
}

// --- CBC on rank 0 -----------------------------------------------------------------------

// CBC's model beside the gathered matrix, an estimate (not measured): every matrix entry again
// as a coefficient (index and double: 3 times its 4 bytes) plus rows, columns and CBC's copies;
// 8 times the compressed matrix leaves room.
constexpr double kExactBytesPerMatrixByte = 8;

sim::Plan ExactOnRoot(const MpiSession& mpi, const sim::CoverageProblem& p, const sim::Budget& budget,
                      const sim::Plan& start, const sim::StopControl& stop, int seed, const Layout& layout) {
  // Whether the whole matrix and CBC's model fit rank 0's share of its node: rank 0 says.
  const double needed = static_cast<double>(p.memory_bytes) * (1 + kExactBytesPerMatrixByte);
  std::uint64_t limit = (layout.max_memory_bytes > 0 ? layout.max_memory_bytes : sim::AvailableMemoryBytes()) /
                        static_cast<std::uint64_t>(std::max(1, mpi.node_ranks));
  MPI_Bcast(&limit, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  if (needed > static_cast<double>(limit)) {
    if (layout.diagnostics)
      layout.diagnostics->Warn("the exact solver (CBC) was skipped: the matrix does not fit on one rank",
                               sim::MemoryText(needed) + " needed on rank 0, " + sim::MemoryText(limit) +
                                   " available to it; the plan is the distributed greedy's and swaps', its bound the greedy's");
    return start;
  }
  // The columns to rank 0, which solves while the others wait without spinning.
  std::vector<std::uint32_t> mine;
  for (std::uint32_t i = 0; i < p.candidates(); ++i) {
    if (!p.share->Owns(i)) continue;
    mine.push_back(i);
    mine.push_back(static_cast<std::uint32_t>(p.covers[i].size()));
    mine.push_back(static_cast<std::uint32_t>(p.exposes[i].size()));
    mine.insert(mine.end(), p.covers[i].begin(), p.covers[i].end());
    mine.insert(mine.end(), p.exposes[i].begin(), p.exposes[i].end());
  }
  std::vector<std::uint32_t> all = GatherOnRoot(mine, MPI_UINT32_T, mpi);
  std::vector<std::uint32_t>().swap(mine);
  sim::Plan plan = start;
  if (mpi.rank == 0) {
    sim::CoverageProblem whole = p;
    whole.share.reset();
    for (std::size_t at = 0; at < all.size();) {
      const std::uint32_t i = all[at], nc = all[at + 1], ne = all[at + 2];
      at += 3;
      whole.covers[i].assign(all.begin() + at, all.begin() + at + nc);
      at += nc;
      whole.exposes[i].assign(all.begin() + at, all.begin() + at + ne);
      at += ne;
    }
    std::vector<std::uint32_t>().swap(all);
    plan = sim::SolveExact(whole, budget, start, stop, seed);
  }
  QuietBarrier(mpi.rank, 0);
  BcastVector(plan.chosen, 0);
  double values[4] = {plan.objective, plan.upper_bound, plan.cost, plan.cost_lower_bound};
  MPI_Bcast(values, 4, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  plan.objective = values[0], plan.upper_bound = values[1], plan.cost = values[2], plan.cost_lower_bound = values[3];
  int flags[2] = {plan.proven_optimal, plan.stopped};
  MPI_Bcast(flags, 2, MPI_INT, 0, MPI_COMM_WORLD);
  plan.proven_optimal = flags[0], plan.stopped = flags[1];
  std::vector<char> method(plan.method.begin(), plan.method.end());
  BcastVector(method, 0);
  plan.method.assign(method.begin(), method.end());
  return plan;
}

}  // namespace

DistributedOptimiseResult RunDistributedOptimise(scenario::Scenario s, scenario::OptimiseOverrides over,
                                                 const std::function<void()>& on_root) {
  MpiSession mpi;
  const auto start = std::chrono::steady_clock::now();
  if (mpi.rank != 0) spdlog::set_level(spdlog::level::err);  // one log, rank 0's
  DistributedOptimiseResult out;
  out.root = mpi.rank == 0;
  out.ranks = mpi.size;
  Layout layout;
  over.parts.base = [&](scenario::Scenario scenario) { return BandBase(mpi, std::move(scenario), layout); };
  over.parts.build_problem = [&](const scenario::CoverageResult& b, const std::vector<sim::Candidate>& candidates,
                                 const sim::ProblemOptions& options) {
    return BuildSharedProblem(mpi, b, candidates, options);
  };
  over.parts.solve_exact = [&](const sim::CoverageProblem& p, const sim::Budget& budget, const sim::Plan& plan,
                               const sim::StopControl& stop, int seed) {
    return ExactOnRoot(mpi, p, budget, plan, stop, seed, layout);
  };
  over.cell_weights = {};
  try {
    mpi.Together([&] {
      if (s.optimise && s.optimise->weight_by_flow)
        throw core::InputError(s.file.string(), s.optimise->where,
                               "weight_by: flow runs in one process (the people simulation is not split over MPI "
                               "ranks): run `sightline optimise` without mpirun");
      if (mpi.rank == 0 && on_root) on_root();
    });
    out.result = scenario::RunOptimise(std::move(s), over);
  } catch (const QuietExit&) {
    throw;
  } catch (const RankError& e) {
    std::rethrow_exception(e.error);  // this rank saw it first: it says it
  } catch (...) {
    if (mpi.rank == 0) throw;  // the same on every rank (every rank runs the same steps): rank 0 says it
    throw QuietExit{};
  }
  const double peak = PeakBytes();
  out.peak_bytes.resize(mpi.rank == 0 ? mpi.size : 0);
  MPI_Gather(&peak, 1, MPI_DOUBLE, out.peak_bytes.data(), 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  for (int q = 0; q < mpi.size; ++q) out.bands.push_back(BandOf(layout.ny, q, mpi.size));
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace dist
