#!/usr/bin/env bash
# Builds the Debian package: configures (Release, no tests or benchmarks) and builds BUILD_DIR, runs
# `cpack -G DEB` there and prints the path of the .deb on the last line.
#   bash packaging/build-deb.sh [BUILD_DIR] [extra cmake configure arguments...]
# BUILD_DIR defaults to build-deb. CURATOR_JOBS sets the build's parallel jobs (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$(pwd)
build_dir=${1:-build-deb}
shift || true

configure=(cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
           -DCURATOR_BUILD_TESTS=OFF -DCURATOR_BUILD_BENCH=OFF)
# Choose the generator only for a new build directory (an existing one keeps its own).
if [ ! -f "$build_dir/CMakeCache.txt" ] && command -v ninja > /dev/null; then
  configure+=(-G Ninja)
fi
"${configure[@]}" "$@"
cmake --build "$build_dir" -j "${CURATOR_JOBS:-2}"

build_dir=$(cd "$build_dir" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
(cd "$build_dir" && cpack -G DEB) | tee "$log"
deb=$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$log" | tail -n 1)
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "build-deb: cpack produced no .deb" >&2
  exit 1
fi
echo "$deb"
