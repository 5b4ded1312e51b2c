// The world a feed shows: the city (render::BuildCityNode) with people and vehicles drawn as
// boxes — people articulated (legs and arms swing with a walk cycle driven by the distance
// walked), varied in height and clothing by their id; vehicles a body, a cabin and wheels in
// varied colours — under a sky whose colour follows the day/night knob. Three views of one
// instant: the lit colour scene, the instance-id scene (the city black, each agent its own
// flat colour, no lighting) and agents alone (no city) for the unoccluded pixel counts.
// Deterministic: the looks depend only on the agents' ids and the seed.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <osg/BoundingSphere>
#include <osg/Geode>
#include <osg/Group>
#include <span>
#include <vector>

#include "agents/agent.h"
#include "feeds/sun.h"
#include "geo/city_model.h"
#include "sim/camera.h"

namespace feeds {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

// One box of an agent's body in the frame: corners 0-3 the bottom (-x-y, +x-y, +x+y, -x+y in
// the part's own axes), 4-7 the top above them.
struct BodyBox {
  std::array<sim::Vec3d, 8> corners;
  Rgb colour;
};

// The boxes of an agent at `state`; `walk_phase` (radians) sets the swing of legs and arms.
std::vector<BodyBox> AgentBody(const agents::AgentInfo& info, const agents::AgentState& state,
                               double walk_phase, std::uint32_t seed);

// Colour of agent index `agent` in the instance-id pass: agent + 1 as 24 bits (black: none).
Rgb IdColour(std::uint32_t agent);
// The agent a pixel of the id pass shows; nullopt for the background and the city.
// Inline: it runs for every pixel of every id and agents-alone pass.
inline std::optional<std::uint32_t> AgentFromColour(const std::uint8_t* rgb) {
  const std::uint32_t v = rgb[0] | (std::uint32_t(rgb[1]) << 8) | (std::uint32_t(rgb[2]) << 16);
  if (v == 0) return std::nullopt;
  return v - 1;
}

// Whether `bytes` bytes from `p` are all zero (a black row of an id image: most rows are).
inline bool AllZero(const std::uint8_t* p, std::size_t bytes) {
  std::uint8_t any = 0;
  for (std::size_t i = 0; i < bytes; ++i) any |= p[i];  // vectorised: no early exit
  return any == 0;
}

struct SceneLook {
  std::uint32_t seed = 1;
  double daylight = 1;  // 1 day, 0 night: sky colour (the image's gain is applied after rendering)
  // The sun lights the scene from here (with ambient light by `daylight`); none: the renderer's
  // fixed light, high in the south-east.
  std::optional<SunPosition> sun;
  // With the sun above the horizon: buildings and agents cast shadows (colour scene only).
  bool shadows = true;
};

class FeedLighting;

class FeedScene {
 public:
  FeedScene(const geo::CityModel& city, const SceneLook& look);
  ~FeedScene();

  // Shadows and street lamps for `camera`'s colour renders (feeds/lighting.h); CameraView
  // calls it before each colour frame. Nothing to do without them.
  void LightFor(const sim::Camera& camera);
  // Whether the colour scene applies the sensor's gain itself (then the exposure must not).
  bool GainInRender() const;
  bool CastsShadows() const;
  std::size_t Lamps() const;  // street lamps lit (0 by day or without lamps)

  // Moves the agents to `snapshot`; walk phases advance with the distance each agent moved
  // since the previous call.
  void Update(const std::vector<agents::AgentInfo>& agents, const agents::Snapshot& snapshot);

  // Motion blur's sub-frames: the colour scene's agents put back `fraction` of the way along
  // their last step (0: the snapshot, 1: the previous one), legs and arms in between too.
  void ShowAgentsBefore(double fraction);
  // The bodies the colour scene would show at that fraction (ShowAgentsBefore draws these).
  std::vector<std::vector<BodyBox>> BodiesBefore(double fraction) const;

  osg::Node* colour() { return colour_.get(); }
  osg::Node* ids() { return ids_.get(); }
  // The id scene for a pass seen from `eye` that shows nothing outside `content` (spheres
  // holding the agents it may show, as CameraView's id pass): the city's parts that cannot
  // stand in front of any of them are left out (llvmpipe would still transform and bin every
  // triangle of the city, scissor or not). The pixels are those of ids(); empty: all the city.
  osg::Node* IdsFor(const osg::Vec3d& eye, std::span<const osg::BoundingSphere> content);
  // The listed agents (indices into the snapshot's agent list) alone, in their id colours.
  osg::ref_ptr<osg::Node> Alone(const std::vector<std::uint32_t>& agents) const;

  // The current snapshot's agents, their body boxes in the same order.
  const agents::Snapshot& snapshot() const { return snapshot_; }
  const std::vector<std::vector<BodyBox>>& bodies() const { return bodies_; }

 private:
  SceneLook look_;
  osg::ref_ptr<osg::Group> colour_, ids_, colour_agents_, id_agents_;
  std::vector<osg::ref_ptr<osg::Geode>> id_tiles_;  // the id scene's city, tile by tile
  agents::Snapshot snapshot_;
  std::vector<std::vector<BodyBox>> bodies_;
  std::vector<double> walked_m_;  // per agent index
  std::vector<std::optional<std::array<double, 2>>> last_xy_;
  const std::vector<agents::AgentInfo>* agents_ = nullptr;  // as given to the last Update
  struct Step {               // per snapshot state: where its last step began, and the walk phases
    agents::AgentState from;  // x, y: the start of the step
    double from_phase = 0, phase = 0;
  };
  std::vector<Step> steps_;
  std::unique_ptr<FeedLighting> lighting_;
};

}  // namespace feeds
