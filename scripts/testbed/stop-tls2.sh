#!/usr/bin/env bash
# Stops what start-tls2.sh started in WORKDIR: the openssl s_server and the Postfix instance. Idempotent: nothing
# running is not an error. Only the PIDs recorded in WORKDIR (and Postfix's process group) are signalled.
#
#   scripts/testbed/stop-tls2.sh [WORKDIR]      (default /tmp/smtp-client-testbed/tls2)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/tls2}
pid_file=$workdir/s_server-groups.pid
if [[ -r $pid_file ]]; then
  pid=$(tr -d ' \n' <"$pid_file")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    echo "tls2: openssl s_server stopped"
  fi
  rm -f "$pid_file"
fi
master_pid_file=$workdir/postfix/spool/pid/master.pid
if [[ -r $master_pid_file ]]; then
  pid=$(tr -d ' \n' <"$master_pid_file")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    # master's children hold the listening sockets too: wait for the whole process group.
    deadline=$((SECONDS + 10))
    while pgrep -g "$pid" >/dev/null && ((SECONDS < deadline)); do
      sleep 0.1
    done
    pgrep -g "$pid" >/dev/null && pkill -KILL -g "$pid"
    echo "tls2: Postfix stopped"
  fi
fi
