// What the workbench refuses when a planner edits a camera by hand: a reason in plain words, or
// nothing. No GL: the inspector, scripts and tests share it.
#pragma once

#include <string>

#include "plan/project.h"

namespace plan {

// True when the camera's centre lies inside a building (it would see nothing but be counted).
bool InsideBuilding(const Project& project, const sim::Camera& camera);

// Why `after` (an edit of `before`) is impossible, or "" when it is fine:
//  - a height below the ground under the camera;
//  - an HFOV the catalogue model's lens cannot give (a fixed lens has one HFOV);
//  - a move into a building (a camera already inside may still be edited, to get it out);
//  - any field the engine refuses (sim::ResolveAndValidate: zero field, folding distortion...).
std::string RefusedEdit(const Project& project, const sim::Camera& before,
                        const sim::Camera& after);

}  // namespace plan
