#!/usr/bin/env bash
# Stops the opendkim and Postfix that start-dkim.sh started in WORKDIR. Idempotent: nothing running is not an error.
# Only the PIDs recorded in WORKDIR are signalled.
#
#   scripts/testbed/stop-dkim.sh [WORKDIR]      (default /tmp/smtp-client-testbed/dkim)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/dkim}

running() {
  # A zombie still answers kill -0; its state in /proc says it is gone.
  [[ -r /proc/$1/stat ]] && [[ $(cut -d' ' -f3 "/proc/$1/stat") != Z ]]
}

stop_pid() {
  local name=$1 pid=$2 deadline
  [[ -n $pid ]] && running "$pid" || return 0
  kill "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 10))
  while running "$pid" && ((SECONDS < deadline)); do
    sleep 0.1
  done
  if running "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  echo "testbed-dkim: $name stopped"
}

# Postfix's master and its children share a process group; wait for all of them, as stop.sh does.
if [[ -r $workdir/postfix/spool/pid/master.pid ]]; then
  master=$(tr -d ' \n' <"$workdir/postfix/spool/pid/master.pid")
  if [[ -n $master ]] && running "$master"; then
    kill "$master" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while pgrep -g "$master" >/dev/null && ((SECONDS < deadline)); do
      sleep 0.1
    done
    pgrep -g "$master" >/dev/null && pkill -KILL -g "$master" || true
    echo "testbed-dkim: Postfix stopped"
  fi
fi
for pid_file in "$workdir/opendkim.launch.pid" "$workdir/opendkim.pid"; do
  [[ -r $pid_file ]] || continue
  stop_pid opendkim "$(tr -d ' \n' <"$pid_file")"
  rm -f "$pid_file"
done
