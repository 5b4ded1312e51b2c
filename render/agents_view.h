// People and vehicles in the 3D view, as shapes a planner recognises at a glance: a person is
// a body with a head, a cyclist the same over a bicycle, a vehicle a body with a cabin; each
// at its class's size, turned to its heading. All agents are one geometry, rebuilt per update
// (thousands of agents stay one draw call). Also the colours that tell cameras apart, so an
// agent a camera sees can wear that camera's colour.
#pragma once

#include <array>
#include <osg/Geometry>
#include <osg/Group>
#include <span>

#include "scenario/agents_spec.h"
#include "sim/camera.h"

namespace render {

using Rgbf = std::array<float, 3>;

struct AgentShape {
  enum class Kind { person, cyclist, vehicle };
  Kind kind = Kind::person;
  sim::Vec3d base;          // local frame metres: the ground under the agent's centre
  double heading_deg = 0;   // direction of travel, clockwise from north
  double length_m = 0.5, width_m = 0.5, height_m = 1.75;
  Rgbf colour{0.35f, 0.38f, 0.45f};  // body (the head keeps a skin tone, the cabin is lighter)
};

// The shape of an agent of class `c` and size `size` standing at `base`, heading `heading_deg`:
// pedestrians are persons, cyclists ride, everything else is a vehicle.
AgentShape ShapeOf(scenario::AgentClass c, const scenario::AgentSize& size, const sim::Vec3d& base,
                   double heading_deg, const Rgbf& colour);

// Unseen agents: people slate, vehicles light grey (camera colours stand out against both).
inline constexpr Rgbf kUnseenPerson{0.33f, 0.36f, 0.43f}, kUnseenVehicle{0.62f, 0.62f, 0.66f};

// A camera's own colour in the 3D view (its marker, the agents it sees): Tableau 10 without
// its orange (the selection's colour) and grey, repeating after nine cameras.
Rgbf CameraColour(int camera_index);

class AgentsNode {
 public:
  // `ground_marks`: a disc in the agent's colour on the ground under each, so that agents show
  // from afar and in the top-down map (a person is a few pixels there).
  explicit AgentsNode(bool ground_marks = true);
  osg::Group* node() { return root_.get(); }
  void Update(std::span<const AgentShape> agents);

 private:
  osg::ref_ptr<osg::Group> root_;
  osg::ref_ptr<osg::Geometry> geometry_;
  bool ground_marks_;
};

}  // namespace render
