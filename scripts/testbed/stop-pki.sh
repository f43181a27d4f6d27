#!/usr/bin/env bash
# Stops what start-pki.sh started in WORKDIR: the OCSP responders, the CRL web server, the stapling s_servers and
# the Postfix instance. Idempotent: nothing running is not an error. Only the PIDs recorded in WORKDIR are signalled.
#
#   scripts/testbed/stop-pki.sh [WORKDIR]      (default /tmp/smtp-client-testbed/pki)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/pki}

# stop NAME PID: SIGTERM, then SIGKILL after 10 s.
stop() {
  local name=$1 pid=$2 deadline=$((SECONDS + 10))
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  echo "pki: $name stopped"
}

for name in ocsp root-ocsp http staple-good staple-revoked; do
  pid_file=$workdir/$name.pid
  [[ -r $pid_file ]] || continue
  pid=$(tr -d ' \n' <"$pid_file")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && stop "$name" "$pid"
  rm -f "$pid_file"
done

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
    echo "pki: Postfix stopped"
  fi
fi
