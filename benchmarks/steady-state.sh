#!/usr/bin/env bash
# Where one client's CPU goes once it is warm, and what the sink spends meanwhile (the notes' steady-state figures).
#   benchmarks/steady-state.sh CLIENT WORKLOAD        e.g. smtp-client-pool 1kb-4conn, or minimal 5mb
# Starts Postfix's smtp-sink on 127.0.0.1:${BENCH_SINK_PORT:-31301}, runs one ClientRun against it and measures a
# window of whole repetitions that opens at the first repetition to end 9 s in (after the 5 s warm-up) and closes at
# the first to end 10 s later. It prints, per message in that window: CPU per group of client threads (user and
# system, from /proc/PID/task/*/stat), the client's voluntary context switches, and the sink's CPU.
# Needs benchmarks/target/classpath.txt (benchmarks/run.sh writes it) and smtp-sink (apt-get install postfix).
set -euo pipefail
[[ $# == 2 ]] || { echo "usage: $0 CLIENT WORKLOAD" >&2; exit 2; }
CLIENT=$1 WORKLOAD=$2 PORT=${BENCH_SINK_PORT:-31301}
cd "$(dirname "$0")"
CP="target/classes:$(cat target/classpath.txt)"
OUT=$(mktemp -d)
HZ=$(getconf CLK_TCK)

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "127.0.0.1:$PORT is taken; stop what listens there or set BENCH_SINK_PORT" >&2; exit 1
fi
SINK_USER=(); [[ $(id -u) == 0 ]] && SINK_USER=(-u nobody)
/usr/sbin/smtp-sink -a "${SINK_USER[@]}" "127.0.0.1:$PORT" 1000 & SINK=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do kill -0 $SINK; sleep 0.1; done
java -Xmx512m -cp "$CP" io.github.smtpclient.benchmarks.ClientRun "$CLIENT" "$WORKLOAD" 127.0.0.1 "$PORT" false 1000 5 1.5 \
  > "$OUT/run.txt" 2> "$OUT/run.err" & RUN=$!
# The client goes first, so that it does not see the sink close on it.
stop() {
  kill $RUN 2>/dev/null || true; wait $RUN 2>/dev/null || true
  kill $SINK 2>/dev/null || true; wait $SINK 2>/dev/null || true
  rm -rf "$OUT"
}
trap stop EXIT

samples() { grep -c SAMPLE "$OUT/run.txt" || true; }
next_sample() { local n; n=$(samples); while [[ $(samples) == "$n" ]]; do sleep 0.02; done; }
# One line per client thread ("name utime stime voluntary-switches", digits at the end of a name made '#'), then
# the sink's "utime stime" as the last line.
snapshot() {
  local task name
  for task in /proc/$RUN/task/*; do
    name=$(sed 's/[0-9]*$/#/; s/ /_/g' "$task/comm")
    echo "$name $(sed 's/.*) //' "$task/stat" | cut -d' ' -f12,13) $(awk '/^voluntary_ctxt/{print $2}' "$task/status")"
  done
  echo "sink $(sed 's/.*) //' "/proc/$SINK/stat" | cut -d' ' -f12,13)"
}

sleep 9; next_sample
first=$(samples); start=$(date +%s.%N); snapshot > "$OUT/a"
sleep 10; next_sample
last=$(samples); end=$(date +%s.%N); snapshot > "$OUT/b"
messages=$(grep SAMPLE "$OUT/run.txt" | sed -n "$((first + 1)),${last}p" | awk '{n += $2} END {print n}')

awk -v hz="$HZ" -v m="$messages" -v secs="$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" -v who="$CLIENT $WORKLOAD" '
  FNR == NR { if ($1 == "sink") { su0 = $2; ss0 = $3 } else { u0[$1] += $2; s0[$1] += $3; v0 += $4 }; next }
  $1 == "sink" { su = $2 - su0; ss = $3 - ss0; next }
  { u[$1] += $2; s[$1] += $3; v += $4 }
  END {
    us = 1e6 / hz / m
    printf "%s: %d messages in %.1f s (%.0f msgs/s)\n", who, m, secs, m / secs
    printf "client CPU per message, us (user / system):\n"
    for (k in u) {
      du = u[k] - u0[k]; ds = s[k] - s0[k]; tu += du; ts += ds
      if (du + ds > 0) printf "  %-20s %8.2f / %8.2f\n", k, du * us, ds * us
    }
    printf "  %-20s %8.2f / %8.2f  (%.2f in all)\n", "all threads", tu * us, ts * us, (tu + ts) * us
    printf "client voluntary context switches per message: %.2f\n", (v - v0) / m
    printf "sink CPU per message, us: %.2f / %.2f (%.2f in all; %.0f%% of one core)\n", su * us, ss * us, (su + ss) * us,
        100 * (su + ss) / hz / secs
  }' "$OUT/a" "$OUT/b"
