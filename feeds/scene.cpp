#include "feeds/scene.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <osg/ClearNode>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Light>
#include <osg/LightSource>
#include <osg/Material>
#include <string>

#include "feeds/lighting.h"
#include "render/city_view.h"

namespace feeds {
namespace {

constexpr double kStrideM = 1.5;  // distance walked per full walk cycle (two steps)

std::uint64_t Mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// A stable number per agent id and seed (FNV-1a of the id), and uniform draws from it.
struct Looks {
  std::uint64_t state;
  Looks(const std::string& id, std::uint32_t seed) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
    state = Mix(h ^ (std::uint64_t(seed) << 32));
  }
  double Uniform() {
    state = Mix(state);
    return double(state >> 11) / double(1ull << 53);
  }
  template <std::size_t N>
  Rgb Pick(const Rgb (&palette)[N]) {
    return palette[std::min<std::size_t>(N - 1, std::size_t(Uniform() * N))];
  }
};

const Rgb kShirts[] = {{180, 40, 40},   {40, 70, 150},   {230, 200, 60},  {60, 140, 70},
                       {240, 240, 235}, {30, 30, 35},    {200, 110, 40},  {120, 60, 140},
                       {90, 160, 200},  {170, 170, 175}, {220, 120, 150}, {110, 80, 50}};
const Rgb kTrousers[] = {{35, 40, 70},   {30, 30, 30},  {90, 90, 95},
                         {120, 100, 70}, {60, 70, 110}, {150, 140, 120}};
const Rgb kSkin[] = {
    {240, 200, 170}, {225, 180, 140}, {190, 140, 100}, {140, 95, 65}, {95, 65, 45}};
const Rgb kCars[] = {{200, 200, 205}, {30, 30, 35}, {245, 245, 245}, {150, 20, 25}, {20, 50, 120},
                     {110, 115, 120}, {60, 90, 60}, {200, 170, 40},  {90, 40, 30},  {70, 130, 180}};
const Rgb kGlass{40, 55, 70}, kTyre{25, 25, 25}, kBike{50, 50, 55};

// Places boxes given in an agent's own axes (x right, y forward, z up; origin at its feet).
struct Placer {
  sim::Vec3d origin, right, forward;
  std::vector<BodyBox>* out;
  // A box of half sizes h centred at c, turned by `swing` radians about the x axis through `pivot`.
  void Box(sim::Vec3d c, sim::Vec3d h, Rgb colour, double swing = 0, sim::Vec3d pivot = {}) const {
    BodyBox b;
    b.colour = colour;
    const double cs = std::cos(swing), sn = std::sin(swing);
    for (int i = 0; i < 8; ++i) {
      const double sx = (i == 1 || i == 2 || i == 5 || i == 6) ? 1 : -1;
      const double sy = (i == 2 || i == 3 || i == 6 || i == 7) ? 1 : -1;
      const double sz = i >= 4 ? 1 : -1;
      double x = c.x + sx * h.x, y = c.y + sy * h.y, z = c.z + sz * h.z;
      const double ry = y - pivot.y, rz = z - pivot.z;  // swing about the pivot's x axis
      y = pivot.y + ry * cs - rz * sn;
      z = pivot.z + ry * sn + rz * cs;
      b.corners[i] = {origin.x + x * right.x + y * forward.x,
                      origin.y + x * right.y + y * forward.y, origin.z + z};
    }
    out->push_back(b);
  }
};

void Person(const Placer& p, Looks& looks, double height_m, double phase, bool riding) {
  const double H = height_m * (0.9 + 0.18 * looks.Uniform());
  const Rgb shirt = looks.Pick(kShirts), trousers = looks.Pick(kTrousers), skin = looks.Pick(kSkin);
  const double legs = riding ? 0.25 : std::sin(phase) * 0.45,
               arms = riding ? -0.6 : -std::sin(phase) * 0.35;
  const double hip = 0.47 * H, shoulder = 0.80 * H;
  for (int side : {-1, 1}) {
    p.Box({side * 0.09, 0, hip / 2}, {0.065, 0.07, hip / 2}, trousers, side * legs, {0, 0, hip});
    p.Box({side * 0.245, 0, shoulder - 0.185 * H}, {0.05, 0.055, 0.185 * H}, shirt, side * arms,
          {0, 0, shoulder});
  }
  p.Box({0, 0, (hip + 0.82 * H) / 2}, {0.19, 0.11, (0.82 * H - hip) / 2}, shirt);
  p.Box({0, 0.01, 0.915 * H}, {0.085, 0.1, 0.085 * H}, skin);
}

void Vehicle(const Placer& p, Looks& looks, const scenario::AgentSize& size, bool boxy) {
  const double L = size.length_m * (0.95 + 0.1 * looks.Uniform()), W = size.width_m,
               H = size.height_m;
  const Rgb body = looks.Pick(kCars);
  const double sill = std::min(0.3, 0.18 * H), waist = boxy ? 0.45 * H : 0.6 * H;
  p.Box({0, 0, (sill + waist) / 2}, {W / 2, L / 2, (waist - sill) / 2}, body);
  if (boxy)
    p.Box({0, 0.01 * L, (waist + H) / 2}, {0.49 * W, 0.48 * L, (H - waist) / 2}, body);
  else
    p.Box({0, -0.05 * L, (waist + H) / 2}, {0.44 * W, 0.28 * L, (H - waist) / 2}, kGlass);
  const double r = std::min(0.45, 0.22 * H + 0.05);
  for (int sx : {-1, 1})
    for (int sy : {-1, 1}) p.Box({sx * (W / 2 - 0.11), sy * 0.32 * L, r}, {0.1, r, r}, kTyre);
}

void AddBoxes(const std::vector<BodyBox>& boxes, const std::optional<Rgb>& flat, osg::Vec3Array& v,
              osg::Vec3Array& n, osg::Vec4ubArray& c) {
  static const int kFaces[6][4] = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4},
                                   {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
  for (const BodyBox& b : boxes) {
    const Rgb col = flat ? *flat : b.colour;
    for (const auto& f : kFaces) {
      osg::Vec3 q[4];
      for (int k = 0; k < 4; ++k) q[k].set(b.corners[f[k]].x, b.corners[f[k]].y, b.corners[f[k]].z);
      osg::Vec3 normal = (q[1] - q[0]) ^ (q[2] - q[0]);
      normal.normalize();
      for (int k : {0, 1, 2, 0, 2, 3}) {
        v.push_back(q[k]);
        n.push_back(normal);
        c.push_back({col.r, col.g, col.b, 255});
      }
    }
  }
}

osg::ref_ptr<osg::Geode> BoxesNode(const std::vector<std::vector<BodyBox>>& bodies,
                                   const std::vector<std::uint32_t>& agent_of_body, bool flat_ids) {
  osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array, n = new osg::Vec3Array;
  osg::ref_ptr<osg::Vec4ubArray> c = new osg::Vec4ubArray;
  for (std::size_t i = 0; i < bodies.size(); ++i)
    AddBoxes(bodies[i], flat_ids ? std::optional<Rgb>(IdColour(agent_of_body[i])) : std::nullopt,
             *v, *n, *c);
  osg::ref_ptr<osg::Geode> geode = new osg::Geode;
  if (v->empty()) return geode;
  osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
  g->setUseVertexBufferObjects(true);
  g->setVertexArray(v);
  g->setNormalArray(n, osg::Array::BIND_PER_VERTEX);
  c->setNormalize(true);
  g->setColorArray(c, osg::Array::BIND_PER_VERTEX);
  g->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, static_cast<int>(v->size())));
  geode->addDrawable(g);
  return geode;
}

// Flat colours: no lighting, no blending or dithering that could change an id.
void FlatState(osg::StateSet* ss) {
  const auto off =
      osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE | osg::StateAttribute::PROTECTED;
  ss->setMode(GL_LIGHTING, off);
  ss->setMode(GL_BLEND, off);
  ss->setMode(GL_DITHER, off);
  ss->setMode(GL_CULL_FACE, off);
  ss->setMode(GL_FOG, off);
}

osg::ref_ptr<osg::ClearNode> Sky(const osg::Vec4& colour) {
  osg::ref_ptr<osg::ClearNode> sky = new osg::ClearNode;
  sky->setClearColor(colour);
  sky->setClearMask(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  return sky;
}

// The city's triangles in black for the id pass (they only hide agents), in square tiles by
// where each triangle's centre lies: a pass draws only the tiles that may stand in front of an
// agent (FeedScene::IdsFor). Each tile keeps its triangles in the city's order.
constexpr double kIdTileM = 32;

std::vector<osg::ref_ptr<osg::Geode>> BlackCityTiles(const geo::CityModel& city) {
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::size_t>> by_tile;
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    const geo::Tri& tri = city.triangles[t];
    const auto& a = city.vertices[tri.a];
    const auto& b = city.vertices[tri.b];
    const auto& c = city.vertices[tri.c];
    by_tile[{static_cast<std::int64_t>(std::floor((a.x + b.x + c.x) / 3 / kIdTileM)),
             static_cast<std::int64_t>(std::floor((a.y + b.y + c.y) / 3 / kIdTileM))}]
        .push_back(t);
  }
  osg::ref_ptr<osg::Vec4Array> black = new osg::Vec4Array;
  black->push_back({0, 0, 0, 1});
  std::vector<osg::ref_ptr<osg::Geode>> tiles;
  for (const auto& [tile, triangles] : by_tile) {
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    std::map<std::uint32_t, std::uint32_t> local;  // city vertex -> tile vertex
    osg::ref_ptr<osg::DrawElementsUInt> tris = new osg::DrawElementsUInt(GL_TRIANGLES);
    for (std::size_t t : triangles) {
      const geo::Tri& tri = city.triangles[t];
      for (std::uint32_t i : {tri.a, tri.b, tri.c}) {
        const auto [it, fresh] = local.try_emplace(i, static_cast<std::uint32_t>(v->size()));
        if (fresh) v->push_back({city.vertices[i].x, city.vertices[i].y, city.vertices[i].z});
        tris->push_back(it->second);
      }
    }
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    g->setUseVertexBufferObjects(true);
    g->setVertexArray(v);
    g->setColorArray(black, osg::Array::BIND_OVERALL);
    g->addPrimitiveSet(tris);
    // IdsFor culls; OSG's small-feature culling would drop a small tile far away.
    g->setCullingActive(false);
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(g);
    geode->setCullingActive(false);
    tiles.push_back(geode);
  }
  return tiles;
}

// Whether anything inside `tile` may lie in front of a point of one of the spheres, seen from
// `eye` (conservative): inside the cone the sphere fills from the eye, and nearer than its far
// side (with a margin well above the depth buffer's resolution at that range).
bool MayHide(const osg::BoundingSphere& tile, const osg::Vec3d& eye,
             std::span<const osg::BoundingSphere> spheres) {
  const osg::Vec3d w = osg::Vec3d(tile.center()) - eye;
  const double dt = w.length(), rt = tile.radius();
  if (dt <= rt) return true;
  for (const osg::BoundingSphere& s : spheres) {
    const osg::Vec3d v = osg::Vec3d(s.center()) - eye;
    const double ds = v.length(), rs = s.radius();
    if (ds <= rs) return true;
    if (dt - rt > (ds + rs) * 1.01 + 1) continue;
    const double cos_angle = std::clamp(v * w / (ds * dt), -1.0, 1.0);
    if (std::acos(cos_angle) <= std::asin(rs / ds) + std::asin(rt / dt) + 1e-3) return true;
  }
  return false;
}

}  // namespace

std::vector<BodyBox> AgentBody(const agents::AgentInfo& info, const agents::AgentState& state,
                               double walk_phase, std::uint32_t seed) {
  std::vector<BodyBox> out;
  const double h = state.heading_deg * std::numbers::pi / 180;
  const Placer p{{state.x, state.y, state.z},
                 {std::cos(h), -std::sin(h), 0},
                 {std::sin(h), std::cos(h), 0},
                 &out};
  Looks looks(info.id, seed);
  using scenario::AgentClass;
  switch (info.agent_class) {
    case AgentClass::pedestrian:
      Person(p, looks, info.size.height_m, walk_phase, false);
      break;
    case AgentClass::bicycle: {
      const double L = info.size.length_m;
      p.Box({0, 0, 0.55}, {0.03, 0.3 * L, 0.2}, kBike);
      for (int sy : {-1, 1}) p.Box({0, sy * 0.32 * L, 0.34}, {0.025, 0.34, 0.34}, kTyre);
      const Placer raised{{state.x, state.y, state.z + 0.35}, p.right, p.forward, &out};
      Person(raised, looks, info.size.height_m - 0.35, 0, true);
      break;
    }
    case AgentClass::car:
      Vehicle(p, looks, info.size, false);
      break;
    case AgentClass::van:
    case AgentClass::bus:
      Vehicle(p, looks, info.size, true);
      break;
  }
  return out;
}

Rgb IdColour(std::uint32_t agent) {
  const std::uint32_t v = agent + 1;
  return {std::uint8_t(v & 0xff), std::uint8_t((v >> 8) & 0xff), std::uint8_t((v >> 16) & 0xff)};
}

FeedScene::FeedScene(const geo::CityModel& city, const SceneLook& look) : look_(look) {
  const double d = std::clamp(look.daylight, 0.0, 1.0);
  const osg::Vec4 day(0.62f, 0.76f, 0.93f, 1), night(0.05f, 0.07f, 0.16f, 1);
  colour_ = Sky(night * (1 - d) + day * d);
  if (look.sun) {
    // Light 0 in the scene, in world coordinates (under the view matrix only), replaces the
    // renderer's: positional state set later in the frame wins.
    const double az = look.sun->azimuth_deg * std::numbers::pi / 180,
                 el = look.sun->elevation_deg * std::numbers::pi / 180;
    const float direct = static_cast<float>(0.7 * std::clamp(std::sin(el) * 4, 0.0, 1.0));
    // Ambient a little stronger when the sun is low: the image gain (feeds/run.cpp) darkens nights.
    const float ambient = static_cast<float>(0.45 - 0.15 * d);
    osg::ref_ptr<osg::Light> light = new osg::Light(0);
    light->setPosition({float(std::sin(az) * std::cos(el)), float(std::cos(az) * std::cos(el)),
                        float(std::sin(el)), 0});
    light->setAmbient({ambient, ambient, ambient, 1});
    light->setDiffuse({direct, direct, direct * 0.95f, 1});
    light->setSpecular({0, 0, 0, 1});
    osg::ref_ptr<osg::LightSource> source = new osg::LightSource;
    source->setLight(light);
    colour_->addChild(source);
  }
  const osg::ref_ptr<osg::Group> city_node = render::BuildCityNode(city).root;
  colour_->addChild(city_node);
  colour_agents_ = new osg::Group;
  colour_->addChild(colour_agents_);
  // Agents lit like the city: colours from the vertices.
  osg::ref_ptr<osg::Material> m = new osg::Material;
  m->setColorMode(osg::Material::AMBIENT_AND_DIFFUSE);
  osg::StateSet* ss = colour_agents_->getOrCreateStateSet();
  ss->setAttributeAndModes(m);
  ss->setMode(GL_LIGHTING, osg::StateAttribute::ON);
  ss->setMode(GL_NORMALIZE, osg::StateAttribute::ON);
  ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF);

  // Shadows and lamps: the city and the colour agents throw shadows; the colour scene alone
  // is shaded by them.
  lighting_ = std::make_unique<FeedLighting>(
      city, LightingLook{look.sun, look.shadows, look.daylight}, city_node.get(),
      colour_agents_.get(), colour_->getOrCreateStateSet());

  ids_ = Sky({0, 0, 0, 1});
  FlatState(ids_->getOrCreateStateSet());
  for (const osg::ref_ptr<osg::Geode>& tile : BlackCityTiles(city)) {
    ids_->addChild(tile);
    id_tiles_.push_back(tile);
  }
  id_agents_ = new osg::Group;
  ids_->addChild(id_agents_);
}

FeedScene::~FeedScene() = default;

void FeedScene::LightFor(const sim::Camera& camera) {
  if (!lighting_->active()) return;
  std::vector<osg::BoundingSphere> spheres;
  for (const auto& body : bodies_) {
    osg::BoundingSphere s;
    for (const BodyBox& b : body)
      for (const sim::Vec3d& p : b.corners) s.expandBy(osg::Vec3d(p.x, p.y, p.z));
    spheres.push_back(s);
  }
  lighting_->PrepareFor(camera, spheres);
}
bool FeedScene::GainInRender() const { return lighting_->active(); }
bool FeedScene::CastsShadows() const { return lighting_->shadows(); }
std::size_t FeedScene::Lamps() const { return lighting_->active() ? lighting_->lamps() : 0; }

void FeedScene::Update(const std::vector<agents::AgentInfo>& agents,
                       const agents::Snapshot& snapshot) {
  snapshot_ = snapshot;
  walked_m_.resize(agents.size(), 0);
  last_xy_.resize(agents.size());
  bodies_.clear();
  agents_ = &agents;
  steps_.clear();
  std::vector<std::uint32_t> index;
  for (const agents::AgentState& s : snapshot.states) {
    auto& last = last_xy_[s.agent];
    Step step{s};
    if (!last) {
      walked_m_[s.agent] =
          Looks(agents[s.agent].id, look_.seed).Uniform() * kStrideM;  // out of step
    } else {
      const double before = 2 * std::numbers::pi * walked_m_[s.agent] / kStrideM;
      walked_m_[s.agent] += std::hypot(s.x - (*last)[0], s.y - (*last)[1]);
      step.from.x = (*last)[0], step.from.y = (*last)[1];  // where the step began
      step.from_phase = before;
    }
    last = std::array<double, 2>{s.x, s.y};
    const double phase = 2 * std::numbers::pi * walked_m_[s.agent] / kStrideM;
    step.phase = phase;
    if (step.from.x == s.x && step.from.y == s.y) step.from_phase = phase;
    steps_.push_back(step);
    bodies_.push_back(AgentBody(agents[s.agent], s, phase, look_.seed));
    index.push_back(s.agent);
  }
  colour_agents_->removeChildren(0, colour_agents_->getNumChildren());
  colour_agents_->addChild(BoxesNode(bodies_, index, false));
  id_agents_->removeChildren(0, id_agents_->getNumChildren());
  id_agents_->addChild(BoxesNode(bodies_, index, true));
}

std::vector<std::vector<BodyBox>> FeedScene::BodiesBefore(double fraction) const {
  if (fraction == 0 || !agents_) return bodies_;
  std::vector<std::vector<BodyBox>> out;
  for (const Step& step : steps_) {
    const agents::AgentState& now = snapshot_.states[out.size()];
    agents::AgentState at = now;  // heading and height as now, moved back along the step
    at.x = now.x + (step.from.x - now.x) * fraction;
    at.y = now.y + (step.from.y - now.y) * fraction;
    out.push_back(AgentBody((*agents_)[now.agent], at,
                            step.phase + (step.from_phase - step.phase) * fraction, look_.seed));
  }
  return out;
}

void FeedScene::ShowAgentsBefore(double fraction) {
  std::vector<std::uint32_t> index;
  for (const agents::AgentState& s : snapshot_.states) index.push_back(s.agent);
  colour_agents_->removeChildren(0, colour_agents_->getNumChildren());
  colour_agents_->addChild(BoxesNode(BodiesBefore(fraction), index, false));
}

osg::Node* FeedScene::IdsFor(const osg::Vec3d& eye,
                              std::span<const osg::BoundingSphere> content) {
  for (const osg::ref_ptr<osg::Geode>& tile : id_tiles_)
    tile->setNodeMask(content.empty() || MayHide(tile->getBound(), eye, content) ? ~0u : 0u);
  return ids_.get();
}

osg::ref_ptr<osg::Node> FeedScene::Alone(const std::vector<std::uint32_t>& which) const {
  std::vector<std::vector<BodyBox>> bodies;
  std::vector<std::uint32_t> index;
  for (std::uint32_t i : which) {
    bodies.push_back(bodies_[i]);
    index.push_back(snapshot_.states[i].agent);
  }
  osg::ref_ptr<osg::ClearNode> root = Sky({0, 0, 0, 1});
  FlatState(root->getOrCreateStateSet());
  root->addChild(BoxesNode(bodies, index, true));
  return root;
}

}  // namespace feeds
