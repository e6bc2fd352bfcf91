#!/usr/bin/env bash
# Time from starting `curator` to its first painted window, whole process (dynamic linking, Qt start-up,
# opening the store and the log, laying out the docks). Usage:
#   tests/bench/launch_bench.sh build/bin/curator /tmp/bench-ws [runs]
# Runs offscreen; prints each run and the best and median, in milliseconds.
set -euo pipefail
curator=$1
workspace=$2
runs=${3:-7}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    painted=$("$curator" --workspace "$workspace" --quit-after-paint 2>/dev/null | sed -n 's/^painted_unix_ns=//p')
    if [[ -z "$painted" ]]; then
        echo "curator did not report a painted window" >&2
        exit 1
    fi
    times+=($(((painted - start) / 1000000)))
done
echo "launch to painted window (ms): ${times[*]}"
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "best ${sorted[0]} ms, median ${sorted[$((runs / 2))]} ms"
