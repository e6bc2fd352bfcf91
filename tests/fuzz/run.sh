#!/usr/bin/env bash
# Runs every libFuzzer target over its seed corpus for a bounded time (CI: .ci/run's fuzz stage).
# Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET=10] [TARGET...]
# New inputs go to a scratch corpus (the seeds in tests/fuzz/corpus are not changed); a crash, leak,
# sanitizer finding or timeout writes its input to BUILD_DIR/fuzz-findings/ and fails the run.
# FUZZ_SEED (libFuzzer's -seed) and FUZZ_RUNS (-runs) make a run nearly repeatable: CI's gate sets both, so
# it mutates from the seeds as a local run with the same values did (coverage still varies a little with
# threads and addresses, and a slow machine's time limit cuts the sequence short). Unset, each run explores
# new inputs: that is for the long runs of docs/security.md.
set -euo pipefail
build=$1
seconds=${2:-10}
shift $(($# >= 2 ? 2 : 1))
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for corpus in "$here"/corpus/*/; do targets+=("$(basename "$corpus")"); done
fi
findings="$build/fuzz-findings"
mkdir -p "$findings"
failed=()
for target in "${targets[@]}"; do
  scratch=$(mktemp -d)
  echo "--- fuzz_$target: ${seconds} s over $(ls "$here/corpus/$target" | wc -l) seeds"
  repeatable=()
  [ -n "${FUZZ_SEED:-}" ] && repeatable+=(-seed="$FUZZ_SEED")
  [ -n "${FUZZ_RUNS:-}" ] && repeatable+=(-runs="$FUZZ_RUNS")
  if ! "$build/bin/fuzz_$target" "${repeatable[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/$target-" \
    "$scratch" "$here/corpus/$target" 2>"$scratch.log"; then
    tail -n 60 "$scratch.log"
    failed+=("$target")
  else
    grep -E "^stat::(number_of_executed_units|new_units_added)" "$scratch.log" | tr '\n' ' '
    echo
  fi
  rm -rf "$scratch" "$scratch.log"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs in $findings)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, no finding"
