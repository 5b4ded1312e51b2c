#include "plan/edit_checks.h"

#include <fmt/format.h>

#include <cmath>

#include "scenario/catalogue.h"
#include "sim/grid.h"

namespace plan {

bool InsideBuilding(const Project& project, const sim::Camera& c) {
  const sim::Point3f p{static_cast<float>(c.position.x), static_cast<float>(c.position.y),
                       static_cast<float>(c.position.z)};
  return sim::InsideSolid(project.run().city, *project.run().scene, p);  // an eave above is not "inside"
}

std::string RefusedEdit(const Project& project, const sim::Camera& before,
                        const sim::Camera& after) {
  const double ground = project.run().city.GroundZ(after.position.x, after.position.y);
  if (!(after.position.z >= ground - 0.005))
    return fmt::format("{}: a height of {:.2f} m is below the ground; a camera needs 0 m or more",
                       after.id, after.position.z - ground);
  if (!after.model.empty() && after.model == before.model && after.hfov_deg != before.hfov_deg &&
      project.run().scenario.camera_models.count(after.model)) {
    const sim::Camera model = project.Template(after.model);
    const auto varifocal = scenario::HfovRangeDeg(project.run().scenario.camera_models.at(after.model));
    if (varifocal && (after.hfov_deg < varifocal->first - 0.05 || after.hfov_deg > varifocal->second + 0.05))
      return fmt::format("{}: {:.1f}\u00b0 is outside the {:.1f}-{:.1f}\u00b0 of {}'s varifocal lens", after.id,
                         after.hfov_deg, varifocal->first, varifocal->second, after.model);
    if (!varifocal && std::abs(after.hfov_deg - model.hfov_deg) > 0.05)
      return fmt::format(
          "{}: {} has a fixed {:.1f}\u00b0 lens, {:.1f}\u00b0 is outside its range; choose another "
          "model (or \"(custom)\") for another field of view",
          after.id, after.model, model.hfov_deg, after.hfov_deg);
  }
  if (after.position != before.position && InsideBuilding(project, after) &&
      !InsideBuilding(project, before))
    return after.id + ": that position is inside a building (it would see nothing)";
  sim::Camera checked = after;
  try {
    sim::ResolveAndValidate(checked, "inspector");
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace plan
