# Sourced by the bench scripts: start_chronyd starts chronyd on a spare loopback address, port 123,
# serving its own clock at stratum 3, and sets CHRONYD_ADDRESS; it is stopped when the script exits.
#
# Port 123 because ntpdig has no port option; a loopback address of its own (127.0.123.N) so that
# nothing else on 127.0.0.1:123 (a test's daemon) is disturbed. As the interop tests do, chronyd
# never touches the clock: -x, no CAP_SYS_TIME (setpriv), and keepclock.so preloaded when a C
# compiler is there to build it (src/test/c/keepclock.c).

bench_tmp=$(mktemp -d)
chronyd_pid=
stop_chronyd() {
  if [ -n "$chronyd_pid" ] && kill -0 "$chronyd_pid" 2>/dev/null; then
    kill "$chronyd_pid" 2>/dev/null || true
    wait "$chronyd_pid" 2>/dev/null || true
  fi
  rm -rf "$bench_tmp"
}
trap stop_chronyd EXIT

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "bench: needs $1 (Debian package $2)" >&2; exit 1; }
}

# A 127.0.123.N where nothing holds UDP port 123.
spare_loopback() {
  for n in $(seq 1 50); do
    if python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((sys.argv[1], 123))' \
        "127.0.123.$n" 2>/dev/null; then
      echo "127.0.123.$n"
      return 0
    fi
  done
  echo "bench: no free 127.0.123.N:123 (is this root?)" >&2
  exit 1
}

start_chronyd() {
  need chronyd chrony
  need ntpdig ntpsec-ntpdig
  need setpriv util-linux
  if ((EUID != 0)); then
    echo "bench: run as root: chronyd must bind port 123, the only port ntpdig asks" >&2
    exit 1
  fi
  CHRONYD_ADDRESS=$(spare_loopback)
  cat >"$bench_tmp/chrony.conf" <<CONF
local stratum 3
allow 127.0.0.0/8
bindaddress $CHRONYD_ADDRESS
port 123
cmdport 0
pidfile $bench_tmp/chronyd.pid
driftfile $bench_tmp/chronyd.drift
CONF
  local preload=
  if command -v cc >/dev/null 2>&1 \
      && cc -shared -fPIC -O2 -o "$bench_tmp/keepclock.so" "$root/src/test/c/keepclock.c" -ldl 2>/dev/null; then
    preload="$bench_tmp/keepclock.so"
  fi
  LD_PRELOAD=$preload setpriv --bounding-set -sys_time -- chronyd -x -d -f "$bench_tmp/chrony.conf" \
    >"$bench_tmp/chronyd.log" 2>&1 &
  chronyd_pid=$!
  for _ in $(seq 1 50); do
    if ntpdig -t 1 "$CHRONYD_ADDRESS" >/dev/null 2>&1; then
      echo "chronyd $(chronyd --version | sed -n 's/.*version \([^ ]*\).*/\1/p') on $CHRONYD_ADDRESS:123 (its own clock, stratum 3)"
      return 0
    fi
    kill -0 "$chronyd_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "bench: chronyd did not answer; its log:" >&2
  cat "$bench_tmp/chronyd.log" >&2
  exit 1
}
