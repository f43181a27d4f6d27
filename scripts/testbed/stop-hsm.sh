#!/usr/bin/env bash
# Removes the SoftHSM2 token that start-hsm.sh made in WORKDIR (SoftHSM2 is a library: nothing runs). Idempotent;
# removes only a directory start-hsm.sh marked as its own.
#
#   scripts/testbed/stop-hsm.sh [WORKDIR]      (default /tmp/smtp-client-testbed/hsm)
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/hsm}
if [[ -e $workdir/.smtp-client-hsm ]]; then
  rm -rf "$workdir"
  echo "hsm: token removed"
fi
