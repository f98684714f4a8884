#!/usr/bin/env bash
# A longer run of ServerUnderFireIT: `ntplab serve` in its own JVM under a loopback flood (20% hostile)
# while chronyd -Q and probes ask it the time; prints the figures SECURITY.md records.
#   bench/soak.sh [SECONDS [RATE]]   SECONDS of flood after the 8 s baseline (default 300);
#                                     RATE datagrams/s (default 0: as fast as one thread sends)
# SOAK_JVM adds options to the server's JVM, e.g. SOAK_JVM=-XX:StartFlightRecording=filename=/tmp/serve.jfr
# Needs what -Pinterop needs (root for setpriv, chronyd); traffic stays on 127.0.0.0/8. Unlike the
# CI run, which asks for 85% (a busy machine drops a few), the soak asks for 99% of probes answered.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
rate=${2:-0}
if command -v mvn >/dev/null 2>&1; then mvn=(mvn); else mvn=(./mvnw); fi
mkdir -p target
soak() {
  "${mvn[@]}" "$@" -B verify -Pinterop -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ServerUnderFireIT -Dfailsafe.failIfNoSpecifiedTests=false -Dntplab.soak.answered=0.99 \
    -Dntplab.soak.seconds="$seconds" -Dntplab.soak.rate="$rate" -Dntplab.soak.jvm="${SOAK_JVM:-}" >target/soak.log 2>&1
}
# Offline first (no network needed once -Pinterop has run); where it never ran, the failsafe plugin
# and its kin are not in ~/.m2 yet: fetch them once, online, rather than fail on a resolution error.
unresolved() { grep -q 'in offline mode' target/soak.log; }
soak -o && status=0 || status=$?
if ((status != 0)) && unresolved; then
  echo "soak: -Pinterop's plugins are not in the local Maven repository; fetching them (online, once)..." >&2
  soak && status=0 || status=$?
  if ((status != 0)) && grep -qE 'Could not (resolve|transfer)|Unknown host|Connection refused|Network is unreachable' target/soak.log; then
    echo "soak: cannot fetch -Pinterop's plugins (no network?); run 'mvn -B verify -Pinterop' once online, then retry" >&2
    exit 1
  fi
fi
# The figures, once (the failure message repeats them), and the verdict.
sed -n '/^ServerUnderFireIT:/,/^ *RSS/{p;/^ *RSS/q}' target/soak.log
grep -m1 -E 'Tests run:' target/soak.log || true
grep -E '^\s+Suppressed: .*AssertionFailedError' target/soak.log | sed 's/^\s*Suppressed: org.opentest4j.AssertionFailedError: /failed: /' || true
echo "full log: target/soak.log"
exit "$status"
