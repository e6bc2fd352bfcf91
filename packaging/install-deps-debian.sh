#!/usr/bin/env bash
# Installs every Debian (bookworm) package the build, the tests and the benchmarks use.
# Idempotent: apt-get install of packages already present changes nothing. Run as root.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git dpkg-dev file clang-format
  # CI: clang-tidy (packaging/run-clang-tidy.sh), clang and libFuzzer for the ASan + fuzz build, and a
  # compiler cache for the sanitizer builds
  clang-tidy clang libclang-rt-14-dev ccache
  # Qt 6 (Widgets, Charts, Svg, Test, Linguist tools) and keychain; Charts needs the OpenGL module's dev files
  qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qtkeychain-qt6-dev libqt6opengl6-dev libxkbcommon-dev
  # core libraries
  libtorch-dev libhnswlib-dev libopencv-dev libcurl4-openssl-dev nlohmann-json3-dev
  libsqlite3-dev sqlite3 libcli11-dev libspdlog-dev
  # tests and benchmarks (FAISS is for the benchmark comparison only)
  libbenchmark-dev libgtest-dev libfaiss-dev python3-torch python3-numpy python3-opencv
  # headless GUI tests: a virtual display and fonts (without fonts Qt draws empty boxes)
  xvfb xauth fonts-dejavu-core fonts-wqy-microhei
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps-debian: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps-debian: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
