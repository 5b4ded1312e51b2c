#!/usr/bin/env bash
# Installs exactly the Debian 12 packages sightline builds, tests and runs with.
# Idempotent: when every package is already installed it returns at once without apt-get update.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # geo/: GDAL/OGR (+ command-line tools used by tests), CGAL triangulation
  libgdal-dev gdal-bin libcgal-dev libgmp-dev libmpfr-dev
  # geo/: CityGML 1.0/2.0 reader
  libcitygml-dev libxerces-c-dev libglu1-mesa-dev   # its CMake config links libGLU.so; Xerces for parse errors
  # sim/: Embree 3 BVH, TBB
  libembree-dev libtbb-dev
  # app/ and shared utilities
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  # sim/ optimiser: the exact integer program (CBC)
  coinor-libcbc-dev
  # report/: PDF and PNG figures (cairo), fonts with Latvian diacritics, pdftotext for tests
  libcairo2-dev libpng-dev fonts-dejavu-core poppler-utils
  # render/: 3D view (OpenSceneGraph); gui/: Dear ImGui with GLFW + OpenGL3 backends; and an
  # X server with software OpenGL for the GUI and rendering tests (Xvfb, Mesa llvmpipe)
  libopenscenegraph-dev libimgui-dev libglfw3-dev libfreetype-dev libgl1-mesa-dev
  xvfb xauth x11-utils libgl1-mesa-dri libglx-mesa0
  # agents/: SUMO (netconvert, libsumocpp with its headers), its CMake config and data
  # (SUMO_HOME=/usr/share/sumo: SUMOConfig.cmake, typemaps, schemas), which are in sumo-tools,
  # only a recommendation of sumo; osmium to cut OSM areas out as the XML netconvert reads
  sumo sumo-tools osmium-tool
  # feeds/: H.264 MP4 through libav (libavcodec with libx264, libavformat, libswscale)
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev libx264-dev
  # looking at feeds: scripts/feeds_label_frame.py extracts a frame (ffmpeg), draws boxes (convert)
  ffmpeg imagemagick
  # net/: ns-3 packet-level network simulation; its CMake package also needs the `ns3` helper
  # binaries its targets reference and libgsl-dev, else find_package(ns3) fails
  libns3-dev ns3 libgsl-dev
  # dist/: coverage over MPI ranks (Open MPI: mpirun, mpicxx and the CMake FindMPI target)
  libopenmpi-dev openmpi-bin
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # fuzzing (scripts/fuzz.sh: clang's libFuzzer + ASan/UBSan runtimes) and the TSan run
  clang-14 libclang-rt-14-dev util-linux
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
