#include "render/city_view.h"

#include <osg/BlendFunc>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LineWidth>
#include <osg/Material>
#include <osg/PolygonOffset>
#include <osg/ShapeDrawable>
#include <osg/TexEnv>
#include <osg/TexGen>

#include <algorithm>
#include <cmath>
#include <map>

#include "render/agents_view.h"
#include "report/palette.h"

namespace render {
namespace {

constexpr unsigned kBackgroundUnit = 0, kOverlayUnit = 1;

osg::Vec4 SurfaceColour(geo::Surface s) {
  switch (s) {
    case geo::Surface::ground: return {0.86f, 0.85f, 0.82f, 1};
    case geo::Surface::terrain: return {0.80f, 0.82f, 0.74f, 1};
    case geo::Surface::wall: return {0.93f, 0.90f, 0.84f, 1};
    case geo::Surface::roof: return {0.64f, 0.62f, 0.62f, 1};  // neutral: blind spots are vermillion
    case geo::Surface::underside: return {0.60f, 0.60f, 0.60f, 1};
    case geo::Surface::vegetation: return {0.55f, 0.72f, 0.47f, 1};
    case geo::Surface::water: return {0.55f, 0.73f, 0.86f, 1};
    case geo::Surface::other: return {0.75f, 0.75f, 0.75f, 1};
  }
  return {1, 0, 1, 1};
}

osg::Vec3 V(const geo::Vec3f& v) { return {v.x, v.y, v.z}; }
osg::Vec3 V(const sim::Vec3d& v) { return osg::Vec3(float(v.x), float(v.y), float(v.z)); }

osg::ref_ptr<osg::Geometry> NewGeometry() {
  osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
  g->setUseVertexBufferObjects(true);
  return g;
}

// Lines drawn unlit, always in their own colour.
osg::ref_ptr<osg::Geode> Lines(const std::vector<osg::Vec3>& points, GLenum mode, osg::Vec4 colour, float width) {
  osg::ref_ptr<osg::Geometry> g = NewGeometry();
  g->setVertexArray(new osg::Vec3Array(points.begin(), points.end()));
  osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
  c->push_back(colour);
  g->setColorArray(c, osg::Array::BIND_OVERALL);
  g->addPrimitiveSet(new osg::DrawArrays(mode, 0, static_cast<int>(points.size())));
  osg::ref_ptr<osg::Geode> geode = new osg::Geode;
  geode->addDrawable(g);
  osg::StateSet* ss = geode->getOrCreateStateSet();
  ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::PROTECTED);
  ss->setAttributeAndModes(new osg::LineWidth(width));
  return geode;
}

}  // namespace

// Uploads the overlay image: whole on the first use in a context, afterwards only the rectangle
// of cells that changed (a big city's overlay is hundreds of MB; a camera move touches a few
// thousand cells). Other contexts (off-screen renders) re-upload it whole when it changed.
class OverlayUpload : public osg::Texture2D::SubloadCallback {
 public:
  void MarkChanged(int x0, int y0, int x1, int y1) {  // inclusive cell bounds
    ++revision_;
    if (x0 > x1) return;
    if (rect_empty_) x0_ = x0, y0_ = y0, x1_ = x1, y1_ = y1, rect_empty_ = false;
    else x0_ = std::min(x0_, x0), y0_ = std::min(y0_, y0), x1_ = std::max(x1_, x1), y1_ = std::max(y1_, y1);
  }
  void MarkAllChanged() { MarkChanged(0, 0, -1, -1), whole_ = true; }

  // The size never changes: an existing texture object stays valid (OSG's own profile check
  // would recreate it every frame).
  bool textureObjectValid(const osg::Texture2D& texture, osg::State& state) const override {
    const osg::Texture::TextureObject* t = texture.getTextureObject(state.getContextID());
    return t && t->id() != 0;
  }

  void load(const osg::Texture2D& texture, osg::State& state) const override {
    const osg::Image* img = texture.getImage();
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, img->s(), img->t(), 0, GL_RGBA, GL_UNSIGNED_BYTE, img->data());
    uploaded_[state.getContextID()] = revision_;
    if (primary_ < 0) primary_ = int(state.getContextID());
  }
  void subload(const osg::Texture2D& texture, osg::State& state) const override {
    const unsigned id = state.getContextID();
    if (uploaded_[id] == revision_) return;
    const osg::Image* img = texture.getImage();
    if (int(id) != primary_ || whole_) {
      load(texture, state);
      if (int(id) == primary_) whole_ = false, rect_empty_ = true;
      return;
    }
    if (!rect_empty_) {
      glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
      glPixelStorei(GL_UNPACK_ROW_LENGTH, img->s());
      glTexSubImage2D(GL_TEXTURE_2D, 0, x0_, y0_, x1_ - x0_ + 1, y1_ - y0_ + 1, GL_RGBA, GL_UNSIGNED_BYTE,
                      img->data(x0_, y0_));
      glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
      rect_empty_ = true;
    }
    uploaded_[id] = revision_;
  }

 private:
  std::uint64_t revision_ = 1;
  mutable std::map<unsigned, std::uint64_t> uploaded_;
  mutable int primary_ = -1;
  mutable bool rect_empty_ = true, whole_ = false;
  mutable int x0_ = 0, y0_ = 0, x1_ = 0, y1_ = 0;
};

CityNode BuildCityNode(const geo::CityModel& city) {
  // Flat shading: every triangle gets its own three vertices and its face normal.
  struct Part {
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec3Array> n = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
  } ground, rest;
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    const geo::Tri& tri = city.triangles[t];
    const geo::Surface s = city.triangle_surface[t];
    Part& p = (s == geo::Surface::ground || s == geo::Surface::terrain) ? ground : rest;
    const osg::Vec3 a = V(city.vertices[tri.a]), b = V(city.vertices[tri.b]), c = V(city.vertices[tri.c]);
    osg::Vec3 n = (b - a) ^ (c - a);
    n.normalize();
    for (const osg::Vec3& x : {a, b, c}) {
      p.v->push_back(x);
      p.n->push_back(n);
      p.c->push_back(SurfaceColour(s));
    }
  }
  auto geode = [](Part& p) {
    osg::ref_ptr<osg::Geometry> g = NewGeometry();
    g->setVertexArray(p.v);
    g->setNormalArray(p.n, osg::Array::BIND_PER_VERTEX);
    g->setColorArray(p.c, osg::Array::BIND_PER_VERTEX);
    g->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, static_cast<int>(p.v->size())));
    osg::ref_ptr<osg::Geode> node = new osg::Geode;
    node->addDrawable(g);
    return node;
  };
  CityNode out;
  out.root = new osg::Group;
  out.ground = geode(ground);
  out.root->addChild(out.ground);
  out.root->addChild(geode(rest));
  // Colours come from the vertices; both faces lit (some sources wind triangles inconsistently).
  osg::ref_ptr<osg::Material> m = new osg::Material;
  m->setColorMode(osg::Material::AMBIENT_AND_DIFFUSE);
  osg::StateSet* ss = out.root->getOrCreateStateSet();
  ss->setAttributeAndModes(m);
  ss->setMode(GL_LIGHTING, osg::StateAttribute::ON);
  ss->setMode(GL_NORMALIZE, osg::StateAttribute::ON);
  ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF);
  return out;
}

CityView::CityView(const geo::CityModel& city, const sim::Scene& scene, const sim::Grid& grid,
                   const std::vector<sim::Zone>& zones)
    : city_model_(city), scene_(scene), grid_(grid), root_(new osg::Group), city_(BuildCityNode(city)),
      cameras_(new osg::Group) {
  root_->addChild(city_.root);
  root_->addChild(cameras_);
  root_->addChild(agents_.node());
  eye_scene_ = new osg::Group;
  eye_scene_->addChild(city_.root);
  eye_scene_->addChild(agents_.node());

  // Overlay: one texel per grid cell, mapped by plane equations (world x, y -> s, t) so it
  // drapes on whatever ground the mesh has; row 0 is the north edge, as in the grid.
  overlay_image_ = new osg::Image;
  overlay_image_->allocateImage(std::max(grid.nx, 1), std::max(grid.ny, 1), 1, GL_RGBA, GL_UNSIGNED_BYTE);
  std::fill_n(overlay_image_->data(), overlay_image_->getTotalSizeInBytes(), 0);
  overlay_texture_ = new osg::Texture2D(overlay_image_);
  overlay_texture_->setTextureSize(overlay_image_->s(), overlay_image_->t());
  overlay_upload_ = new OverlayUpload;
  overlay_texture_->setSubloadCallback(overlay_upload_);
  overlay_texture_->setResizeNonPowerOfTwoHint(false);
  overlay_texture_->setFilter(osg::Texture::MIN_FILTER, osg::Texture::NEAREST);
  overlay_texture_->setFilter(osg::Texture::MAG_FILTER, osg::Texture::NEAREST);
  overlay_texture_->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_BORDER);
  overlay_texture_->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_BORDER);
  overlay_texture_->setBorderColor({0, 0, 0, 0});
  const double w = grid.nx * grid.resolution_m, h = grid.ny * grid.resolution_m;
  osg::ref_ptr<osg::TexGen> texgen = new osg::TexGen;
  texgen->setMode(osg::TexGen::OBJECT_LINEAR);
  texgen->setPlane(osg::TexGen::S, osg::Plane(1 / w, 0, 0, -grid.min_x / w));
  texgen->setPlane(osg::TexGen::T, osg::Plane(0, -1 / h, 0, grid.max_y / h));
  // Unit 0 holds the background picture (SetBackground), unit 1 the coverage over it.
  osg::StateSet* gs = city_.ground->getOrCreateStateSet();
  gs->setTextureAttributeAndModes(kOverlayUnit, overlay_texture_);
  gs->setTextureAttributeAndModes(kOverlayUnit, texgen);
  gs->setTextureMode(kOverlayUnit, GL_TEXTURE_GEN_S, osg::StateAttribute::ON);
  gs->setTextureMode(kOverlayUnit, GL_TEXTURE_GEN_T, osg::StateAttribute::ON);
  gs->setTextureAttribute(kOverlayUnit, new osg::TexEnv(osg::TexEnv::DECAL));

  zones_ = new osg::Group;
  root_->addChild(zones_);
  SetZones(zones);

  // Streets (OSM highways) as lines just above the ground.
  streets_ = new osg::Group;
  for (const geo::PathFeature& path : city.paths) {
    std::vector<osg::Vec3> pts;
    for (const geo::Vec3f& p : path.points) pts.emplace_back(p.x, p.y, p.z + 0.15f);
    if (pts.size() >= 2) streets_->addChild(Lines(pts, GL_LINE_STRIP, {0.45f, 0.45f, 0.50f, 1}, 2));
  }
  root_->addChild(streets_);
  footprints_ = new osg::Group;
  root_->addChild(footprints_);

  // Labels: the centre of each named building's roof, a metre above its top.
  struct Acc {
    double x = 0, y = 0, n = 0;
    float top = -1e30f;
  };
  std::vector<Acc> acc(city.features.size());
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    const std::uint32_t f = city.triangle_feature[t];
    if (f >= city.features.size() || city.features[f].name.empty() || city.triangle_surface[t] != geo::Surface::roof) continue;
    for (std::uint32_t v : {city.triangles[t].a, city.triangles[t].b, city.triangles[t].c}) {
      acc[f].x += city.vertices[v].x, acc[f].y += city.vertices[v].y, acc[f].n += 1;
      acc[f].top = std::max(acc[f].top, city.vertices[v].z);
    }
  }
  for (std::size_t f = 0; f < acc.size(); ++f)
    if (acc[f].n > 0) labels_.push_back({city.features[f].name, {acc[f].x / acc[f].n, acc[f].y / acc[f].n, acc[f].top + 1.0}});
}

CityView::~CityView() = default;

void CityView::SetBackground(std::shared_ptr<const geo::BackgroundImage> image, double opacity) {
  osg::StateSet* gs = city_.ground->getOrCreateStateSet();
  if (!image || image->empty()) {
    if (!background_) return;
    background_.reset();
    gs->removeTextureAttribute(kBackgroundUnit, osg::StateAttribute::TEXTURE);
    gs->removeTextureAttribute(kBackgroundUnit, osg::StateAttribute::TEXGEN);
    gs->removeTextureAttribute(kBackgroundUnit, osg::StateAttribute::TEXENV);
    gs->removeTextureMode(kBackgroundUnit, GL_TEXTURE_GEN_S);
    gs->removeTextureMode(kBackgroundUnit, GL_TEXTURE_GEN_T);
    return;
  }
  if (image != background_) {
    background_ = std::move(image);
    background_opacity_ = -1;
    background_image_ = new osg::Image;
    background_image_->allocateImage(background_->width, background_->height, 1, GL_RGBA, GL_UNSIGNED_BYTE);
    background_texture_ = new osg::Texture2D(background_image_);
    background_texture_->setResizeNonPowerOfTwoHint(false);
    background_texture_->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR_MIPMAP_LINEAR);
    background_texture_->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
    background_texture_->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_BORDER);
    background_texture_->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_BORDER);
    background_texture_->setBorderColor({0, 0, 0, 0});
    // Same mapping as the overlay's: world x, y -> s, t over the picture's extent, row 0 north.
    const geo::Box2d& e = background_->extent;
    const double w = e.max_x - e.min_x, h = e.max_y - e.min_y;
    osg::ref_ptr<osg::TexGen> texgen = new osg::TexGen;
    texgen->setMode(osg::TexGen::OBJECT_LINEAR);
    texgen->setPlane(osg::TexGen::S, osg::Plane(1 / w, 0, 0, -e.min_x / w));
    texgen->setPlane(osg::TexGen::T, osg::Plane(0, -1 / h, 0, e.max_y / h));
    gs->setTextureAttributeAndModes(kBackgroundUnit, background_texture_);
    gs->setTextureAttributeAndModes(kBackgroundUnit, texgen);
    gs->setTextureMode(kBackgroundUnit, GL_TEXTURE_GEN_S, osg::StateAttribute::ON);
    gs->setTextureMode(kBackgroundUnit, GL_TEXTURE_GEN_T, osg::StateAttribute::ON);
    gs->setTextureAttribute(kBackgroundUnit, new osg::TexEnv(osg::TexEnv::DECAL));
  }
  if (opacity == background_opacity_) return;
  // The opacity goes into the alpha the decal blends by (no data stays transparent).
  background_opacity_ = opacity;
  const std::vector<std::uint8_t>& src = background_->rgba;
  unsigned char* dst = background_image_->data();
  for (std::size_t i = 0; i < src.size(); i += 4) {
    std::copy_n(&src[i], 3, dst + i);
    dst[i + 3] = static_cast<std::uint8_t>(std::lround(src[i + 3] * std::clamp(opacity, 0.0, 1.0)));
  }
  background_image_->dirty();
}

void CityView::SetOverlay(const std::vector<std::uint8_t>& rgba) {
  unsigned char* data = overlay_image_->data();
  const std::size_t n = overlay_image_->getTotalSizeInBytes();
  if (rgba.size() == n) std::copy(rgba.begin(), rgba.end(), data);
  else std::fill_n(data, n, 0);
  overlay_upload_->MarkAllChanged();
}

void CityView::UpdateOverlay(const std::vector<std::uint32_t>& cells, const std::vector<std::uint8_t>& rgba) {
  unsigned char* data = overlay_image_->data();
  int x0 = grid_.nx, y0 = grid_.ny, x1 = -1, y1 = -1;
  for (std::size_t j = 0; j < cells.size(); ++j) {
    std::copy_n(rgba.begin() + j * 4, 4, data + std::size_t(cells[j]) * 4);
    const int col = int(cells[j] % grid_.nx), row = int(cells[j] / grid_.nx);
    x0 = std::min(x0, col), x1 = std::max(x1, col), y0 = std::min(y0, row), y1 = std::max(y1, row);
  }
  overlay_upload_->MarkChanged(x0, y0, x1, y1);
}

void CityView::SetZones(const std::vector<sim::Zone>& zones, int highlight) {
  zones_->removeChildren(0, zones_->getNumChildren());
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const sim::Zone& z = zones[i];
    const osg::Vec4 colour = z.kind == sim::ZoneKind::priority  ? osg::Vec4(0.0f, 0.45f, 0.70f, 1)
                             : z.kind == sim::ZoneKind::privacy ? osg::Vec4(0.80f, 0.0f, 0.60f, 1)
                                                                : osg::Vec4(0.35f, 0.35f, 0.35f, 1);
    for (const geo::Polygon& poly : z.outline) {
      for (const geo::Ring& ring : poly) {
        std::vector<osg::Vec3> pts;
        for (const auto& p : ring)
          pts.emplace_back(float(p.x), float(p.y), float(city_model_.GroundZ(p.x, p.y) + 0.3));
        zones_->addChild(Lines(pts, GL_LINE_LOOP, colour, static_cast<int>(i) == highlight ? 5 : 3));
      }
    }
  }
}

void CityView::SetFootprints(const std::vector<sim::ViewFootprint>& footprints, int levels) {
  footprints_->removeChildren(0, footprints_->getNumChildren());
  osg::ref_ptr<osg::Geometry> g = NewGeometry();
  osg::ref_ptr<osg::Vec3Array> verts = new osg::Vec3Array;
  osg::ref_ptr<osg::Vec4Array> colours = new osg::Vec4Array;
  for (const sim::ViewFootprint& f : footprints)
    for (const sim::FootprintPiece& p : f.pieces) {
      const report::Rgb c = report::LevelColour(p.level, levels);
      // Below the first level: a pale veil; the bands stronger, so they read on any overlay.
      const osg::Vec4 colour(c[0] / 255.f, c[1] / 255.f, c[2] / 255.f, p.level < 0 ? 0.25f : 0.6f);
      for (int k : {0, 1, 2, 0, 2, 3}) {
        const sim::Vec3d& q = p.corners[k];
        verts->push_back(osg::Vec3(float(q.x), float(q.y), float(q.z + 0.2)));  // over the overlay
        colours->push_back(colour);
      }
    }
  if (verts->empty()) return;
  g->setVertexArray(verts);
  g->setColorArray(colours, osg::Array::BIND_PER_VERTEX);
  g->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, static_cast<int>(verts->size())));
  osg::ref_ptr<osg::Geode> geode = new osg::Geode;
  geode->addDrawable(g);
  osg::StateSet* ss = geode->getOrCreateStateSet();
  ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::PROTECTED);
  ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF);
  ss->setMode(GL_BLEND, osg::StateAttribute::ON);
  ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
  ss->setAttributeAndModes(new osg::Depth(osg::Depth::LEQUAL, 0, 1, false));  // walls hide them
  ss->setAttributeAndModes(new osg::PolygonOffset(-1, -1));
  ss->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
  footprints_->addChild(geode);
}

std::vector<sim::Vec3d> ViewVolumeOutline(const sim::Camera& c, const sim::Scene& scene, int per_edge) {
  std::vector<sim::Vec3d> out{c.position};
  const double w = c.width_px, h = c.height_px;
  std::vector<std::pair<double, double>> border;  // clockwise from the top-left corner
  for (int i = 0; i < per_edge; ++i) border.emplace_back(w * i / per_edge, 0);
  for (int i = 0; i < per_edge; ++i) border.emplace_back(w, h * i / per_edge);
  for (int i = 0; i < per_edge; ++i) border.emplace_back(w - w * i / per_edge, h);
  for (int i = 0; i < per_edge; ++i) border.emplace_back(0, h - h * i / per_edge);
  const sim::Point3f o{float(c.position.x), float(c.position.y), float(c.position.z)};
  for (const auto& [u, v] : border) {
    const sim::Vec3d d = sim::PixelRay(c, u, v);
    double reach = c.max_range_m;
    if (auto hit = scene.FirstHit(o, {float(d.x), float(d.y), float(d.z)}, float(reach))) reach = hit->distance;
    out.push_back({c.position.x + d.x * reach, c.position.y + d.y * reach, c.position.z + d.z * reach});
  }
  return out;
}

void CityView::SetCameras(const std::vector<sim::Camera>& cameras, const std::set<std::string>& selected) {
  cameras_->removeChildren(0, cameras_->getNumChildren());
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    const sim::Camera& c = cameras[i];
    const bool sel = selected.count(c.id) > 0;
    // Each camera in its own colour (the agents it sees wear it too); the selection orange.
    const Rgbf own = CameraColour(static_cast<int>(i));
    const osg::Vec4 colour = sel ? osg::Vec4(1.0f, 0.55f, 0.0f, 1) : osg::Vec4(own[0], own[1], own[2], 1);
    const osg::Vec3 p = V(c.position);
    osg::ref_ptr<osg::Geode> body = new osg::Geode;
    osg::ref_ptr<osg::ShapeDrawable> ball = new osg::ShapeDrawable(new osg::Sphere(p, 0.6f));
    ball->setColor(colour);
    body->addDrawable(ball);
    cameras_->addChild(body);
    // Mount: a pole down to the ground; the optical axis as a short line.
    const float ground = float(city_model_.GroundZ(c.position.x, c.position.y));
    if (c.mount == sim::MountType::pole)
      cameras_->addChild(Lines({p, osg::Vec3(p.x(), p.y(), ground)}, GL_LINES, {0.3f, 0.3f, 0.3f, 1}, 2));
    const sim::Vec3d f = sim::ForwardDirection(c);
    cameras_->addChild(Lines({p, p + V(f) * 4.0f}, GL_LINES, colour, 3));
    if (!sel) continue;

    // The view volume: a translucent fan from the camera to where the image border rays land.
    const std::vector<sim::Vec3d> outline = ViewVolumeOutline(c, scene_);
    osg::ref_ptr<osg::Geometry> fan = NewGeometry();
    osg::ref_ptr<osg::Vec3Array> verts = new osg::Vec3Array;
    for (const sim::Vec3d& q : outline) verts->push_back(V(q));
    verts->push_back(V(outline[1]));  // close the fan
    fan->setVertexArray(verts);
    osg::ref_ptr<osg::Vec4Array> col = new osg::Vec4Array;
    col->push_back({1.0f, 1.0f, 0.85f, 0.16f});
    fan->setColorArray(col, osg::Array::BIND_OVERALL);
    fan->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLE_FAN, 0, static_cast<int>(verts->size())));
    osg::ref_ptr<osg::Geode> volume = new osg::Geode;
    volume->addDrawable(fan);
    osg::StateSet* ss = volume->getOrCreateStateSet();
    ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
    ss->setMode(GL_BLEND, osg::StateAttribute::ON);
    ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
    ss->setAttributeAndModes(new osg::Depth(osg::Depth::LESS, 0, 1, false));
    ss->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
    cameras_->addChild(volume);
    std::vector<osg::Vec3> rim;
    for (std::size_t i = 1; i < outline.size(); ++i) rim.push_back(V(outline[i]));
    cameras_->addChild(Lines(rim, GL_LINE_LOOP, {1.0f, 0.6f, 0.0f, 1}, 2));
  }
}

}  // namespace render
