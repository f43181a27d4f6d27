#!/usr/bin/env bash
# Stops the Postfix and Dovecot that start.sh started in WORKDIR. Idempotent: nothing running is not an error.
#
#   scripts/testbed/stop.sh [WORKDIR]      (default /tmp/smtp-client-testbed)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed}

# Waits until every process of a daemon's process group is gone (children hold the listening sockets too, so a
# restart on the same ports needs them gone), then kills what ignored the polite request.
await_group_exit() {
  local group=$1 deadline=$((SECONDS + 10))
  while pgrep -g "$group" >/dev/null; do
    if ((SECONDS >= deadline)); then
      pkill -KILL -g "$group" || true
      return
    fi
    sleep 0.1
  done
}

# Reads a PID file and prints the PID if that process is alive.
live_pid() {
  local pid
  [[ -r $1 ]] || return 1
  pid=$(tr -d ' \n' <"$1")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Both daemons take a second or two to wind down (Dovecot's master waits for its log process), so signal both
# first and wait afterwards. "postfix stop" would poll only once a second; SIGTERM to master (what "postfix
# abort" sends) ends it and its children just as well for a throwaway queue.
stopped=()
if postfix_pid=$(live_pid "$workdir/postfix/spool/pid/master.pid"); then
  kill "$postfix_pid"
  stopped+=("Postfix:$postfix_pid")
fi
if dovecot_pid=$(live_pid "$workdir/d/master.pid"); then
  kill "$dovecot_pid"
  stopped+=("Dovecot:$dovecot_pid")
fi
for daemon in ${stopped[@]+"${stopped[@]}"}; do
  await_group_exit "${daemon#*:}"
  echo "testbed: ${daemon%%:*} stopped"
done
