// The live camera-eye inset as part of the 3D scene graph: a texture holding what the selected
// camera sees, redrawn every frame. Pinholes render straight into it; distorted and fisheye
// lenses render six 90-degree views into a cube map, then a shader maps every image pixel's ray
// (the same lens model as sim::PixelRay) into that cube.
#pragma once

#include <osg/Camera>
#include <osg/Group>
#include <osg/Program>
#include <osg/Texture2D>
#include <osg/TextureCubeMap>

#include "sim/camera.h"

namespace render {

class LensView {
 public:
  LensView(int width, int height, int cube_size = 512);

  osg::Node* node() { return root_.get(); }  // add to the viewer's scene
  osg::Texture2D* texture() { return texture_.get(); }
  void SetScene(osg::Node* scene);
  // nullptr turns the inset off (nothing is rendered).
  void SetCamera(const sim::Camera* camera);

 private:
  osg::ref_ptr<osg::Group> root_;
  osg::ref_ptr<osg::Texture2D> texture_;
  osg::ref_ptr<osg::Camera> direct_;           // pinhole: the camera's own view
  osg::ref_ptr<osg::TextureCubeMap> cube_;
  osg::ref_ptr<osg::Camera> faces_[6];         // cube views
  osg::ref_ptr<osg::Camera> lens_pass_;        // cube -> lens image
  osg::ref_ptr<osg::StateSet> lens_state_;
};

}  // namespace render
