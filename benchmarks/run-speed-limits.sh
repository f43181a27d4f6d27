#!/usr/bin/env bash
# Measures the speed limits (socket().outgoingSpeedLimit and incomingSpeedLimit per connection, the limits of a whole
# SmtpMailSender, and the cost of a limit that does not bind) and writes benchmarks/SPEED-LIMITS.md, which is also
# put into docs/BENCHMARKS.md between the speed-limits markers (appended when they are missing); the rest of that
# file is left alone, and benchmarks/run.sh appends SPEED-LIMITS.md when it rewrites the file.
#   benchmarks/run-speed-limits.sh               10 s per measurement, about 2 minutes
#   benchmarks/run-speed-limits.sh --seconds=3   a smoke run
# Builds in the reactor (nothing is installed into ~/.m2) and sends to the module's JavaSink on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/benchmarks/target"

mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
java -cp "$CP" io.github.smtpclient.benchmarks.SpeedLimitBenchmark "$@" --out="$OUT/speed-limits.md"

SECTION="$ROOT/benchmarks/SPEED-LIMITS.md"
{
  echo "<!-- speed-limits:begin: written by benchmarks/run-speed-limits.sh; do not edit by hand -->"
  echo "## Speed limits"
  echo
  echo "- Command: \`benchmarks/run-speed-limits.sh${*:+ $*}\` (regenerates this section only)"
  echo "- Date: $STARTED; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),"
  echo "  load average at start $LOAD; JDK: $(java -version 2>&1 | head -2 | tail -1)"
  echo "- Server: the module's JavaSink on loopback. Every limit is a token bucket whose burst is a tenth of a"
  echo "  second's worth, so a full bucket at the start adds about 1 % over 10 s. Deviation is (achieved / limit - 1);"
  echo "  the target is within 5 %. Source: \`benchmarks/src/main/java/io/github/smtpclient/benchmarks/SpeedLimitBenchmark.java\`."
  echo
  cat "$OUT/speed-limits.md"
  echo "<!-- speed-limits:end -->"
} >"$SECTION"

DOC="$ROOT/docs/BENCHMARKS.md"
if grep -q '<!-- speed-limits:begin' "$DOC" 2>/dev/null; then
  # Replace the old section with the new one, keeping everything around it.
  awk -v section="$SECTION" '
    /<!-- speed-limits:begin/ { while ((getline line < section) > 0) print line; skipping = 1; next }
    /<!-- speed-limits:end -->/ { skipping = 0; next }
    !skipping { print }' "$DOC" >"$OUT/BENCHMARKS.md.new"
  mv "$OUT/BENCHMARKS.md.new" "$DOC"
else
  { echo; cat "$SECTION"; } >>"$DOC"
fi
echo "Wrote $SECTION and its section of $DOC"
