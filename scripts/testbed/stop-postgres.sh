#!/usr/bin/env bash
# Stops the PostgreSQL cluster that start-postgres.sh started in WORKDIR. Idempotent: nothing running is not an error.
#
#   scripts/testbed/stop-postgres.sh [WORKDIR]      (default /tmp/smtp-client-testbed/postgres)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/postgres}
bin=/usr/lib/postgresql/15/bin

if [[ -r $workdir/data/postmaster.pid ]]; then
  pid=$(head -n 1 "$workdir/data/postmaster.pid")
  if kill -0 "$pid" 2>/dev/null; then
    # Fast shutdown: rolls back open transactions, takes about 0.1 s.
    runuser -u postgres -- "$bin/pg_ctl" -D "$workdir/data" -m fast -w -t 30 stop >/dev/null
    echo "testbed-postgres: stopped ($pid)"
  fi
fi
