#!/usr/bin/env bash
# A student's feedback loop, whole command, on one checkout: `mvn test -Dlab=N` (Maven offline
# and quiet, as a student's second run is) and `./ntplab grade --lab N`, the median wall time of
# RUNS runs each after one warm-up, on the labs as they are (the stubs score 0: the loop is the
# same). Run it on an idle machine, once per checkout to compare (e.g. before and after a change):
#
#   bench/student-loop.sh [CHECKOUT] [LAB] [RUNS]      (defaults: this one, 2, 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(cd "${1:-$here}" && pwd)"
lab=${2:-2}
runs=${3:-5}
mvn=mvn
command -v mvn >/dev/null 2>&1 || mvn="$dir/mvnw"

# seconds COMMAND...: the wall time of one run, whatever its exit status (unsolved labs fail).
seconds() {
  local start=$EPOCHREALTIME
  (cd "$dir" && "$@") >/dev/null 2>&1 || true
  awk -v end="$EPOCHREALTIME" -v start="$start" 'BEGIN { printf "%.3f\n", end - start }'
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); printf "%.2f", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

# measure NAME COMMAND...: a warm-up, then RUNS runs; prints the median and every run.
measure() {
  local name=$1
  shift
  seconds "$@" >/dev/null
  local all=()
  for _ in $(seq "$runs"); do all+=("$(seconds "$@")"); done
  printf '%-28s median %6s s   runs: %s\n' "$name" "$(printf '%s\n' "${all[@]}" | median)" \
    "$(printf '%.2f ' "${all[@]}")"
}

echo "checkout: $dir ($(git -C "$dir" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout'))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$dir/ntplab" --version >/dev/null 2>&1 || true # builds the jar once, outside the runs
measure "mvn test -Dlab=$lab" "$mvn" -o -q -B test -Dlab="$lab"
measure "ntplab grade --lab $lab" ./ntplab grade --lab "$lab"
