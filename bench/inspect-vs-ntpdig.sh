#!/usr/bin/env bash
# One `ntplab inspect` against one `ntpdig` query, whole process: wall time, peak RSS and CPU
# time (user + system: on a shared machine the least disturbed of the three), the median of RUNS
# runs each (alternating, after a warm-up), against the same chronyd on loopback.
# Also the floors under ntplab's number, with the launcher's JVM flags: the JVM alone (java
# -version), and the JVM with picocli running a one-option command from the same jar, with a
# class-data archive of its own as ntplab has. Needs root (see local-chronyd.sh), chrony,
# ntpsec-ntpdig and time (GNU time, for the peak RSS) from Debian, and a JDK (javac).
#
#   sudo bench/inspect-vs-ntpdig.sh [RUNS]      (default 20)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-20}
# shellcheck source=bench/local-chronyd.sh
. "$root/bench/local-chronyd.sh"
need /usr/bin/time time
need python3 python3
need javac openjdk-17-jdk-headless

"$root/ntplab" --version >/dev/null # builds the jar and the launcher's class-data archive if needed
start_chronyd
server=$CHRONYD_ADDRESS

# measure NAME COMMAND...: one run; appends "wall_10µs peak_rss_kb user_s system_s" to $bench_tmp/NAME.
measure() {
  local name=$1
  shift
  local start=$EPOCHREALTIME
  if ! /usr/bin/time -f '%M %U %S' -o "$bench_tmp/rss" "$@" >/dev/null 2>"$bench_tmp/err"; then
    echo "bench: '$*' failed:" >&2
    cat "$bench_tmp/err" >&2
    exit 1
  fi
  local end=$EPOCHREALTIME
  echo "$(( (${end/./} - ${start/./}) / 10 )) $(tail -1 "$bench_tmp/rss")" >>"$bench_tmp/$name"
}

jvm_flags=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 -XX:-UsePerfData -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off) # as ./ntplab gives short commands
cat >"$bench_tmp/Trivial.java" <<'JAVA'
import picocli.CommandLine;
@CommandLine.Command(name = "trivial")
public class Trivial implements Runnable {
  @CommandLine.Option(names = "--x") int x;
  public void run() {}
  public static void main(String[] args) { System.exit(new CommandLine(new Trivial()).execute(args)); }
}
JAVA
javac -nowarn -d "$bench_tmp" -cp "$root/target/ntplab.jar" "$bench_tmp/Trivial.java"
trivial=(java "${jvm_flags[@]}" -cp "$root/target/ntplab.jar:$bench_tmp")
# A static archive, as the launcher makes (a dynamic one would leave picocli's Java 5 classes out).
"${trivial[@]}" -XX:DumpLoadedClassList="$bench_tmp/trivial.classes" Trivial --x 1 >/dev/null 2>&1 || true
java -Xshare:dump -Xlog:cds=off -XX:SharedClassListFile="$bench_tmp/trivial.classes" \
  -XX:SharedArchiveFile="$bench_tmp/trivial.jsa" -cp "$root/target/ntplab.jar:$bench_tmp" >/dev/null 2>&1 || true
round() {
  measure ntpdig ntpdig "$server"
  measure ntplab "$root/ntplab" inspect "$server"
  measure java java "${jvm_flags[@]}" -version
  measure picocli "${trivial[@]}" -XX:SharedArchiveFile="$bench_tmp/trivial.jsa" Trivial --x 1
}
round # warm-up: page cache, archive
rm -f "$bench_tmp"/{ntpdig,ntplab,java,picocli}
for _ in $(seq 1 "$runs"); do round; done

python3 - "$bench_tmp" "$runs" "$server" <<'PY'
import statistics, sys
tmp, runs, server = sys.argv[1], sys.argv[2], sys.argv[3]
def load(name):
    rows = [line.split() for line in open(f"{tmp}/{name}")]
    # wall in hundredths of a millisecond; peak RSS in KB; user and system CPU in seconds
    return (statistics.median(int(r[0]) / 100 for r in rows), statistics.median(int(r[1]) / 1024 for r in rows),
            statistics.median((float(r[2]) + float(r[3])) * 1000 for r in rows))
rows = [("ntpdig " + server, "ntpdig"), ("ntplab inspect " + server, "ntplab"),
        ("  floor: the JVM (java -version)", "java"), ("  floor: JVM + picocli, 1-option command", "picocli")]
m = {name: load(name) for _, name in rows}
print(f"medians of {runs} runs each              wall      peak RSS       CPU")
for label, name in rows:
    print(f"{label:<40}{m[name][0]:7.1f} ms {m[name][1]:7.1f} MB {m[name][2]:6.0f} ms")
r = [m["ntplab"][i] / m["ntpdig"][i] for i in range(3)]
print(f"ratio ntplab / ntpdig                   {r[0]:7.2f}x   {r[1]:7.2f}x  {r[2]:6.2f}x"
      f"   (target: wall <= 1.5x: {'met' if r[0] <= 1.5 else 'not met'})")
PY
