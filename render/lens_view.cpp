#include "render/lens_view.h"

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Uniform>

#include <algorithm>
#include <cmath>

#include "render/camera_eye.h"

namespace render {
namespace {

// Per image pixel: its ray through the lens (as sim::PixelRay), looked up in the cube.
const char* kVertex = R"glsl(#version 120
varying vec2 uv;
void main() {
  uv = gl_MultiTexCoord0.xy;
  gl_Position = ftransform();
}
)glsl";

const char* kFragment = R"glsl(#version 120
uniform samplerCube cube;
uniform vec3 forward, right, up;
uniform vec2 size;      // image size in pixels
uniform float focal;    // pixels
uniform int fisheye;    // equidistant: r = focal * theta
uniform vec3 k;         // Brown-Conrady radial k1 k2 k3
uniform vec2 p;         // tangential p1 p2
varying vec2 uv;
void main() {
  float u = uv.x * size.x, v = (1.0 - uv.y) * size.y;
  vec3 d;
  if (fisheye == 1) {
    vec2 o = vec2(u - size.x / 2.0, size.y / 2.0 - v);
    float rho = length(o), theta = rho / focal;
    vec2 dir = rho > 0.0 ? o / rho : vec2(0.0);
    d = vec3(sin(theta) * dir, cos(theta));
  } else {
    float xd = (u - size.x / 2.0) / focal, yd = (size.y / 2.0 - v) / focal;
    float x = xd, y = yd;
    for (int i = 0; i < 20; ++i) {  // undistort, as OpenCV does
      float r2 = x * x + y * y;
      float radial = 1.0 + r2 * (k.x + r2 * (k.y + r2 * k.z));
      float tx = 2.0 * p.x * x * y + p.y * (r2 + 2.0 * x * x);
      float ty = p.x * (r2 + 2.0 * y * y) + 2.0 * p.y * x * y;
      x = (xd - tx) / radial;
      y = (yd - ty) / radial;
    }
    d = vec3(x, y, 1.0);
  }
  gl_FragColor = textureCube(cube, normalize(d.x * right + d.y * up + d.z * forward));
}
)glsl";

osg::ref_ptr<osg::Camera> RenderTarget(int width, int height, int order) {
  osg::ref_ptr<osg::Camera> c = new osg::Camera;
  c->setClearColor({0.78f, 0.86f, 0.94f, 1});
  c->setClearMask(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  c->setRenderTargetImplementation(osg::Camera::FRAME_BUFFER_OBJECT);
  c->setRenderOrder(osg::Camera::PRE_RENDER, order);
  c->setReferenceFrame(osg::Transform::ABSOLUTE_RF);
  c->setViewport(0, 0, width, height);
  c->setComputeNearFarMode(osg::CullSettings::DO_NOT_COMPUTE_NEAR_FAR);
  return c;
}

}  // namespace

LensView::LensView(int width, int height, int cube_size) : root_(new osg::Group) {
  texture_ = new osg::Texture2D;
  texture_->setTextureSize(width, height);
  texture_->setInternalFormat(GL_RGBA);
  texture_->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR);
  texture_->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
  direct_ = RenderTarget(width, height, 0);
  direct_->attach(osg::Camera::COLOR_BUFFER, texture_.get());
  root_->addChild(direct_);

  cube_ = new osg::TextureCubeMap;
  cube_->setTextureSize(cube_size, cube_size);
  cube_->setInternalFormat(GL_RGBA);
  cube_->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR);
  cube_->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
  for (auto w : {osg::Texture::WRAP_S, osg::Texture::WRAP_T, osg::Texture::WRAP_R})
    cube_->setWrap(w, osg::Texture::CLAMP_TO_EDGE);
  for (unsigned face = 0; face < 6; ++face) {
    faces_[face] = RenderTarget(cube_size, cube_size, 0);
    faces_[face]->attach(osg::Camera::COLOR_BUFFER, cube_.get(), 0, face);
    root_->addChild(faces_[face]);
  }

  lens_pass_ = RenderTarget(width, height, 1);  // after the cube views
  lens_pass_->attach(osg::Camera::COLOR_BUFFER, texture_.get());
  lens_pass_->setProjectionMatrixAsOrtho2D(0, 1, 0, 1);
  lens_pass_->setViewMatrix(osg::Matrixd::identity());
  osg::ref_ptr<osg::Geometry> quad = osg::createTexturedQuadGeometry({0, 0, 0}, {1, 0, 0}, {0, 1, 0});
  osg::ref_ptr<osg::Geode> geode = new osg::Geode;
  geode->addDrawable(quad);
  lens_pass_->addChild(geode);
  lens_state_ = geode->getOrCreateStateSet();
  osg::ref_ptr<osg::Program> program = new osg::Program;
  program->addShader(new osg::Shader(osg::Shader::VERTEX, kVertex));
  program->addShader(new osg::Shader(osg::Shader::FRAGMENT, kFragment));
  lens_state_->setAttributeAndModes(program);
  lens_state_->setTextureAttributeAndModes(0, cube_);
  lens_state_->addUniform(new osg::Uniform("cube", 0));
  lens_state_->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
  root_->addChild(lens_pass_);
  SetCamera(nullptr);
}

void LensView::SetScene(osg::Node* scene) {
  for (osg::Camera* c : {direct_.get(), faces_[0].get(), faces_[1].get(), faces_[2].get(), faces_[3].get(),
                         faces_[4].get(), faces_[5].get()}) {
    c->removeChildren(0, c->getNumChildren());
    if (scene) c->addChild(scene);
  }
}

void LensView::SetCamera(const sim::Camera* camera) {
  const bool lens = camera && (camera->lens != sim::LensModel::rectilinear || !camera->distortion.none());
  direct_->setNodeMask(camera && !lens ? ~0u : 0u);
  lens_pass_->setNodeMask(lens ? ~0u : 0u);
  for (auto& f : faces_) f->setNodeMask(lens ? ~0u : 0u);
  if (!camera) return;
  const sim::Camera& c = *camera;
  const EyeClip clip = ViewClip(c);
  if (!lens) {
    direct_->setViewMatrix(EyeViewMatrix(c));
    direct_->setProjectionMatrix(EyeProjection(c, clip));
    return;
  }
  // OpenGL's cube map faces (+X, -X, +Y, -Y, +Z, -Z) with their conventional up vectors, in
  // world axes: a lookup with a world direction then lands on the right texel.
  const osg::Vec3d eye(c.position.x, c.position.y, c.position.z);
  const osg::Vec3d dirs[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  const osg::Vec3d ups[6] = {{0, -1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}, {0, -1, 0}, {0, -1, 0}};
  for (int i = 0; i < 6; ++i) {
    faces_[i]->setViewMatrix(osg::Matrixd::lookAt(eye, eye + dirs[i], ups[i]));
    faces_[i]->setProjectionMatrix(
        osg::Matrixd::frustum(-clip.near_m, clip.near_m, -clip.near_m, clip.near_m, clip.near_m, clip.far_m));
  }
  const sim::CameraAxes a = sim::Axes(c);
  auto vec3 = [&](const char* name, const osg::Vec3f& v) { lens_state_->getOrCreateUniform(name, osg::Uniform::FLOAT_VEC3)->set(v); };
  auto vec2 = [&](const char* name, const osg::Vec2f& v) { lens_state_->getOrCreateUniform(name, osg::Uniform::FLOAT_VEC2)->set(v); };
  vec3("forward", osg::Vec3f(a.forward.x, a.forward.y, a.forward.z));
  vec3("right", osg::Vec3f(a.right.x, a.right.y, a.right.z));
  vec3("up", osg::Vec3f(a.up.x, a.up.y, a.up.z));
  vec2("size", osg::Vec2f(c.width_px, c.height_px));
  lens_state_->getOrCreateUniform("focal", osg::Uniform::FLOAT)->set(float(sim::FocalPx(c)));
  lens_state_->getOrCreateUniform("fisheye", osg::Uniform::INT)->set(c.lens == sim::LensModel::fisheye_equidistant ? 1 : 0);
  vec3("k", osg::Vec3f(c.distortion.k1, c.distortion.k2, c.distortion.k3));
  vec2("p", osg::Vec2f(c.distortion.p1, c.distortion.p2));
}

}  // namespace render
