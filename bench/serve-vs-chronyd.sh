#!/usr/bin/env bash
# ntplab serve against Debian's chronyd on loopback, under the same `ntplab load`: throughput,
# p99 RTT and the servers' own T3-T2, each the median of several alternating runs, and the ratios.
#
# Both servers run at once on loopback, neither rate-limiting: ntplab serve with --rate-interval 0,
# chronyd as bench/local-chronyd.sh starts it, with no `ratelimit` line. chronyd never touches the
# clock: -x, started without CAP_SYS_TIME (setpriv) and with src/test/c/keepclock.c preloaded, as the
# interop tests do.
# Needs root (chronyd), python3, setpriv, ntpdig (cc optional). Everything started is stopped on exit.
#
# Usage: bench/serve-vs-chronyd.sh [--seconds S] [--window W] [--rounds N] [--warmup D] [--server-warmup S]
#   defaults: 8 s per run, window 64, 3 rounds, 2s warmup per run (the load client's JIT), and 5 s of
#   load on each server before the first round (ntplab serve's JIT): 2 x 5 + 3 x 2 x (2 + 8) s, plus
#   JVM starts, under 2 minutes.
#   BENCH_JAVA_OPTS goes to ntplab serve's JVM (e.g. -XX:+UseSerialGC), NTPLAB_JAVA_OPTS to both.
set -euo pipefail

seconds=8 window=64 rounds=3 warmup=2s server_warmup=5
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --server-warmup) server_warmup="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve-vs-chronyd: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "serve-vs-chronyd: --rounds must be 1 or more, not $rounds" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ntplab="$here/ntplab"
root="$here"
# shellcheck source=bench/local-chronyd.sh
. "$here/bench/local-chronyd.sh" # start_chronyd: chronyd serving its own clock on 127.0.123.N:123
for tool in chronyd python3 setpriv; do
  command -v "$tool" >/dev/null || { echo "serve-vs-chronyd: $tool is not installed" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "serve-vs-chronyd: chronyd needs root" >&2; exit 1; }

work="$(mktemp -d /tmp/serve-vs-chronyd.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  stop_chronyd
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until 127.0.0.1:$1 answers a client request with synchronized time (LI != 3), at most 20 s.
await_time() {
  python3 - "$1" <<'PY' || { echo "serve-vs-chronyd: $2 did not answer on port $1; its log:" >&2; cat "$3" >&2; exit 1; }
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.2)
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    s.sendto(b"\x23" + bytes(39) + b"ntplab!!", ("127.0.0.1", int(sys.argv[1])))
    try:
        reply = s.recv(512)
        if len(reply) >= 48 and reply[0] >> 6 != 3 and reply[24:32] == b"ntplab!!":
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.1)
sys.exit(1)
PY
}

# The jar first (the launcher builds it when missing or stale), so no run pays for the build.
"$ntplab" --version >/dev/null

serve_port="$(free_port)"
NTPLAB_JAVA_OPTS="${NTPLAB_JAVA_OPTS:-} ${BENCH_JAVA_OPTS:-}" \
  "$ntplab" serve --port "$serve_port" --time-port 0 --rate-interval 0 >"$work/serve.log" 2>&1 &
serve_pid=$! # the launcher execs java, setpriv execs chronyd: these are the servers themselves
pids+=("$serve_pid")

start_chronyd >&2
chronyd_target="$CHRONYD_ADDRESS:123"

await_time "$serve_port" "ntplab serve" "$work/serve.log"
serve_target="127.0.0.1:$serve_port"
echo "ntplab serve on port $serve_port, $(chronyd --version | head -1) on $chronyd_target;" \
  "$rounds rounds of ntplab load --seconds $seconds --window $window --warmup $warmup, alternating" >&2

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system time of a process, in clock ticks

run() { # name host:port round pid
  local before; before="$(cpu_ticks "$4")"
  "$ntplab" load "$2" --seconds "$seconds" --window "$window" --warmup "$warmup" --json --quiet \
    >"$work/$1-$3.json"
  echo $(( $(cpu_ticks "$4") - before )) >"$work/$1-$3.cpu"
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print("  %-7s round %s: %9.0f replies/s, p99 RTT %8.1f us, loss %.3f %%" % (sys.argv[2], sys.argv[3], r["repliesPerSecond"], r["rttNanos"]["p99"] / 1e3, r["lossPercent"]))' \
    "$work/$1-$3.json" "$1" "$3" >&2
}

# Not counted: until the JIT has compiled serve's hot path, a round would measure the compiler.
for target in "$serve_target" "$chronyd_target"; do
  "$ntplab" load "$target" --seconds "$server_warmup" --window "$window" --quiet --json >/dev/null
done

for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then
    run ntplab "$serve_target" "$round" "$serve_pid"; run chronyd "$chronyd_target" "$round" "$chronyd_pid"
  else
    run chronyd "$chronyd_target" "$round" "$chronyd_pid"; run ntplab "$serve_target" "$round" "$serve_pid"
  fi
done

python3 - "$work" "$rounds" "$(getconf CLK_TCK)" <<'PY'
import json, statistics, sys
work, rounds, tick = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def result(name, r):
    run = json.load(open(f"{work}/{name}-{r}.json"))
    # The server's CPU time over the whole run (warmup included) per datagram it answered.
    run["cpuMicrosPerReply"] = int(open(f"{work}/{name}-{r}.cpu").read()) * 1e6 / tick / (run["replies"] + run["warmupReplies"])
    return run
def median(name, pick):
    return statistics.median(pick(result(name, r)) for r in range(1, rounds + 1))
rows = [
    ("replies/s", lambda r: r["repliesPerSecond"], "%.0f", "higher is better"),
    ("p99 RTT us", lambda r: r["rttNanos"]["p99"] / 1e3, "%.1f", "lower is better"),
    ("p50 RTT us", lambda r: r["rttNanos"]["p50"] / 1e3, "%.1f", "lower is better"),
    ("T3-T2 median us", lambda r: r["serverTimeNanos"]["p50"] / 1e3, "%.2f", "the server's own account"),
    ("server CPU us/reply", lambda r: r["cpuMicrosPerReply"], "%.2f", "its process's user + system time"),
    ("loss %", lambda r: r["lossPercent"], "%.3f", ""),
]
print("%-19s %12s %12s %14s" % ("median of %d" % rounds, "ntplab", "chronyd", "ntplab/chronyd"))
for label, pick, fmt, note in rows:
    ours, theirs = median("ntplab", pick), median("chronyd", pick)
    ratio = "%.2f" % (ours / theirs) if theirs else "-"
    print("%-19s %12s %12s %14s  %s" % (label, fmt % ours, fmt % theirs, ratio, note))
PY
