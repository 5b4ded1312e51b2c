// Private to report/: cairo drawing shared by the PDF report, its PNG figures and the plan
// comparison. Page units are points; map coordinates are local frame metres.
#pragma once

#include <cairo.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "report/coverage_outputs.h"
#include "report/palette.h"

namespace report::draw {

constexpr double kPageW = 595.276, kPageH = 841.890;  // A4 in points
constexpr double kMargin = 42;

struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using Context = std::unique_ptr<cairo_t, CairoDeleter>;
using Surface = std::unique_ptr<cairo_surface_t, CairoDeleter>;

// A PDF surface writing to `path`, with a fixed creation date (SOURCE_DATE_EPOCH when set, else
// 2000-01-01): cairo would stamp the current time, and identical runs must give identical bytes.
Surface NewPdf(const std::filesystem::path& path, double width_pt, double height_pt);

enum class Align { left, centre, right };

// Ends the last page, finishes the PDF surface and checks it (a full disk shows here): throws
// core::InputError naming `pdf`, the file the user asked for. Both handles are released.
void FinishPdf(Context& cr, Surface& surface, const std::filesystem::path& pdf);

// Local frame metres -> page points inside a rectangle, uniform scale, north up.
struct MapView {
  double x = 0, y = 0, w = 0, h = 0;  // page rectangle actually used
  double min_x = 0, max_y = 0, scale = 1;  // local metres at the rectangle's top-left; pt per m

  MapView(const geo::Box2d& local, double rx, double ry, double rw, double rh) {
    scale = std::min(rw / local.width(), rh / local.height());
    w = local.width() * scale, h = local.height() * scale;
    x = rx + (rw - w) / 2, y = ry;
    min_x = local.min_x, max_y = local.max_y;
  }
  double Px(double lx) const { return x + (lx - min_x) * scale; }
  double Py(double ly) const { return y + (max_y - ly) * scale; }
};

void SetColour(cairo_t* cr, const Rgb& c, double alpha = 1);
// UTF-8 text (Latvian diacritics and all) at a baseline point; returns its width.
double Text(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold = false,
            Align align = Align::left);
geo::Box2d GridBox(const sim::Grid& g);
// An RGB image surface filled pixel by pixel (row 0 at the top).
Surface RgbImage(int width, int height, const std::function<Rgb(int col, int row)>& colour);
// The grid as an image, one pixel per cell, coloured by `colour(cell)`; drawn with sharp cells.
void DrawCells(cairo_t* cr, const MapView& v, const sim::Grid& g, const std::function<Rgb(std::uint32_t)>& colour);
void Path(cairo_t* cr, const MapView& v, const geo::Polygon& poly);
double NiceStep(double span, int wanted);
// Frame, CRS grid labels, scale bar and north arrow around a map.
void DrawDecorations(cairo_t* cr, const MapView& v, const geo::Frame& frame);
void DrawCameras(cairo_t* cr, const MapView& v, const CoverageRun& run, bool wedges);
enum class MarkerShape { circle, square, triangle };
// One camera's marker and label (in `colour`; the label in the current source colour).
void DrawCameraMarker(cairo_t* cr, const MapView& v, const sim::Camera& c, MarkerShape shape, const Rgb& colour,
                      const std::string& label);
void DrawZones(cairo_t* cr, const MapView& v, const CoverageRun& run);
// Swatches with labels, first baseline at `y` (two columns past five); returns the y under it.
double Legend(cairo_t* cr, double x, double y, const std::vector<std::pair<Rgb, std::string>>& items);
std::string Percent(double part, double whole);
double TextWidth(cairo_t* cr, const std::string& s, double size, bool bold = false);
// Text broken into lines at spaces to fit `max_width`; returns the baseline below the last line.
double WrappedText(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold, double max_width,
                   double line_height);
// A table: header row, then rows; columns sized to their text within `max_width` (the font
// shrinks down to 4.5 pt when they do not fit). Returns the y below it.
double Table(cairo_t* cr, double x, double y, const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows, double max_width = kPageW - 2 * kMargin);

}  // namespace report::draw
