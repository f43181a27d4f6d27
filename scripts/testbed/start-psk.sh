#!/usr/bin/env bash
# Starts the TLS-PSK test bed for PskInteropTests (TLS part 2, issue 13) and writes WORKDIR/psk.env for it to read:
# stunnel4 in server mode with PSKsecrets (no certificate at all) in front of the Postfix test bed's plain port,
# one service that speaks only TLS 1.2 PSK suites and one that speaks only TLS 1.3 with an external PSK. The key is
# 32 random bytes made at each start. Installs nothing (see install.sh); needs the Postfix test bed (start.sh)
# running, since the tunnels end at its plain port.
#
#   scripts/testbed/start-psk.sh [WORKDIR]      (default /tmp/smtp-client-testbed/psk)
#
# Ports (override with the environment variables of the same name):
#   SMTP_PSK_TLS12_PORT    30900  implicit TLS 1.2, ciphers PSK (ECDHE-PSK, DHE-PSK, plain PSK)
#   SMTP_PSK_TLS13_PORT    30901  implicit TLS 1.3, external PSK with TLS_AES_128_GCM_SHA256/TLS_CHACHA20_POLY1305_SHA256
#   SMTP_PSK_BACKEND_PORT  the plain port (no TLS, no AUTH) of the Postfix test bed whose testbed.env is in WORKDIR's
#                          parent directory (SMTP_TESTBED_PLAIN_PORT there), else 10025
#
# CI runs this in WORKDIR=<test bed dir>/psk after start.sh and stops it with stop-psk.sh before stop.sh.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=${1:-/tmp/smtp-client-testbed/psk}
tls12_port=${SMTP_PSK_TLS12_PORT:-30900}
tls13_port=${SMTP_PSK_TLS13_PORT:-30901}
address=127.0.0.1
identity=smtp-client-psk
marker=.smtp-client-psk

fail() {
  echo "psk: $*" >&2
  exit 1
}

for tool in stunnel4 openssl ss; do
  command -v "$tool" >/dev/null || fail "$tool is not installed: run scripts/testbed/install.sh"
done
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start-psk.sh: choose another WORKDIR"
fi

testbed_env=$(dirname "$workdir")/testbed.env
backend_port=${SMTP_PSK_BACKEND_PORT:-}
if [[ -z $backend_port && -r $testbed_env ]]; then
  backend_port=$(sed -n 's/^SMTP_TESTBED_PLAIN_PORT=//p' "$testbed_env" | tail -n 1)
fi
backend_port=${backend_port:-10025}
ss -Htln "sport = :$backend_port" | grep -q . \
  || fail "nothing listens on the Postfix plain port $backend_port: start scripts/testbed/start.sh first (or set SMTP_PSK_BACKEND_PORT)"

"$script_dir/stop-psk.sh" "$workdir" >/dev/null
rm -rf "$workdir"
for port in "$tls12_port" "$tls13_port"; do
  if ss -Htln "sport = :$port" | grep -q .; then
    fail "port $port is already in use; stop that server or set the SMTP_PSK_*_PORT variables"
  fi
done

umask 022
mkdir -p "$workdir/log"
touch "$workdir/$marker"

# stunnel refuses a PSKsecrets file that others can read; a 64-digit hex key is taken as 32 binary bytes.
key=$(openssl rand -hex 32)
(umask 077 && echo "$identity:$key" >"$workdir/psk.secrets")

cat >"$workdir/stunnel.conf" <<CONF
foreground = yes
pid = $workdir/stunnel.pid
output = $workdir/log/stunnel.log
debug = info

[smtp-psk-tls12]
accept = $address:$tls12_port
connect = $address:$backend_port
PSKsecrets = $workdir/psk.secrets
sslVersionMax = TLSv1.2
ciphers = PSK

[smtp-psk-tls13]
accept = $address:$tls13_port
connect = $address:$backend_port
PSKsecrets = $workdir/psk.secrets
sslVersionMin = TLSv1.3
ciphersuites = TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256
CONF

stunnel4 "$workdir/stunnel.conf" </dev/null >"$workdir/log/stunnel.out" 2>&1 &
echo $! >"$workdir/stunnel.launcher.pid"
for port in "$tls12_port" "$tls13_port"; do
  deadline=$((SECONDS + 10))
  until ss -Htln "sport = :$port" | grep -q .; do
    ((SECONDS < deadline)) || { tail -n 20 "$workdir/log/stunnel.log" >&2 2>/dev/null || true;
      fail "nothing listens on port $port after 10 s; see $workdir/log"; }
    sleep 0.1
  done
done

cat >"$workdir/psk.env" <<ENV
# Written by scripts/testbed/start-psk.sh; read by io.github.smtpclient.interop.PskTestbed.
SMTP_PSK_HOST=$address
SMTP_PSK_IDENTITY=$identity
SMTP_PSK_KEY_FILE=$workdir/psk.secrets
SMTP_PSK_TLS12_PORT=$tls12_port
SMTP_PSK_TLS13_PORT=$tls13_port
SMTP_PSK_BACKEND_PORT=$backend_port
SMTP_PSK_LOG=$workdir/log/stunnel.log
ENV
# The env file points at the key instead of holding it, so it may stay readable.

echo "psk: running in $workdir"
echo "psk:   stunnel4 TLS 1.2 PSK on $tls12_port, TLS 1.3 external PSK on $tls13_port, both to Postfix $backend_port"
echo "psk:   identity $identity, key in $workdir/psk.secrets (mode 600); settings $workdir/psk.env"
