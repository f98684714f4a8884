#!/usr/bin/env bash
# A longer run of ServerUnderFireIT: `ntplab serve` in its own JVM under a loopback flood (20% hostile)
# while chronyd -Q and probes ask it the time; prints the figures SECURITY.md records.
#   bench/soak.sh [SECONDS [RATE]]   SECONDS of flood after the 8 s baseline (default 300);
#                                     RATE datagrams/s (default 0: as fast as one thread sends)
# SOAK_JVM adds options to the server's JVM, e.g. SOAK_JVM=-XX:StartFlightRecording=filename=/tmp/serve.jfr
# Needs what -Pinterop needs (root for setpriv, chronyd); traffic stays on 127.0.0.0/8.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
rate=${2:-0}
if command -v mvn >/dev/null 2>&1; then mvn=(mvn); else mvn=(./mvnw); fi
mkdir -p target
"${mvn[@]}" -o -B verify -Pinterop -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ServerUnderFireIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dntplab.soak.seconds="$seconds" -Dntplab.soak.rate="$rate" -Dntplab.soak.jvm="${SOAK_JVM:-}" >target/soak.log 2>&1 && status=0 || status=$?
# The figures, once (the failure message repeats them), and the verdict.
sed -n '/^ServerUnderFireIT:/,/^ *RSS/{p;/^ *RSS/q}' target/soak.log
grep -m1 -E 'Tests run:' target/soak.log || true
grep -E '^\s+Suppressed: .*AssertionFailedError' target/soak.log | sed 's/^\s*Suppressed: org.opentest4j.AssertionFailedError: /failed: /' || true
echo "full log: target/soak.log"
exit "$status"
