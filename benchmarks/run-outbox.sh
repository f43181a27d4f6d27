#!/usr/bin/env bash
# Benchmarks the durable outbox beside direct pooled sending and writes the section "Outbox: delivery throughput and
# enqueue latency" to benchmarks/outbox-results.md and into docs/BENCHMARKS.md (benchmarks/run.sh copies the file in
# when it rewrites that page, so the section survives).
#   benchmarks/run-outbox.sh            full run (about 5 minutes on 2 cores)
#   benchmarks/run-outbox.sh --quick    smoke run: a fifth of the messages, 3 rounds
# Extra arguments go to io.github.smtpclient.benchmarks.OutboxBenchmark, e.g. --sink=java, --rounds=7.
#
# Run as root (like scripts/testbed/start-postgres.sh, which this calls): it starts a PostgreSQL 15 cluster of its
# own in $OUTBOX_BENCH_DIR (default /tmp/smtp-client-outbox-bench) on 127.0.0.1:$SMTP_TESTBED_POSTGRES_PORT (default
# 30433, beside the test bed's 30432), puts fsync, synchronous_commit and full_page_writes back to PostgreSQL's
# durable defaults (the test-bed script turns them off), and stops it on exit. Builds in the reactor; installs
# nothing into ~/.m2. The sink is Postfix's smtp-sink when installed, else the module's JavaSink.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${OUTBOX_BENCH_DIR:-/tmp/smtp-client-outbox-bench}
export SMTP_TESTBED_POSTGRES_PORT=${SMTP_TESTBED_POSTGRES_PORT:-30433}
PG="$WORK/postgres"
SECTION="$ROOT/benchmarks/outbox-results.md"
DOC="$ROOT/docs/BENCHMARKS.md"

mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"

stop_postgres() { scripts/testbed/stop-postgres.sh "$PG" || true; }
trap stop_postgres EXIT
mkdir -p "$WORK"
scripts/testbed/start-postgres.sh "$PG"
# shellcheck source=/dev/null
source "$PG/postgres.env"
psql -q -h "$PG/sock" -p "$SMTP_TESTBED_POSTGRES_PORT" -U postgres -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
ALTER SYSTEM SET fsync = on;
ALTER SYSTEM SET synchronous_commit = on;
ALTER SYSTEM SET full_page_writes = on;
SELECT pg_reload_conf();
SQL

rm -rf "$WORK/h2"
java -Xmx512m -cp "$CP" io.github.smtpclient.benchmarks.OutboxBenchmark \
  --postgres-url="$SMTP_TESTBED_POSTGRES_URL" --postgres-user="$SMTP_TESTBED_POSTGRES_USER" \
  --postgres-password="$SMTP_TESTBED_POSTGRES_PASSWORD" --postgres-data="$PG/data" --work="$WORK/h2" \
  --command="benchmarks/run-outbox.sh${*:+ $*}" --out="$SECTION" "$@"

# Replace the section in docs/BENCHMARKS.md (between its marker comments), or append it when the page has none.
start='<!-- outbox-benchmark:start -->'
end='<!-- outbox-benchmark:end -->'
if [[ -f $DOC ]] && grep -qF "$start" "$DOC"; then
  awk -v start="$start" -v end="$end" -v section="$SECTION" '
    $0 == start { while ((getline line < section) > 0) print line; skipping = 1; next }
    $0 == end { skipping = 0; next }
    !skipping { print }' "$DOC" >"$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
else
  { [[ -f $DOC ]] && echo; cat "$SECTION"; } >>"$DOC"
fi
echo "Wrote $SECTION and its section in $DOC"
