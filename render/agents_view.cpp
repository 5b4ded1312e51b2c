#include "render/agents_view.h"

#include <osg/Geode>
#include <osg/Material>

#include <algorithm>
#include <cmath>

namespace render {
namespace {

struct Arrays {
  osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
  osg::ref_ptr<osg::Vec3Array> n = new osg::Vec3Array;
  osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
};

// Axes of an agent on the ground: forward along its heading, right across it, up.
struct Frame {
  osg::Vec3 origin, forward, right;
};

// A box in the agent's frame: along [f0, f1] forward, [-w/2, w/2] across, [z0, z1] up.
void Box(Arrays& a, const Frame& fr, double f0, double f1, double w, double z0, double z1, const Rgbf& rgb) {
  const osg::Vec3 up(0, 0, 1);
  auto p = [&](double f, double r, double z) {
    return fr.origin + fr.forward * float(f) + fr.right * float(r) + up * float(z);
  };
  const double h = w / 2;
  const osg::Vec3 c[8] = {p(f0, -h, z0), p(f1, -h, z0), p(f1, h, z0), p(f0, h, z0),
                          p(f0, -h, z1), p(f1, -h, z1), p(f1, h, z1), p(f0, h, z1)};
  const osg::Vec4 colour(rgb[0], rgb[1], rgb[2], 1);
  auto quad = [&](int i, int j, int k, int l, const osg::Vec3& normal) {
    for (int q : {i, j, k, i, k, l}) {
      a.v->push_back(c[q]);
      a.n->push_back(normal);
      a.c->push_back(colour);
    }
  };
  quad(0, 3, 2, 1, -up);
  quad(4, 5, 6, 7, up);
  quad(0, 1, 5, 4, -fr.right);
  quad(2, 3, 7, 6, fr.right);
  quad(1, 2, 6, 5, fr.forward);
  quad(3, 0, 4, 7, -fr.forward);
}

// A flat 12-gon a little above the ground, facing up.
void Disc(Arrays& a, const Frame& fr, double radius, const Rgbf& rgb) {
  const osg::Vec4 colour(rgb[0], rgb[1], rgb[2], 1);
  const osg::Vec3 centre = fr.origin + osg::Vec3(0, 0, 0.3f);  // over the overlay and the wedges (0.2 m)
  constexpr int n = 12;
  for (int i = 0; i < n; ++i) {
    const double a0 = 2 * osg::PI * i / n, a1 = 2 * osg::PI * (i + 1) / n;
    for (const osg::Vec3& p : {centre, centre + osg::Vec3(float(radius * std::cos(a0)), float(radius * std::sin(a0)), 0),
                               centre + osg::Vec3(float(radius * std::cos(a1)), float(radius * std::sin(a1)), 0)}) {
      a.v->push_back(p);
      a.n->push_back({0, 0, 1});
      a.c->push_back(colour);
    }
  }
}

Rgbf Lighter(const Rgbf& c, float t) { return {c[0] + (1 - c[0]) * t, c[1] + (1 - c[1]) * t, c[2] + (1 - c[2]) * t}; }

constexpr Rgbf kSkin{0.90f, 0.75f, 0.62f}, kBike{0.15f, 0.15f, 0.15f};

void Person(Arrays& a, const Frame& fr, const AgentShape& s, double z_from) {
  const double h = s.height_m, head = 0.13 * h;
  const double depth = std::min(0.3, 0.6 * s.width_m);
  Box(a, fr, -depth / 2, depth / 2, 0.8 * std::min(s.width_m, 0.5), z_from, h - head, s.colour);
  Box(a, fr, -head / 2, head / 2, head, h - head, h, kSkin);
}

}  // namespace

AgentShape ShapeOf(scenario::AgentClass c, const scenario::AgentSize& size, const sim::Vec3d& base,
                   double heading_deg, const Rgbf& colour) {
  AgentShape s;
  s.kind = c == scenario::AgentClass::pedestrian ? AgentShape::Kind::person
           : scenario::IsPerson(c)               ? AgentShape::Kind::cyclist
                                                 : AgentShape::Kind::vehicle;
  s.base = base;
  s.heading_deg = heading_deg;
  s.length_m = size.length_m, s.width_m = size.width_m, s.height_m = size.height_m;
  s.colour = colour;
  return s;
}

Rgbf CameraColour(int i) {
  static constexpr Rgbf kColours[] = {{0.12f, 0.47f, 0.71f}, {0.17f, 0.63f, 0.17f}, {0.84f, 0.15f, 0.16f},
                                      {0.58f, 0.40f, 0.74f}, {0.55f, 0.34f, 0.29f}, {0.89f, 0.47f, 0.76f},
                                      {0.74f, 0.74f, 0.13f}, {0.09f, 0.75f, 0.81f}, {0.00f, 0.20f, 0.45f}};
  constexpr int n = sizeof(kColours) / sizeof(kColours[0]);
  return kColours[((i % n) + n) % n];
}

AgentsNode::AgentsNode(bool ground_marks)
    : root_(new osg::Group), geometry_(new osg::Geometry), ground_marks_(ground_marks) {
  geometry_->setUseVertexBufferObjects(true);
  geometry_->setDataVariance(osg::Object::DYNAMIC);
  osg::ref_ptr<osg::Geode> geode = new osg::Geode;
  geode->addDrawable(geometry_);
  root_->addChild(geode);
  osg::ref_ptr<osg::Material> m = new osg::Material;
  m->setColorMode(osg::Material::AMBIENT_AND_DIFFUSE);
  osg::StateSet* ss = root_->getOrCreateStateSet();
  ss->setAttributeAndModes(m);
  ss->setMode(GL_LIGHTING, osg::StateAttribute::ON);
  ss->setMode(GL_NORMALIZE, osg::StateAttribute::ON);
  Update({});
}

void AgentsNode::Update(std::span<const AgentShape> agents) {
  Arrays a;
  const std::size_t per_agent = 3 * 36 + 36;
  a.v->reserve(agents.size() * per_agent), a.n->reserve(agents.size() * per_agent), a.c->reserve(agents.size() * per_agent);
  for (const AgentShape& s : agents) {
    const double h = osg::DegreesToRadians(s.heading_deg);
    const Frame fr{osg::Vec3(float(s.base.x), float(s.base.y), float(s.base.z)),
                   osg::Vec3(float(std::sin(h)), float(std::cos(h)), 0), osg::Vec3(float(std::cos(h)), float(-std::sin(h)), 0)};
    const double l = s.length_m, w = s.width_m, ht = s.height_m;
    if (ground_marks_) Disc(a, fr, std::max(1.0, 0.6 * std::max(l, w)), s.colour);
    switch (s.kind) {
      case AgentShape::Kind::person: Person(a, fr, s, 0); break;
      case AgentShape::Kind::cyclist:
        Box(a, fr, -l / 2, l / 2, 0.12, 0.25, 0.75, kBike);  // the bicycle, wheels to saddle
        Person(a, fr, s, 0.75);
        break;
      case AgentShape::Kind::vehicle: {
        const double cabin = l > 8 ? 0.96 * l : 0.55 * l;  // a bus is cabin all along
        Box(a, fr, -l / 2, l / 2, w, 0.15 * ht, 0.58 * ht, s.colour);
        Box(a, fr, -cabin / 2 - (l > 8 ? 0 : 0.08 * l), cabin / 2 - (l > 8 ? 0 : 0.08 * l), 0.92 * w, 0.58 * ht, ht,
            Lighter(s.colour, 0.45f));
        break;
      }
    }
  }
  geometry_->setVertexArray(a.v);
  geometry_->setNormalArray(a.n, osg::Array::BIND_PER_VERTEX);
  geometry_->setColorArray(a.c, osg::Array::BIND_PER_VERTEX);
  geometry_->removePrimitiveSet(0, geometry_->getNumPrimitiveSets());
  geometry_->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, static_cast<int>(a.v->size())));
  geometry_->dirtyBound();
}

}  // namespace render
