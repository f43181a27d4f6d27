#!/usr/bin/env bash
# Stops what start-psk.sh started in WORKDIR: stunnel4. Idempotent: nothing running is not an error. Only the PIDs
# recorded in WORKDIR are signalled.
#
#   scripts/testbed/stop-psk.sh [WORKDIR]      (default /tmp/smtp-client-testbed/psk)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/psk}
stopped=false
# stunnel writes its own pid file; the launcher's PID is the same process in foreground mode, kept in case stunnel
# failed before writing its file.
for pid_file in "$workdir/stunnel.pid" "$workdir/stunnel.launcher.pid"; do
  if [[ -r $pid_file ]]; then
    pid=$(tr -d ' \n' <"$pid_file")
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      deadline=$((SECONDS + 10))
      while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.1
      done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      stopped=true
    fi
    rm -f "$pid_file"
  fi
done
if $stopped; then
  echo "psk: stunnel4 stopped"
fi
