#!/usr/bin/env bash
# A whole `curator-cli search` started as a script starts it, exact scan against the hnsw index
# (`--approximate`), alternating, page cache warm. Usage:
#   build/bin/make_search_workspace /tmp/ws 100000 1024 f16
#   build/bin/curator-cli --workspace /tmp/ws index build
#   tests/bench/approximate_bench.sh build/bin/curator-cli /tmp/ws [runs]
# Prints each run and the medians, in milliseconds, and the ratio approximate / exact.
set -euo pipefail
cli=$1
workspace=$2
runs=${3:-9}
query=(--query-vector "$workspace/query.npy" --negative-vector "$workspace/negative1.npy"
  --negative-vector "$workspace/negative2.npy" --negative-vector "$workspace/negative3.npy" --top-k 50)
timed() { # prints the wall time of one whole process in ms
  local start end
  start=$(date +%s%N)
  "$cli" --workspace "$workspace" search "${query[@]}" "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
timed >/dev/null # warm-up: page cache and the graph's pages
timed --approximate >/dev/null
exact=()
approximate=()
for _ in $(seq "$runs"); do
  exact+=("$(timed)")
  approximate+=("$(timed --approximate)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
echo "exact (ms):       ${exact[*]}"
echo "approximate (ms): ${approximate[*]}"
e=$(median "${exact[@]}")
a=$(median "${approximate[@]}")
echo "median exact $e ms, approximate $a ms, approximate / exact $(awk -v a="$a" -v e="$e" 'BEGIN{printf "%.2f", a/e}')"
