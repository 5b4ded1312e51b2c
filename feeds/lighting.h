// The colour pass's light beyond OpenGL's fixed pipeline: sun shadows and street lamps, one
// GLSL program on the colour scene only (the id and agents-alone passes never see it, so the
// labels do not change). Light 0 (the sun, or the renderer's fixed light) is lit as the fixed
// pipeline lights it, its diffuse part times the share of the fragment the sun reaches.
//  - Shadows: depth maps seen from the sun (orthographic, rendered off screen and read back
//    into depth textures), compared per fragment by the sampler (2 x 2 texels, bilinear: soft
//    by a texel):
//    per camera one of the city over the ground it sees (made once: the city does not move)
//    and per frame one of the agents, cropped to where their shadows can fall in it.
//  - Lamps: OSM street lamps (geo::PointFeature "street_lamp") as point lights 6 m up, the
//    kMaxLamps nearest to what the camera sees, when the daylight is low: pools of light.
//  - Gain: the sensor's night gain (feeds/run.cpp) is applied here to the sun and ambient
//    light, so that lamps can stay bright in an image that is dark elsewhere.
// Deterministic: the same scene and camera give the same bytes.
#pragma once

#include <memory>
#include <optional>
#include <osg/Node>
#include <osg/StateSet>
#include <osg/Texture2D>
#include <osg/Uniform>
#include <vector>

#include "feeds/sun.h"
#include "geo/city_model.h"
#include "sim/camera.h"

namespace render {
class EyeRenderer;
struct EyeImage;
}  // namespace render

namespace feeds {

struct LightingLook {
  std::optional<SunPosition> sun;  // none: the renderer's fixed light, no shadows
  bool shadows = true;             // cast sun shadows when the sun is above the horizon
  double daylight = 1;             // 1 day ... 0 night: lamp strength and gain
};

// The sensor's gain at this daylight (1 by day, 0.22 at night): feeds/run.cpp's exposure.
double SensorGain(double daylight);
// How strongly the street lamps shine: 0 by day (daylight >= 0.6), 1 from 0.1 down.
double LampStrength(double daylight);

class FeedLighting {
 public:
  static constexpr int kMaxLamps = 8;
  static constexpr int kCityMapPx = 2048;
  // The agents' map, over the part of the city's window their shadows can fall on: about
  // 10-30 cm a texel on a plaza, enough for a person's shadow, a quarter of the cost of 1024.
  static constexpr int kAgentMapPx = 512;
  // How far from a camera its shadow map reaches: twice its range, within these bounds
  // (metres); beyond, everything is sunlit.
  static constexpr double kMinReachM = 50, kMaxReachM = 150;
  static constexpr double kLampHeightM = 6;

  // `city` and `agents`: the colour scene's nodes that throw shadows (drawn into the depth
  // maps; `agents` changes its children frame by frame); `colour`: the state of the colour
  // scene, which gets the program. Nothing is set when neither shadows nor lamps apply (the
  // fixed pipeline then lights the scene alone).
  FeedLighting(const geo::CityModel& model, const LightingLook& look, osg::Node* city,
               osg::Node* agents, osg::StateSet* colour);
  ~FeedLighting();

  bool shadows() const { return shadows_; }
  bool active() const { return active_; }  // the program is in use (shadows or lamps)
  // Lamps the scene has; lamps lit now (0 by day).
  std::size_t lamps() const { return lamps_.size(); }

  // Sets the shadow maps over what `camera` sees and picks its lamps; call before each colour
  // render of that camera, after the agents moved (`agents`: their bounding spheres). Needs an
  // X display (shadows).
  void PrepareFor(const sim::Camera& camera, const std::vector<osg::BoundingSphere>& agents);

  // A depth map: the window [l, r] x [b, t] of the sun's view, metres from its near plane.
  struct DepthMap {
    double l = 0, r = 0, b = 0, t = 0;
    osg::ref_ptr<osg::Image> image;
    osg::ref_ptr<osg::Texture2D> texture;
  };

 private:
  void Render(osg::Node* casters, render::EyeRenderer& renderer, DepthMap& map);
  osg::Matrixf MapMatrix(const DepthMap& map) const;  // world -> (s, t, depth)

  osg::ref_ptr<osg::Node> city_casters_, agent_casters_;
  bool shadows_ = false, active_ = false;
  osg::Vec3d sun_dir_;             // unit, towards the sun
  osg::BoundingBox bounds_;        // the city's, grown by agents' heights
  osg::Matrixd sun_view_;          // world -> the sun's eye (looking down its rays)
  double sun_far_m_ = 0;           // depth range of the sun's view: the whole scene
  std::vector<osg::Vec3f> lamps_;  // lamp heads
  double lamp_strength_ = 0;
  std::vector<std::pair<sim::Camera, DepthMap>> city_maps_;  // per camera seen so far
  DepthMap agent_map_;
  osg::StateSet* colour_ = nullptr;
  osg::ref_ptr<osg::Uniform> city_matrix_, city_texel_m_, agent_matrix_, agent_texel_m_, agents_on_,
      lamp_pos_, lamp_count_;
  std::unique_ptr<render::EyeRenderer> city_renderer_, agent_renderer_;
  std::unique_ptr<render::EyeImage> depth_;  // the last depth read back (buffers reused)
};

}  // namespace feeds
