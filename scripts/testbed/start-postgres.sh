#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on 127.0.0.1 for the outbox's interop tests (crash test, benchmarks), and
# writes WORKDIR/postgres.env for them to read. Everything (data, socket, log) lives in WORKDIR; no system cluster
# is used or changed.
#
#   scripts/testbed/start-postgres.sh [WORKDIR]      (default /tmp/smtp-client-testbed/postgres)
#
# Port (override with the environment variable of the same name):
#   SMTP_TESTBED_POSTGRES_PORT  30432
#
# The cluster is made for tests: fsync, synchronous_commit and full_page_writes are off, so a crash of PostgreSQL
# itself may lose the last commits (killing a client, which is what the tests do, loses nothing).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=${1:-/tmp/smtp-client-testbed/postgres}
port=${SMTP_TESTBED_POSTGRES_PORT:-30432}
bin=/usr/lib/postgresql/15/bin
database=outbox
user=outbox
password=outbox-secret
marker=.smtp-client-postgres

fail() {
  echo "testbed-postgres: $*" >&2
  exit 1
}

[[ -x $bin/initdb ]] || fail "PostgreSQL 15 is not installed: run scripts/testbed/install.sh"
[[ $(id -u) -eq 0 ]] || fail "must run as root (the cluster runs as the postgres user)"
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start-postgres.sh: choose another WORKDIR"
fi
"$script_dir/stop-postgres.sh" "$workdir" >/dev/null
rm -rf "$workdir"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  fail "127.0.0.1:$port is already in use; stop that server or set SMTP_TESTBED_POSTGRES_PORT"
fi

umask 022
mkdir -p "$workdir/sock"
touch "$workdir/$marker"
# Every parent must be searchable by postgres (mktemp-style 0700 parents are not).
chmod 755 "$workdir"
chown postgres:postgres "$workdir" "$workdir/sock"
printf '%s\n' "$password" >"$workdir/pwfile"
chown postgres "$workdir/pwfile"
chmod 600 "$workdir/pwfile"

as_postgres() { runuser -u postgres -- "$@"; }
# -N: no fsync of the new cluster (0.5 s instead of 4 s).
as_postgres "$bin/initdb" -D "$workdir/data" -N -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$workdir/pwfile" -E UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 \
  || { cat "$workdir/initdb.log" >&2; fail "initdb failed"; }
cat >>"$workdir/data/postgresql.conf" <<CONF
# Added by scripts/testbed/start-postgres.sh.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$workdir/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
as_postgres "$bin/pg_ctl" -D "$workdir/data" -l "$workdir/postgres.log" -w -t 30 start >/dev/null \
  || { tail -n 20 "$workdir/postgres.log" >&2; fail "PostgreSQL did not start"; }
psql -q -h "$workdir/sock" -p "$port" -U postgres -v ON_ERROR_STOP=1 <<SQL >/dev/null
CREATE ROLE $user LOGIN PASSWORD '$password';
CREATE DATABASE $database OWNER $user;
SQL

cat >"$workdir/postgres.env" <<ENV
# Written by scripts/testbed/start-postgres.sh; read by the outbox's interop tests and benchmarks.
SMTP_TESTBED_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/$database
SMTP_TESTBED_POSTGRES_USER=$user
SMTP_TESTBED_POSTGRES_PASSWORD=$password
SMTP_TESTBED_POSTGRES_PORT=$port
SMTP_TESTBED_POSTGRES_LOG=$workdir/postgres.log
ENV
echo "testbed-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, database $database, user $user"
echo "testbed-postgres:   settings $workdir/postgres.env"
