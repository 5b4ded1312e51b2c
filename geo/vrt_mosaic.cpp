#include "geo/vrt_mosaic.h"

#include <cpl_string.h>
#include <gdal_utils.h>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/gdal_util.h"

namespace geo {

void WriteVrtMosaic(const std::filesystem::path& vrt, const std::vector<std::filesystem::path>& sources,
                    const VrtMosaicOptions& options) {
  detail::EnsureGdal();
  const std::string file = vrt.string();
  if (sources.empty()) throw core::InputError(file, "", "cannot write a VRT without sources");
  core::AtomicOutput output(vrt);
  // Absolute names: the VRT driver writes those under the VRT's folder relative to it
  // (relativeToVRT="1"), which is what lets the staging folder be renamed into place.
  std::vector<std::string> absolute;
  for (const auto& s : sources) absolute.push_back(std::filesystem::absolute(s).string());
  std::vector<const char*> source_ptrs;
  for (const auto& a : absolute) source_ptrs.push_back(a.c_str());
  CPLStringList args;
  for (const char* a : {"-resolution", "highest", "-r", "nearest"}) args.AddString(a);
  if (options.nodata) {
    args.AddString("-srcnodata");
    args.AddString("None");
    args.AddString("-vrtnodata");
    args.AddString(CPLSPrintf("%.17g", *options.nodata));
  }
  GDALBuildVRTOptions* vrt_options = GDALBuildVRTOptionsNew(args.List(), nullptr);
  int usage_error = 0;
  CPLErrorReset();
  const std::string temp = std::filesystem::absolute(output.temp_path()).string();
  GDALDatasetH ds = GDALBuildVRT(temp.c_str(), static_cast<int>(source_ptrs.size()), nullptr, source_ptrs.data(),
                                 vrt_options, &usage_error);
  GDALBuildVRTOptionsFree(vrt_options);
  if (!ds || usage_error) throw core::InputError(file, "", "cannot build the VRT: " + detail::LastGdalError());
  for (std::size_t b = 0; b < options.band_descriptions.size() && static_cast<int>(b) < GDALGetRasterCount(ds); ++b)
    GDALSetDescription(GDALGetRasterBand(ds, static_cast<int>(b) + 1), options.band_descriptions[b].c_str());
  CPLErrorReset();
  GDALClose(ds);  // writes the XML
  if (CPLGetLastErrorType() >= CE_Failure) throw core::InputError(file, "", "cannot write the VRT: " + detail::LastGdalError());
  output.Commit();
}

}  // namespace geo
