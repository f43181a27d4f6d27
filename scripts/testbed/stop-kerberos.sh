#!/usr/bin/env bash
# Stops what start-kerberos.sh started in WORKDIR (squid with Negotiate, krb5kdc). Idempotent: nothing running is not
# an error. Only the PIDs recorded in WORKDIR are signalled.
#
#   scripts/testbed/stop-kerberos.sh [WORKDIR]      (default /tmp/smtp-client-testbed/kerberos)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/kerberos}

running() {
  # A zombie still answers kill -0; its state in /proc says it is gone.
  [[ -r /proc/$1/stat ]] && [[ $(cut -d' ' -f3 "/proc/$1/stat") != Z ]]
}

for name in squid-negotiate krb5kdc; do
  pid_file=$workdir/$name.pid
  [[ -r $pid_file ]] || continue
  pid=$(tr -d ' \n' <"$pid_file")
  if [[ -n $pid ]] && running "$pid"; then
    kill "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while running "$pid" && ((SECONDS < deadline)); do
      sleep 0.1
    done
    running "$pid" && kill -KILL "$pid"
    echo "kerberos: $name stopped"
  fi
  rm -f "$pid_file"
done
