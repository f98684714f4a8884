#!/usr/bin/env bash
# A student's feedback loop, whole command, on one checkout: `mvn test -Dlab=N` after a one-line
# edit of the lab (Maven offline and quiet, as a student's second run is), `./ntplab grade --lab N`,
# and `./ntplab grade --watch --lab N`'s save-to-table time (touch the lab's file, wait for the
# table). The median wall time of RUNS runs each after one warm-up, on the labs as they are (the
# stubs score 0: the loop is the same). Targets: mvn test at most 6 s, the watch under 2 s.
# Run it on an idle machine (it prints the load average before and after), once per checkout to
# compare (e.g. before and after a change). The lab's file is edited and put back as it was.
#
#   bench/student-loop.sh [CHECKOUT] [LAB] [RUNS]      (defaults: this one, 2, 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(cd "${1:-$here}" && pwd)"
lab=${2:-2}
runs=${3:-10}
mvn=mvn
command -v mvn >/dev/null 2>&1 || mvn="$dir/mvnw"

# The lab's Java file (lab 0: its JShell script), the one a student edits.
source=$(find "$dir/labs/$(printf '%02d' "$lab")"-* -maxdepth 1 \( -name '*.java' -o -name answers.jsh \) | sort | head -1)
[ -n "$source" ] || { echo "student-loop: no lab $lab source in $dir/labs" >&2; exit 2; }
scratch=$(mktemp -d)
cp -p "$source" "$scratch/original"
watcher=
finish() {
  [ -z "$watcher" ] || kill "$watcher" 2>/dev/null || true
  cp -p "$scratch/original" "$source"
  rm -rf "$scratch"
}
trap finish EXIT

# seconds COMMAND...: the wall time of one run, whatever its exit status (unsolved labs fail).
seconds() {
  local start=$EPOCHREALTIME
  (cd "$dir" && "$@") >/dev/null 2>&1 || true
  awk -v end="$EPOCHREALTIME" -v start="$start" 'BEGIN { printf "%.3f\n", end - start }'
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); printf "%.2f", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

report() { # NAME TIMES...
  local name=$1
  shift
  printf '%-34s median %6s s   runs: %s\n' "$name" "$(printf '%s\n' "$@" | median)" "$(printf '%.2f ' "$@")"
}

# measure NAME COMMAND...: a warm-up, then RUNS runs.
measure() {
  local name=$1
  shift
  seconds "$@" >/dev/null
  local all=()
  for _ in $(seq "$runs"); do all+=("$(seconds "$@")"); done
  report "$name" "${all[@]}"
}

# A one-line edit: a comment line, its text changed on every run, so the file's content changes.
edit=0
edited() {
  edit=$((edit + 1))
  { cat "$scratch/original"; printf '// edit %d\n' "$edit"; } >"$source"
  "$@"
}

# The watch's rounds end with this line; a save is timed until one more of them is printed.
rounds() { grep -c " graded at .* watching " "$scratch/watch.out" 2>/dev/null || true; }
await_round() { # COUNT: waits (at most 2 minutes) until more than COUNT rounds are printed
  local deadline=$((SECONDS + 120))
  while (($(rounds) <= $1)); do
    ((SECONDS < deadline)) || { echo "student-loop: the watch printed no table" >&2; exit 1; }
    sleep 0.005
  done
}
save_to_table() {
  local before start
  before=$(rounds)
  start=$EPOCHREALTIME
  touch "$source"
  await_round "$before"
  awk -v end="$EPOCHREALTIME" -v start="$start" 'BEGIN { printf "%.3f\n", end - start }'
}

echo "checkout: $dir ($(git -C "$dir" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout'))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$dir/ntplab" --version >/dev/null 2>&1 || true # builds the jar once, outside the runs
measure "mvn test -Dlab=$lab (one-line edit)" edited "$mvn" -o -q -B test -Dlab="$lab"
measure "ntplab grade --lab $lab" ./ntplab grade --lab "$lab"

if ! (cd "$dir" && ./ntplab grade --help 2>&1 | grep -q -- --watch); then
  echo "ntplab grade --watch: not in this checkout"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
(cd "$dir" && exec ./ntplab grade --watch --lab "$lab") >"$scratch/watch.out" 2>"$scratch/watch.err" &
watcher=$!
await_round 0
save_to_table >/dev/null # the warm-up
times=()
for _ in $(seq "$runs"); do
  sleep 0.5 # a student reads the table: the watch readies its next student process meanwhile
  times+=("$(save_to_table)")
done
report "ntplab grade --watch: save to table" "${times[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
