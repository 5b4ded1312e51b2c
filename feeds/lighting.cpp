#include "feeds/lighting.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <osg/ColorMask>
#include <osg/Program>
#include <osg/Shader>

#include "render/camera_eye.h"

#ifndef GL_DEPTH_COMPONENT32F
#define GL_DEPTH_COMPONENT32F 0x8CAC
#endif

namespace feeds {
namespace {

constexpr int kShadowUnit = 1;  // texture unit of the depth map

// Per vertex (faces are flat: their vertices share the face's normal): light 0's angle and
// each map's lookup, the point pushed off its surface by a texel and its depth biased by the
// slope, so that no surface shadows itself.
const char* kVertex = R"(#version 120
uniform mat4 city_matrix, agent_matrix;     // world -> (s, t, metres from the sun's near plane)
uniform float city_texel_m, agent_texel_m;  // texel sizes, metres
uniform float depth_scale;                  // 1 / the sun view's depth range, metres
varying vec3 world_pos, world_normal, city_coord, agent_coord;
varying float ndotl;
varying vec4 colour;

vec3 MapCoord(mat4 m, float texel_m, vec3 n, float slope) {
  vec3 c = (m * vec4(gl_Vertex.xyz + n * (1.5 * texel_m), 1.0)).xyz;
  return vec3(c.xy, (c.z - 0.03 - texel_m * slope) * depth_scale);
}

void main() {
  // The scene has no transforms below the camera: vertices are in world coordinates.
  world_pos = gl_Vertex.xyz;
  world_normal = normalize(gl_Normal);
  vec3 eye_normal = normalize(gl_NormalMatrix * gl_Normal);
  ndotl = max(dot(eye_normal, normalize(gl_LightSource[0].position.xyz)), 0.0);
  float slope = min(sqrt(max(0.0, 1.0 - ndotl * ndotl)) / max(ndotl, 0.2), 5.0);
  city_coord = MapCoord(city_matrix, city_texel_m, world_normal, slope);
  agent_coord = MapCoord(agent_matrix, agent_texel_m, world_normal, slope);
  colour = gl_Color;
  gl_Position = ftransform();
}
)";

// Light 0 as the fixed pipeline lights a colour-material surface (ambient from the light model
// and the light, diffuse by the angle), its diffuse part times the sunlit share (depth
// comparisons filtered bilinearly by the sampler: soft by a texel); then lamps.
const char* kFragment = R"(#version 120
uniform sampler2DShadow city_map, agent_map;
uniform bool shadow_on, agents_on;
uniform float gain;  // the sensor's gain, applied to all but the lamps
uniform int lamp_count;
uniform vec3 lamp_pos[8];
uniform float lamp_strength;
varying vec3 world_pos, world_normal, city_coord, agent_coord;
varying float ndotl;
varying vec4 colour;

float Sunlit(sampler2DShadow map, vec3 c) {
  if (c.x <= 0.0 || c.y <= 0.0 || c.x >= 1.0 || c.y >= 1.0) return 1.0;
  return shadow2D(map, c).r;
}

void main() {
  float sun = ndotl;
  if (shadow_on && sun > 0.0) {
    sun *= Sunlit(city_map, city_coord);
    if (agents_on && sun > 0.0) sun *= Sunlit(agent_map, agent_coord);
  }
  vec3 ambient = gl_LightModel.ambient.rgb + gl_LightSource[0].ambient.rgb;
  vec3 lit = colour.rgb * (ambient + gl_LightSource[0].diffuse.rgb * sun) * gain;
  for (int i = 0; i < 8; ++i) {
    if (i >= lamp_count) break;
    vec3 d = lamp_pos[i] - world_pos;
    float dist = length(d);
    float lambert = max(dot(world_normal, d / dist), 0.0);
    // Bright below the head, half at its height away, gone by 25 m.
    float fall = 2.0 / (1.0 + dist * dist / 36.0) * (1.0 - smoothstep(15.0, 25.0, dist));
    lit += colour.rgb * vec3(1.0, 0.82, 0.55) * (lamp_strength * lambert * fall);
  }
  gl_FragColor = vec4(min(lit, vec3(1.0)), colour.a);
}
)";

constexpr int kCityUnit = 1, kAgentUnit = 2;  // texture units of the depth maps

// A depth texture of `px` x `px` texels (float, the share of the sun view's depth range) that
// the sampler compares with a fragment's depth, filtered bilinearly: one lookup, 2 x 2 texels.
FeedLighting::DepthMap NewMap(int px) {
  FeedLighting::DepthMap m;
  m.image = new osg::Image;
  m.image->allocateImage(px, px, 1, GL_DEPTH_COMPONENT, GL_FLOAT);
  m.image->setInternalTextureFormat(GL_DEPTH_COMPONENT32F);
  std::fill_n(reinterpret_cast<float*>(m.image->data()), std::size_t(px) * px, 1.0f);
  m.texture = new osg::Texture2D(m.image);
  m.texture->setInternalFormat(GL_DEPTH_COMPONENT32F);
  m.texture->setSourceFormat(GL_DEPTH_COMPONENT);
  m.texture->setSourceType(GL_FLOAT);
  m.texture->setShadowComparison(true);
  m.texture->setShadowCompareFunc(osg::Texture::LEQUAL);
  m.texture->setShadowTextureMode(osg::Texture::LUMINANCE);
  m.texture->setFilter(osg::Texture::MIN_FILTER, osg::Texture::NEAREST);
  m.texture->setFilter(osg::Texture::MAG_FILTER, osg::Texture::NEAREST);
  m.texture->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_EDGE);
  m.texture->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_EDGE);
  m.texture->setResizeNonPowerOfTwoHint(false);
  m.texture->setUnRefImageDataAfterApply(false);
  return m;
}

// What draws `node` for depth only: no lighting, no colour writes.
osg::ref_ptr<osg::Group> DepthOnly(osg::Node* node) {
  osg::ref_ptr<osg::Group> g = new osg::Group;
  g->addChild(node);
  osg::StateSet* ss = g->getOrCreateStateSet();
  ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
  ss->setAttributeAndModes(new osg::ColorMask(false, false, false, false),
                           osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
  return g;
}

}  // namespace

double SensorGain(double daylight) { return 0.22 + 0.78 * std::clamp(daylight, 0.0, 1.0); }

double LampStrength(double daylight) { return std::clamp((0.6 - daylight) / 0.5, 0.0, 1.0); }

FeedLighting::FeedLighting(const geo::CityModel& model, const LightingLook& look, osg::Node* city,
                           osg::Node* agents, osg::StateSet* colour)
    : colour_(colour) {
  if (look.sun && look.shadows && look.sun->elevation_deg > 0) {
    shadows_ = true;
    const double az = look.sun->azimuth_deg * std::numbers::pi / 180,
                 el = look.sun->elevation_deg * std::numbers::pi / 180;
    sun_dir_ = {std::sin(az) * std::cos(el), std::cos(az) * std::cos(el), std::sin(el)};
  }
  lamp_strength_ = LampStrength(look.daylight);
  if (lamp_strength_ > 0)
    for (const geo::PointFeature& p : model.poles)
      if (p.kind == "street_lamp")
        lamps_.push_back({p.position.x, p.position.y, float(p.position.z + kLampHeightM)});
  active_ = shadows_ || !lamps_.empty();
  if (!active_) return;

  const geo::Box3f b = model.Bounds();
  if (!b.empty()) {
    bounds_.expandBy(osg::Vec3(b.min.x, b.min.y, b.min.z));
    bounds_.expandBy(osg::Vec3(b.max.x, b.max.y, b.max.z + 5));  // agents: buses are 3-4 m tall
  } else {
    bounds_.expandBy(osg::Vec3(-1, -1, 0));
    bounds_.expandBy(osg::Vec3(1, 1, 5));
  }
  // The sun's view: from beyond the scene down its rays, depths across all of it, so that
  // anything between the sun and a point casts its shadow there.
  const double radius = bounds_.radius() + 10;
  const osg::Vec3d up = std::abs(sun_dir_.z()) > 0.999 ? osg::Vec3d(0, 1, 0) : osg::Vec3d(0, 0, 1);
  sun_view_ = osg::Matrixd::lookAt(osg::Vec3d(bounds_.center()) + sun_dir_ * radius,
                                   osg::Vec3d(bounds_.center()), up);
  sun_far_m_ = 2 * radius;
  city_casters_ = DepthOnly(city);
  agent_casters_ = DepthOnly(agents);

  osg::ref_ptr<osg::Program> program = new osg::Program;
  program->addShader(new osg::Shader(osg::Shader::VERTEX, kVertex));
  program->addShader(new osg::Shader(osg::Shader::FRAGMENT, kFragment));
  colour->setAttributeAndModes(program);
  colour->addUniform(new osg::Uniform("gain", float(SensorGain(look.daylight))));
  colour->addUniform(new osg::Uniform("lamp_strength", float(lamp_strength_)));
  colour->addUniform(new osg::Uniform("shadow_on", shadows_));
  colour->addUniform(new osg::Uniform("depth_scale", float(1 / sun_far_m_)));
  colour->addUniform(new osg::Uniform("city_map", kCityUnit));
  colour->addUniform(new osg::Uniform("agent_map", kAgentUnit));
  city_matrix_ = new osg::Uniform("city_matrix", osg::Matrixf());
  agent_matrix_ = new osg::Uniform("agent_matrix", osg::Matrixf());
  city_texel_m_ = new osg::Uniform("city_texel_m", 0.1f);
  agent_texel_m_ = new osg::Uniform("agent_texel_m", 0.1f);
  agents_on_ = new osg::Uniform("agents_on", false);
  lamp_count_ = new osg::Uniform("lamp_count", 0);
  lamp_pos_ = new osg::Uniform(osg::Uniform::FLOAT_VEC3, "lamp_pos", kMaxLamps);
  for (int i = 0; i < kMaxLamps; ++i) lamp_pos_->setElement(i, osg::Vec3f());
  for (osg::Uniform* u :
       {city_matrix_.get(), agent_matrix_.get(), city_texel_m_.get(), agent_texel_m_.get(),
        agents_on_.get(), lamp_count_.get(), lamp_pos_.get()})
    colour->addUniform(u);
  // Bound even without shadows: every sampler has a texture.
  const DepthMap none = NewMap(1);
  colour->setTextureAttribute(kCityUnit, none.texture);
  agent_map_ = shadows_ ? NewMap(kAgentMapPx) : none;
  colour->setTextureAttribute(kAgentUnit, agent_map_.texture);
}

FeedLighting::~FeedLighting() = default;

void FeedLighting::Render(osg::Node* casters, render::EyeRenderer& renderer, DepthMap& map) {
  if (!depth_) depth_ = std::make_unique<render::EyeImage>();
  render::EyeImage& depth = *depth_;
  renderer.Render(casters, sun_view_,
                  osg::Matrixd::ortho(map.l, map.r, map.b, map.t, 0, sun_far_m_), 0, sun_far_m_,
                  depth);
  float* texels = reinterpret_cast<float*>(map.image->data());
  const int w = map.image->s(), h = map.image->t();
  for (int row = 0; row < h; ++row) {  // the texture's rows start at the bottom
    const float* from = &depth.depth_m[std::size_t(h - 1 - row) * w];
    float* to = texels + std::size_t(row) * w;
    for (int col = 0; col < w; ++col)
      to[col] = std::isfinite(from[col]) ? float(from[col] / sun_far_m_) : 1.0f;
  }
  map.image->dirty();
}

osg::Matrixf FeedLighting::MapMatrix(const DepthMap& m) const {
  // World -> the sun's eye (row vectors, as OSG), then eye -> (s, t, depth): x, y over the
  // window, depth the distance in front of the eye.
  const osg::Matrixd to_map(1 / (m.r - m.l), 0, 0, 0,  //
                            0, 1 / (m.t - m.b), 0, 0,  //
                            0, 0, -1, 0,               //
                            -m.l / (m.r - m.l), -m.b / (m.t - m.b), 0, 1);
  return osg::Matrixf(sun_view_ * to_map);
}

void FeedLighting::PrepareFor(const sim::Camera& camera,
                              const std::vector<osg::BoundingSphere>& agents) {
  if (!active_) return;
  // What the camera sees, coarsely: rays through a grid over its image, each cut at the
  // ground (the scene's lowest point), at the top of the scene or at its reach.
  const double reach_m = std::clamp(2 * camera.max_range_m, kMinReachM, kMaxReachM);
  const osg::Vec3d eye(camera.position.x, camera.position.y, camera.position.z);
  std::vector<osg::Vec3d> seen{eye};
  constexpr int kSteps = 6;
  for (int i = 0; i <= kSteps; ++i)
    for (int j = 0; j <= kSteps; ++j) {
      const sim::Vec3d d = sim::PixelRay(camera, camera.width_px * double(i) / kSteps,
                                         camera.height_px * double(j) / kSteps);
      if (!std::isfinite(d.x) || !std::isfinite(d.y) || !std::isfinite(d.z)) continue;
      double reach = reach_m;
      if (d.z < 0) reach = std::min(reach, (eye.z() - bounds_.zMin()) / -d.z);
      if (d.z > 0) reach = std::min(reach, std::max(0.0, bounds_.zMax() - eye.z()) / d.z);
      seen.push_back(eye + osg::Vec3d(d.x, d.y, d.z) * std::max(0.0, reach));
    }
  osg::Vec3d centre;
  for (const osg::Vec3d& p : seen) centre += p;
  centre /= double(seen.size());

  // The lamps nearest to what it sees (ties: the city's order).
  std::vector<std::size_t> order(lamps_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto far2 = [&](std::size_t i) {
    const osg::Vec3d d = osg::Vec3d(lamps_[i]) - centre;
    return d.x() * d.x() + d.y() * d.y();
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return far2(a) < far2(b); });
  const int count = static_cast<int>(std::min<std::size_t>(order.size(), kMaxLamps));
  for (int i = 0; i < count; ++i) lamp_pos_->setElement(i, lamps_[order[i]]);
  lamp_count_->set(count);
  if (!shadows_) return;

  // The city's map over those points, made once per camera: the city does not move.
  auto it = std::find_if(city_maps_.begin(), city_maps_.end(),
                         [&](const auto& m) { return m.first == camera; });
  if (it == city_maps_.end()) {
    DepthMap map = NewMap(kCityMapPx);
    map.l = map.b = 1e300, map.r = map.t = -1e300;
    for (const osg::Vec3d& p : seen) {
      const osg::Vec3d q = p * sun_view_;
      map.l = std::min(map.l, q.x()), map.r = std::max(map.r, q.x());
      map.b = std::min(map.b, q.y()), map.t = std::max(map.t, q.y());
    }
    map.l -= 2, map.r += 2, map.b -= 2, map.t += 2;
    if (!city_renderer_)
      city_renderer_ =
          std::make_unique<render::EyeRenderer>(kCityMapPx, kCityMapPx, render::EyeReadback::depth);
    Render(city_casters_.get(), *city_renderer_, map);
    city_maps_.emplace_back(camera, map);
    it = city_maps_.end() - 1;
  }
  const DepthMap& city = it->second;
  colour_->setTextureAttribute(kCityUnit, city.texture);
  city_matrix_->set(MapMatrix(city));
  const double city_texel = std::max(city.r - city.l, city.t - city.b) / kCityMapPx;
  city_texel_m_->set(float(city_texel));

  // The agents' map: the part of the city's window their shadows can fall on, as one
  // rectangle (in the sun's view, a body's shadow lies where the body does).
  DepthMap& a = agent_map_;
  a.l = a.b = 1e300, a.r = a.t = -1e300;
  for (const osg::BoundingSphere& s : agents) {
    const osg::Vec3d q = osg::Vec3d(s.center()) * sun_view_;
    const double r = s.radius() + 0.5;
    if (q.x() + r < city.l || q.x() - r > city.r || q.y() + r < city.b || q.y() - r > city.t)
      continue;
    a.l = std::min(a.l, q.x() - r), a.r = std::max(a.r, q.x() + r);
    a.b = std::min(a.b, q.y() - r), a.t = std::max(a.t, q.y() + r);
  }
  const bool any = a.l < a.r;
  agents_on_->set(any);
  if (!any) return;
  a.l = std::max(a.l, city.l), a.r = std::min(a.r, city.r);
  a.b = std::max(a.b, city.b), a.t = std::min(a.t, city.t);
  if (!agent_renderer_)
    agent_renderer_ =
        std::make_unique<render::EyeRenderer>(kAgentMapPx, kAgentMapPx, render::EyeReadback::depth);
  Render(agent_casters_.get(), *agent_renderer_, a);
  agent_matrix_->set(MapMatrix(a));
  agent_texel_m_->set(float(std::max(a.r - a.l, a.t - a.b) / kAgentMapPx));
}

}  // namespace feeds
