// The 3D scene of the planner's view (OpenSceneGraph): the city mesh shaded by surface class,
// the coverage overlay draped on the ground, zones, camera markers and the selected cameras'
// view volumes. Rebuilt piecewise as the plan changes; no windowing in here.
#pragma once

#include <osg/Group>
#include <osg/Image>
#include <osg/Texture2D>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "geo/background.h"
#include "geo/city_model.h"
#include "render/agents_view.h"
#include "sim/camera.h"
#include "sim/grid.h"
#include "sim/scene.h"
#include "sim/view_footprint.h"
#include "sim/zones.h"

namespace render {

class OverlayUpload;

// The city mesh alone: ground (ground, terrain), structures and the rest as separate geodes
// so the overlay drapes only the ground. Flat shaded, colours by surface class.
struct CityNode {
  osg::ref_ptr<osg::Group> root;
  osg::ref_ptr<osg::Node> ground;
};
CityNode BuildCityNode(const geo::CityModel& city);

class CityView {
 public:
  CityView(const geo::CityModel& city, const sim::Scene& scene, const sim::Grid& grid,
           const std::vector<sim::Zone>& zones);
  ~CityView();

  osg::Group* root() { return root_.get(); }
  osg::Group* city() { return city_.root.get(); }
  osg::Group* eye_scene() { return eye_scene_.get(); }  // what camera-eye views show: city and agents

  // Named buildings (OSM name, CityJSON attribute) with a point above their roof, for labels.
  struct Label {
    std::string text;
    sim::Vec3d position;
  };
  const std::vector<Label>& building_labels() const { return labels_; }
  void ShowStreets(bool on) { streets_->setNodeMask(on ? ~0u : 0u); }

  // RGBA per grid cell (render::OverlayPainter); empty hides the overlay.
  void SetOverlay(const std::vector<std::uint8_t>& rgba);
  // Repaints only `cells` (4 bytes each in `rgba`); only the rectangle around them is uploaded.
  void UpdateOverlay(const std::vector<std::uint32_t>& cells, const std::vector<std::uint8_t>& rgba);
  // The background picture draped on the ground under the overlay, at `opacity` (0..1); null
  // removes it. A new opacity for the same picture rewrites its alpha only.
  void SetBackground(std::shared_ptr<const geo::BackgroundImage> image, double opacity);
  void SetCameras(const std::vector<sim::Camera>& cameras, const std::set<std::string>& selected);
  // Zone outlines a little above the ground (the zone at `highlight` drawn wider).
  void SetZones(const std::vector<sim::Zone>& zones, int highlight = -1);
  // The plan view's wedges: each camera's ground footprint, translucent, coloured by density
  // band as the density overlay and the report are (`levels`: how many bands there are).
  void SetFootprints(const std::vector<sim::ViewFootprint>& footprints, int levels);
  void ShowFootprints(bool on) { footprints_->setNodeMask(on ? ~0u : 0u); }
  // People and vehicles at one instant (none: the timeline is empty or closed).
  void SetAgents(std::span<const AgentShape> agents) { agents_.Update(agents); }

 private:
  const geo::CityModel& city_model_;
  const sim::Scene& scene_;
  const sim::Grid& grid_;
  osg::ref_ptr<osg::Group> root_;
  CityNode city_;
  AgentsNode agents_;
  osg::ref_ptr<osg::Group> eye_scene_;
  osg::ref_ptr<osg::Image> overlay_image_;
  osg::ref_ptr<osg::Texture2D> overlay_texture_;
  osg::ref_ptr<OverlayUpload> overlay_upload_;
  std::shared_ptr<const geo::BackgroundImage> background_;
  double background_opacity_ = -1;
  osg::ref_ptr<osg::Image> background_image_;
  osg::ref_ptr<osg::Texture2D> background_texture_;
  osg::ref_ptr<osg::Group> cameras_;
  osg::ref_ptr<osg::Group> streets_;
  osg::ref_ptr<osg::Group> footprints_;
  osg::ref_ptr<osg::Group> zones_;
  std::vector<Label> labels_;
};

// The view volume of a camera as drawn: rays through the image border, each cut where it
// first meets the city (or at the camera's range). Apex first, then the border points in order.
std::vector<sim::Vec3d> ViewVolumeOutline(const sim::Camera& camera, const sim::Scene& scene, int per_edge = 8);

}  // namespace render
