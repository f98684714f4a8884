#!/usr/bin/env bash
# A cold `ntplab inspect --nts` against chronyd serving NTS on loopback: whole process (a new JVM
# each run, through the ./ntplab launcher as a user runs it), wall time and CPU time (user +
# system), the median of RUNS runs after one warm-up. Each run is a full NTS exchange: TCP, the
# TLS 1.3 handshake and NTS-KE records, then one authenticated NTP request and its reply.
# chronyd gets a self-signed EC P-256 certificate made here (openssl), trusted with --ca.
# Needs root (chronyd drops to _chrony, which must read the key), chrony, openssl, python3 and
# time (GNU time) from Debian.
#
#   sudo bench/inspect-nts.sh [RUNS]      (default 10)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-10}
# shellcheck source=bench/local-chronyd.sh
. "$root/bench/local-chronyd.sh" # bench_tmp, need, and stop_chronyd on exit
need chronyd chrony
need openssl openssl
need setpriv util-linux
need python3 python3
need /usr/bin/time time
if ((EUID != 0)); then
  echo "bench: run as root: chronyd starts as root and drops to _chrony" >&2
  exit 1
fi

free_port() {
  python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, getattr(socket, sys.argv[1])); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' "$1"
}

"$root/ntplab" --version >/dev/null # builds the jar and the launcher's class-data archive if needed

chmod 755 "$bench_tmp"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$bench_tmp/server.key" -out "$bench_tmp/server.crt" 2>/dev/null
chmod 644 "$bench_tmp/server.key" # a throw-away key; _chrony must read it
mkdir -m 777 "$bench_tmp/nts"
ntp_port=$(free_port SOCK_DGRAM)
ke_port=$(free_port SOCK_STREAM)
cat >"$bench_tmp/chrony.conf" <<CONF
local stratum 3
allow 127.0.0.1
bindaddress 127.0.0.1
port $ntp_port
cmdport 0
pidfile $bench_tmp/chronyd.pid
driftfile $bench_tmp/chronyd.drift
ntsport $ke_port
ntsserverkey $bench_tmp/server.key
ntsservercert $bench_tmp/server.crt
ntsdumpdir $bench_tmp/nts
CONF
setpriv --bounding-set -sys_time -- chronyd -x -d -f "$bench_tmp/chrony.conf" >"$bench_tmp/chronyd.log" 2>&1 &
chronyd_pid=$!

inspect=("$root/ntplab" inspect --nts "127.0.0.1:$ke_port" --ca "$bench_tmp/server.crt" --no-color)
for _ in $(seq 1 50); do
  if "${inspect[@]}" >/dev/null 2>&1; then break; fi # also the warm-up: page cache, archive
  kill -0 "$chronyd_pid" 2>/dev/null || { cat "$bench_tmp/chronyd.log" >&2; exit 1; }
  sleep 0.2
done
echo "chronyd $(chronyd --version | sed -n 's/.*version \([^ ]*\).*/\1/p'): NTS-KE on 127.0.0.1:$ke_port, NTP on 127.0.0.1:$ntp_port"

for _ in $(seq 1 "$runs"); do
  start=$EPOCHREALTIME
  if ! /usr/bin/time -f '%U %S' -o "$bench_tmp/cpu" "${inspect[@]}" >/dev/null 2>"$bench_tmp/err"; then
    echo "bench: inspect --nts failed:" >&2
    cat "$bench_tmp/err" >&2
    exit 1
  fi
  end=$EPOCHREALTIME
  echo "$(( (${end/./} - ${start/./}) / 10 )) $(tail -1 "$bench_tmp/cpu")" >>"$bench_tmp/runs"
done

python3 - "$bench_tmp/runs" "$runs" <<'PY'
import os, statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
wall = [int(r[0]) / 100 for r in rows]  # hundredths of a millisecond
cpu = [(float(r[1]) + float(r[2])) * 1000 for r in rows]
median = statistics.median(wall)
print(f"cold ntplab inspect --nts, median of {sys.argv[2]} runs: wall {median:.0f} ms"
      f" (min {min(wall):.0f}, max {max(wall):.0f}), CPU {statistics.median(cpu):.0f} ms;"
      f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
      f"   (target: wall <= 1 s: {'met' if median <= 1000 else 'not met'})")
PY
