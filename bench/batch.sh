#!/usr/bin/env bash
# A class graded at once: COUNT copies of solutions/ (every one full marks, the slowest kind: every
# exercise runs every case) graded by `ntplab grade --submissions --jobs JOBS`, the wall time of the
# whole batch and per submission. Run it on an idle machine; the figures go in BENCHMARKS.md.
#
#   bench/batch.sh [COUNT] [JOBS]      (defaults: 300, twice the number of cores, as grade's default)
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count=${1:-300}
jobs=${2:-$((2 * $(nproc)))}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/handins"
for i in $(seq -w 1 "$count"); do cp -R "$dir/solutions" "$work/handins/student-$i"; done

echo "checkout: $dir ($(git -C "$dir" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout'))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$dir/ntplab" --version >/dev/null 2>&1 || true # builds the jar once, outside the timing
if command -v bwrap >/dev/null 2>&1; then echo "walls: bubblewrap $(bwrap --version | cut -d' ' -f2)"; else echo "walls: none"; fi

start=$EPOCHREALTIME
status=0
(cd "$dir" && ./ntplab grade --submissions "$work/handins" --out "$work/grades" --jobs "$jobs") \
  >"$work/out.log" 2>"$work/err.log" || status=$?
end=$EPOCHREALTIME
rows=$(($(wc -l <"$work/grades/grades.csv") - 1))
awk -v s="$start" -v e="$end" -v n="$count" -v j="$jobs" -v st="$status" -v graded="$rows" 'BEGIN {
  w = e - s
  printf "%d submissions, --jobs %d: %.0f s wall (%d:%02d), %.2f s per submission, exit %d, %d rows\n",
    n, j, w, int(w / 60), int(w) % 60, w / n, st, graded }'
# Every row must be full marks: a batch that is fast because it graded nothing is no figure.
awk -F, 'NR > 1 && $(NF-2) != $(NF-1) { bad++ } END { if (bad) { print bad " submissions not at full marks"; exit 1 } }' \
  "$work/grades/grades.csv"
