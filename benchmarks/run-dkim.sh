#!/usr/bin/env bash
# Measures DKIM signing: a 100 MB message signed and sent in a 64 MB heap (-Xmx64m; a composed message with a 100 MiB
# attachment written twice, and a 100 MiB raw stream spooled once), and the time per message of 1 KB and 5 MB
# messages unsigned and signed (RSA-2048, Ed25519, both). Writes benchmarks/DKIM.md and puts it into
# docs/BENCHMARKS.md between the dkim markers (appended when they are missing); the rest of that file is left alone,
# and benchmarks/run.sh appends DKIM.md when it rewrites the file.
#   benchmarks/run-dkim.sh                3 s per measurement, about a minute
#   benchmarks/run-dkim.sh --seconds=1    a smoke run
# Builds in the reactor (nothing is installed into ~/.m2) and sends to the module's JavaSink on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/benchmarks/target"

./mvnw -B -q -o -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
SPOOL=$(mktemp -d /tmp/dkim-bench-XXXXXX)
trap 'rm -rf "$SPOOL"' EXIT
java -Xmx64m -Djava.io.tmpdir="$SPOOL" -cp "$CP" io.github.smtpclient.benchmarks.DkimBenchmark large >"$OUT/dkim-large.md"
java -cp "$CP" io.github.smtpclient.benchmarks.DkimBenchmark cost "$@" >"$OUT/dkim-cost.md"

SECTION="$ROOT/benchmarks/DKIM.md"
{
  echo "<!-- dkim:begin: written by benchmarks/run-dkim.sh; do not edit by hand -->"
  echo "## DKIM signing"
  echo
  echo "- Command: \`benchmarks/run-dkim.sh${*:+ $*}\` (regenerates this section only)"
  echo "- Date: $STARTED; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),"
  echo "  load average at start $LOAD; JDK: $(java -version 2>&1 | head -2 | tail -1)"
  echo "- Server: the module's JavaSink on loopback, DATA. Source:"
  echo "  \`benchmarks/src/main/java/io/github/smtpclient/benchmarks/DkimBenchmark.java\`."
  echo
  echo "A 100 MB message in a 64 MB heap (\`java -Xmx64m\`): the body is hashed as it streams, never held. Peak heap"
  echo "used is the sum of the heap pools' peaks during the send, an upper bound."
  echo
  cat "$OUT/dkim-large.md"
  echo
  echo "Time per message, \`sendBytes\` one after another on one connection (a round trip per message), mean over"
  echo "the measurement after a second of warm-up; \"RSA cost\" is rsa-sha256 minus unsigned, and their ratio."
  echo
  cat "$OUT/dkim-cost.md"
  echo "<!-- dkim:end -->"
} >"$SECTION"

DOC="$ROOT/docs/BENCHMARKS.md"
if grep -q '<!-- dkim:begin' "$DOC" 2>/dev/null; then
  awk -v section="$SECTION" '
    /<!-- dkim:begin/ { while ((getline line < section) > 0) print line; skipping = 1; next }
    /<!-- dkim:end -->/ { skipping = 0; next }
    !skipping { print }' "$DOC" >"$OUT/BENCHMARKS.md.new"
  mv "$OUT/BENCHMARKS.md.new" "$DOC"
else
  { echo; cat "$SECTION"; } >>"$DOC"
fi
echo "Wrote $SECTION and its section of $DOC"
