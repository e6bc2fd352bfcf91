#!/usr/bin/env bash
# Runs clang-tidy (checks in the root .clang-tidy) over our own sources in core/, app/ and ui/, using a
# configured build's compile_commands.json. Any finding fails.
# Usage: packaging/run-clang-tidy.sh [BUILD_DIR] (default: build). JOBS (default 2, at most 2) in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build}
jobs=${JOBS:-2}
[ "$jobs" -le 2 ] || jobs=2

tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
[ -n "$tidy" ] || { echo "run-clang-tidy: clang-tidy not installed (packaging/install-deps-debian.sh)" >&2; exit 2; }
db="$build/compile_commands.json"
[ -f "$db" ] || { echo "run-clang-tidy: $db not found: configure the build first" >&2; exit 2; }

# Only files the build compiles (the LibTorch plugin is absent without LibTorch), and only ours:
# generated sources (moc, embedded resources) live in the build directory.
mapfile -t files < <(grep -o '"file": *"[^"]*"' "$db" | sed 's/^"file": *"//; s/"$//' |
  grep -E "^$root/(core|app|ui)/.*\.cpp$" | sort -u)
[ ${#files[@]} -gt 0 ] || { echo "run-clang-tidy: no sources of ours in $db" >&2; exit 2; }

echo "run-clang-tidy: $(basename "$tidy") on ${#files[@]} files, $jobs in parallel"
# One process per file; its output is printed only when it found something ("N warnings generated"
# counts the suppressed ones in system headers). GCC-only warning flags of the build are ignored.
printf '%s\0' "${files[@]}" |
  xargs -0 -P "$jobs" -I{} sh -c 'out=$("$0" -p "$1" --quiet --extra-arg=-Wno-unknown-warning-option "-header-filter=^$2/(core|app|ui)/" "$3" 2>&1) ||
      { printf "%s\n" "$out" | grep -v "warnings\? generated\.$"; exit 1; }' "$tidy" "$build" "$root" {} ||
  { echo "run-clang-tidy: findings above (fix them, or disable the check with its reason in .clang-tidy)" >&2; exit 1; }
echo "run-clang-tidy: no findings"
