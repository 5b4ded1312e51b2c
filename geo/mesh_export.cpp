#include "geo/mesh_export.h"

#include <array>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "core/error.h"

namespace geo {
namespace {

// Colour-blind-safe (Okabe-Ito based) colours per surface class.
constexpr std::array<std::array<std::uint8_t, 3>, kSurfaceCount> kSurfaceColour = {{
    {200, 200, 190},  // ground
    {170, 160, 130},  // terrain
    {230, 159, 0},    // wall (orange)
    {213, 94, 0},     // roof (vermillion)
    {120, 120, 120},  // underside
    {0, 158, 115},    // vegetation (bluish green)
    {86, 180, 233},   // water (sky blue)
    {204, 121, 167},  // other (reddish purple)
}};

std::ofstream OpenOut(const core::AtomicOutput& file, std::ios::openmode mode) {
  std::ofstream out = file.OpenStream(mode);
  out.precision(10);
  return out;
}

void Header(std::ostream& out, const CityModel& city, const MeshExportOptions& o,
            const char* comment) {
  out << comment << " sightline city mesh: " << city.vertices.size() << " vertices, "
      << city.triangles.size() << " triangles\n"
      << comment << " CRS: " << city.frame.Label() << " (" << city.frame.crs_name << ")\n"
      << comment << " local origin: " << city.frame.origin_x << " " << city.frame.origin_y
      << (o.absolute_coordinates ? " (already added to coordinates)" : " (add to x, y for CRS coordinates)")
      << "\n";
}

void WriteObj(const CityModel& city, const core::AtomicOutput& file,
              const std::filesystem::path& mtl_name, const MeshExportOptions& o) {
  std::ofstream out = OpenOut(file, std::ios::out);
  Header(out, city, o, "#");
  out << "mtllib " << mtl_name.string() << "\n";
  const double dx = o.absolute_coordinates ? city.frame.origin_x : 0;
  const double dy = o.absolute_coordinates ? city.frame.origin_y : 0;
  // OBJ is y-up by convention in viewers; we keep z-up GIS axes and say so.
  for (const Vec3f& v : city.vertices) out << "v " << v.x + dx << ' ' << v.y + dy << ' ' << v.z << '\n';
  for (int s = 0; s < kSurfaceCount; ++s) {
    bool any = false;
    for (std::size_t t = 0; t < city.triangles.size(); ++t) {
      if (static_cast<int>(city.triangle_surface[t]) != s) continue;
      if (!any) {
        out << "g " << SurfaceName(static_cast<Surface>(s)) << "\nusemtl "
            << SurfaceName(static_cast<Surface>(s)) << '\n';
        any = true;
      }
      const Tri& tri = city.triangles[t];
      out << "f " << tri.a + 1 << ' ' << tri.b + 1 << ' ' << tri.c + 1 << '\n';
    }
  }
  file.CloseAndCheck(out);
}

void WriteMtl(const core::AtomicOutput& file) {
  std::ofstream out = OpenOut(file, std::ios::out);
  for (int s = 0; s < kSurfaceCount; ++s) {
    const auto& c = kSurfaceColour[s];
    out << "newmtl " << SurfaceName(static_cast<Surface>(s)) << "\nKd " << c[0] / 255.0 << ' '
        << c[1] / 255.0 << ' ' << c[2] / 255.0 << "\n\n";
  }
  file.CloseAndCheck(out);
}

template <typename T>
void Put(std::ostream& out, T value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);  // little-endian host
}

void WritePly(const CityModel& city, const core::AtomicOutput& file,
              const MeshExportOptions& o) {
  std::ofstream out = OpenOut(file, std::ios::out | std::ios::binary);
  out << "ply\nformat binary_little_endian 1.0\n";
  std::ostringstream header;
  Header(header, city, o, "comment");
  out << header.str();
  out << "element vertex " << city.vertices.size() << "\n"
      << "property " << (o.absolute_coordinates ? "double" : "float") << " x\n"
      << "property " << (o.absolute_coordinates ? "double" : "float") << " y\n"
      << "property " << (o.absolute_coordinates ? "double" : "float") << " z\n"
      << "element face " << city.triangles.size() << "\n"
      << "property list uchar uint vertex_indices\n"
      << "property uint feature\nproperty uchar surface\n"
      << "property uchar red\nproperty uchar green\nproperty uchar blue\nend_header\n";
  for (const Vec3f& v : city.vertices) {
    if (o.absolute_coordinates) {
      Put<double>(out, v.x + city.frame.origin_x);
      Put<double>(out, v.y + city.frame.origin_y);
      Put<double>(out, v.z);
    } else {
      Put<float>(out, v.x);
      Put<float>(out, v.y);
      Put<float>(out, v.z);
    }
  }
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    const Tri& tri = city.triangles[t];
    Put<std::uint8_t>(out, 3);
    Put<std::uint32_t>(out, tri.a);
    Put<std::uint32_t>(out, tri.b);
    Put<std::uint32_t>(out, tri.c);
    Put<std::uint32_t>(out, city.triangle_feature[t]);
    const auto s = static_cast<std::uint8_t>(city.triangle_surface[t]);
    Put<std::uint8_t>(out, s);
    for (std::uint8_t c : kSurfaceColour[s]) Put<std::uint8_t>(out, c);
  }
  file.CloseAndCheck(out);
}

}  // namespace

MeshFormat MeshFormatFor(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".obj" || ext == ".OBJ") return MeshFormat::obj;
  if (ext == ".ply" || ext == ".PLY") return MeshFormat::ply;
  throw core::InputError(path.string(), "", "unknown mesh format '" + ext + "' (use .obj or .ply)");
}

void ExportMesh(const CityModel& city, const std::filesystem::path& path,
                const MeshExportOptions& options) {
  const MeshFormat format = MeshFormatFor(path);
  core::AtomicOutput mesh(path);
  if (format == MeshFormat::obj) {
    std::filesystem::path mtl = path;
    mtl.replace_extension(".mtl");
    core::AtomicOutput material(mtl);
    WriteObj(city, mesh, mtl.filename(), options);
    WriteMtl(material);
    material.Commit();
  } else {
    WritePly(city, mesh, options);
  }
  mesh.Commit();
}

}  // namespace geo
