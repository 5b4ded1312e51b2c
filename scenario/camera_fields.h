// The camera attributes sightline reads and writes, in one table: a scenario's camera entries
// (YAML), camera point layers (GeoPackage, GeoJSON, Shapefile, CSV), the layers it writes
// (coverage.gpkg and cameras.gpkg `cameras`) and GUI scripts all take their names from here, so
// what sightline writes it reads back unchanged.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "geo/vector_io.h"
#include "scenario/scenario.h"
#include "sim/camera.h"

namespace scenario {

enum class CameraAttribute {
  id, model, x, y, lon, lat, z, height_m, yaw, pitch, roll, width_px, height_px, hfov_deg,
  focal_length_mm, sensor_width_mm, min_range_m, max_range_m, cost, bitrate_kbps, lens, mount,
  k1, k2, k3, p1, p2
};

struct CameraField {
  CameraAttribute attribute;
  std::string_view name;      // layer attribute / CSV column as written, unit in the name
  std::string_view yaml_key;  // key of a scenario camera entry ("" = none; several fields may
                              // share one: resolution [w, h], range_m [min, max], distortion {})
  std::vector<std::string_view> aliases;  // also read from layers (case-insensitive)
  std::string_view unit;      // "m", "deg", "px", "mm", "kbit/s", "" for text and counts
  bool required = false;      // a camera without it is refused
  bool text = false;          // else a number
  bool written = true;        // written to camera layers (x/y/lon/lat are the geometry)
};

// Every field, in the order camera layers are written.
const std::vector<CameraField>& CameraFieldTable();
const CameraField& Field(CameraAttribute attribute);
// The field a layer attribute or CSV column names (name or alias, any case); nullptr if none.
const CameraField* FindCameraField(std::string_view name);
// Every name and alias of the fields, e.g. for GDAL's CSV X_POSSIBLE_NAMES.
std::vector<std::string> NamesOf(std::initializer_list<CameraAttribute> attributes);

// Lens and mount words, as written in YAML and layers.
std::optional<sim::LensModel> ParseLens(const std::string& word);
std::optional<sim::MountType> ParseMount(const std::string& word);
std::string LensName(sim::LensModel lens);

// Camera layers as written: the table's written fields, then `extra` (outputs only).
std::vector<geo::OutputField> CameraLayerFields();
// One camera's values in CameraLayerFields() order; `ground_z` gives height_m. A value the
// camera does not have (focal_length_mm of a lens given by its HFOV) is NaN: writers leave it
// empty (null).
std::vector<geo::FieldValue> CameraLayerValues(const sim::Camera& camera, double ground_z);

// A camera from a point feature's attributes (x, y already in the frame). Unknown attributes
// and missing yaw/pitch are warnings; a bad value or a missing id is a core::InputError.
// `ignored` names attributes written for information only (coverage statistics).
CameraSpec CameraSpecFromAttributes(const geo::VectorRecord& record,
                                    const std::vector<std::string>& ignored,
                                    core::Diagnostics& diagnostics);

}  // namespace scenario
