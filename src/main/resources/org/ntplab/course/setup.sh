#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu): it installs a
# JDK 17, Maven and the sandbox's tools (bubblewrap; setpriv and prlimit from util-linux), then
# builds the workbench once, so that grading needs no network. The root is /autograder, or
# NTPLAB_AUTOGRADER_ROOT (for trying the scripts elsewhere); NTPLAB_SKIP_APT=1 skips the installs.
set -euo pipefail
root="${NTPLAB_AUTOGRADER_ROOT:-/autograder}"
workbench="$root/source/workbench"

if [ -z "${NTPLAB_SKIP_APT:-}" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven bubblewrap util-linux
fi

# A zip made on any system: the scripts must be runnable whatever modes it kept.
chmod +x "$root/source/run_autograder" "$workbench/ntplab" "$workbench/mvnw" 2>/dev/null || true

cd "$workbench"
if command -v mvn >/dev/null 2>&1; then mvn=(mvn); else mvn=(./mvnw); fi
# NTPLAB_MAVEN_ARGS: e.g. -o where the dependencies are already at hand.
"${mvn[@]}" -B -q ${NTPLAB_MAVEN_ARGS:-} -Dmaven.test.skip=true package
# What was built: ntplab grade checks its jar and libraries against this before grading (the
# launcher, ./ntplab, writes the same record when it builds).
(cd target && sha256sum ntplab.jar lib/*.jar >ntplab.jar.sha256)
java -jar target/ntplab.jar --version
