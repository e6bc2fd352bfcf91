#!/usr/bin/env bash
# Peak resident memory of `curator-cli store import` of a large matrix against the matrix's size (the
# issue 18 figure: 270,000 x 4096 float32, 4.4 GB). Usage:
#   tests/bench/import_bench.sh build/bin ROWS DIM [f16|f32]
# Needs ROWS x DIM x 4 bytes of free disk twice (the .npy and the store's copy) in $TMPDIR.
set -euo pipefail
bin=$1
rows=$2
dim=$3
dtype=${4:-f32}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/make_import_matrix" "$work/matrix.npy" "$rows" "$dim"
bytes=$(stat -c %s "$work/matrix.npy")
/usr/bin/time -v "$bin/curator-cli" --workspace "$work/ws" store import --source photos --model bench \
  --dtype "$dtype" --embeddings "$work/matrix.npy" --ids "$work/matrix.npy.jsonl" 2>"$work/time" >/dev/null
peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
awk -v kb="$peak_kb" -v bytes="$bytes" -v wall="$wall" -v rows="$rows" -v dim="$dim" -v dtype="$dtype" 'BEGIN {
  printf "%s x %s float32 (%.2f GB) imported as %s in %s: peak RSS %.0f MB, %.1f%% of the matrix\n",
         rows, dim, bytes / 1e9, dtype, wall, kb / 1024, 100 * kb * 1024 / bytes }'
