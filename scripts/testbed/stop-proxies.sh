#!/usr/bin/env bash
# Stops the dante and tinyproxy instances that start-proxies.sh started in WORKDIR. Idempotent: nothing running is
# not an error. Only the PIDs recorded in WORKDIR are signalled.
#
#   scripts/testbed/stop-proxies.sh [WORKDIR]      (default /tmp/smtp-client-testbed/proxies)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/proxies}

for name in danted-auth danted-open tinyproxy; do
  pid_file=$workdir/$name.pid
  [[ -r $pid_file ]] || continue
  pid=$(tr -d ' \n' <"$pid_file")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    deadline=$((SECONDS + 10))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "proxies: $name stopped"
  fi
  rm -f "$pid_file"
done
