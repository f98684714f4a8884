#!/usr/bin/env bash
# The offset ntplab and ntpdig measure against the same chronyd on loopback: one clock on both
# sides, so the truth is 0 and whatever is measured is the measurement's own error. COUNT queries
# each: ntplab's from one JVM, 10 ms apart, as `ntplab inspect --count` makes them
# (bench/OffsetSeries.java); ntpdig's one per run, as it is used. Then ONESHOT single
# `ntplab inspect --json` runs, each a fresh JVM's first query. Prints the median and percentiles
# of |offset|, and the median signed offset (its bias). Needs root (see local-chronyd.sh), chrony
# and ntpsec-ntpdig from Debian.
#
#   sudo bench/offset-vs-ntpdig.sh [COUNT [ONESHOT]]      (defaults 100, 20)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count=${1:-100}
oneshot=${2:-20}
# shellcheck source=bench/local-chronyd.sh
. "$root/bench/local-chronyd.sh"
need python3 python3

"$root/ntplab" --version >/dev/null # builds the jar if needed
start_chronyd
server=$CHRONYD_ADDRESS

# ntplab: offset and delay in ns, one line per answer. The launcher's flags for short commands.
java -XX:TieredStopAtLevel=1 -cp "$root/target/ntplab.jar" "$root/bench/OffsetSeries.java" \
  "$server" "$count" 10 >"$bench_tmp/ntplab"

# ntpdig: its JSON gives the offset in seconds, to the microsecond.
for _ in $(seq 1 "$count"); do
  ntpdig -j "$server" | python3 -c 'import json, sys; print(round(json.load(sys.stdin)["offset"] * 1e9))'
done >"$bench_tmp/ntpdig"

for _ in $(seq 1 "$oneshot"); do
  "$root/ntplab" inspect "$server" --json | python3 -c \
    'import json, sys; j = json.load(sys.stdin); print(round(j["offset"] * 1e9), round(j["delay"] * 1e9))'
done >"$bench_tmp/oneshot"

python3 - "$bench_tmp" "$server" "$count" "$oneshot" <<'PY'
import statistics, sys
tmp, server, count, oneshot = sys.argv[1:]
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]
def us(ns):
    return f"{ns / 1000:8.1f}"
rows = [(f"ntplab, {count} queries in one JVM", "ntplab"), (f"ntpdig, {count} runs", "ntpdig"),
        (f"ntplab inspect, {oneshot} runs", "oneshot")]
print(f"offset against chronyd on {server} (truth: 0), in µs")
print(f"{'':34}{'|median|':>9}{'p90':>9}{'p99':>9}{'max':>9}{'signed':>9}{'delay':>9}")
median = {}
for label, name in rows:
    lines = [line.split() for line in open(f"{tmp}/{name}") if line.strip() and line.split()[0].lstrip("-").isdigit()]
    offsets = [int(l[0]) for l in lines]
    delays = [int(l[1]) for l in lines if len(l) > 1]
    size = [abs(o) for o in offsets]
    median[name] = statistics.median(size)
    print(f"{label:34}{us(median[name]):>9}{us(pct(size, 90)):>9}{us(pct(size, 99)):>9}{us(max(size)):>9}"
          f"{us(statistics.median(offsets)):>9}{us(statistics.median(delays)) if delays else '       -':>9}")
ok = median["ntplab"] <= 20_000
print(f"target: ntplab's median |offset| <= 20 µs over {count} queries: {'met' if ok else 'not met'}"
      f" ({median['ntplab'] / 1000:.1f} µs; ntpdig {median['ntpdig'] / 1000:.1f} µs)")
PY
