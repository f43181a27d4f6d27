#!/usr/bin/env bash
# Starts real proxies on 127.0.0.1 for the proxy interop tests (ProxyInteropTests) and writes WORKDIR/proxies.env for
# them to read: dante as a SOCKS 5 proxy with username/password and a second dante without authentication, and
# tinyproxy as an HTTP CONNECT proxy with Basic authentication. Installs nothing (see install.sh); run as root.
#
#   scripts/testbed/start-proxies.sh [WORKDIR]      (default /tmp/smtp-client-testbed/proxies)
#
# Ports (override with the environment variables of the same name):
#   SMTP_PROXY_SOCKS_AUTH_PORT  11080  dante, SOCKS 5 with username/password (a system user, see below)
#   SMTP_PROXY_SOCKS_OPEN_PORT  11081  dante, SOCKS 4/4a/5 without authentication
#   SMTP_PROXY_HTTP_PORT        18888  tinyproxy, HTTP CONNECT with Basic authentication
#   SMTP_PROXY_TARGET_PORT      12587  the one SMTP port the proxies tunnel to (the tests' in-process server);
#                                      tinyproxy also allows the Postfix test bed's ports 10587, 10465 and 10025
#
# dante checks SOCKS 5 passwords against the system password database, so this script creates the system user
# smtpproxy (no home, no login shell) and sets its password; both steps are idempotent.
#
# CI runs the proxies in WORKDIR=<test bed dir>/proxies, where ProxyInteropTests looks by default. start.sh rebuilds
# its own WORKDIR, so stop the proxies (stop-proxies.sh) before restarting the Postfix test bed in the same place.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=${1:-/tmp/smtp-client-testbed/proxies}
socks_auth_port=${SMTP_PROXY_SOCKS_AUTH_PORT:-11080}
socks_open_port=${SMTP_PROXY_SOCKS_OPEN_PORT:-11081}
http_port=${SMTP_PROXY_HTTP_PORT:-18888}
target_port=${SMTP_PROXY_TARGET_PORT:-12587}
socks_user=smtpproxy
socks_password=socks-secret
http_user=webproxy
http_password=http-secret
marker=.smtp-client-proxies

fail() {
  echo "proxies: $*" >&2
  exit 1
}

for tool in danted tinyproxy useradd chpasswd; do
  command -v "$tool" >/dev/null || fail "$tool is not installed: run scripts/testbed/install.sh"
done
[[ $(id -u) -eq 0 ]] || fail "must run as root (dante reads /etc/shadow to check SOCKS passwords)"
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start-proxies.sh: choose another WORKDIR"
fi
"$script_dir/stop-proxies.sh" "$workdir" >/dev/null
rm -rf "$workdir"
mkdir -p "$workdir"
touch "$workdir/$marker"
# tinyproxy drops to nobody and must still write its log and PID file.
chmod 755 "$workdir"

if ! id "$socks_user" >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$socks_user"
fi
echo "$socks_user:$socks_password" | chpasswd

write_dante_config() {
  local file=$1 port=$2 method=$3
  cat >"$file" <<CONF
# Written by scripts/testbed/start-proxies.sh
logoutput: $workdir/${file##*/}.log
internal: 127.0.0.1 port = $port
external: 127.0.0.1
clientmethod: none
socksmethod: $method
user.privileged: root
user.unprivileged: nobody
client pass {
  from: 127.0.0.0/8 to: 0.0.0.0/0
}
socks pass {
  from: 127.0.0.0/8 to: 127.0.0.0/8 port = $target_port
  command: connect
  log: error
}
socks block {
  from: 0.0.0.0/0 to: 0.0.0.0/0
  log: connect error
}
CONF
}
write_dante_config "$workdir/danted-auth.conf" "$socks_auth_port" username
write_dante_config "$workdir/danted-open.conf" "$socks_open_port" none

cat >"$workdir/tinyproxy.conf" <<CONF
# Written by scripts/testbed/start-proxies.sh
User nobody
Group nogroup
Port $http_port
Listen 127.0.0.1
Timeout 60
LogFile "$workdir/tinyproxy.log"
LogLevel Info
PidFile "$workdir/tinyproxy.pid"
MaxClients 20
Allow 127.0.0.1
BasicAuth $http_user $http_password
ConnectPort $target_port
ConnectPort 10587
ConnectPort 10465
ConnectPort 10025
DisableViaHeader Yes
CONF

danted -D -f "$workdir/danted-auth.conf" -p "$workdir/danted-auth.pid"
danted -D -f "$workdir/danted-open.conf" -p "$workdir/danted-open.pid"
tinyproxy -c "$workdir/tinyproxy.conf"

show_logs() {
  tail -n 20 "$workdir"/*.log 2>/dev/null >&2 || true
}
await_port() {
  local port=$1 deadline=$((SECONDS + 10))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    ((SECONDS < deadline)) || { show_logs; fail "nothing answers on 127.0.0.1:$port"; }
    sleep 0.1
  done
}
await_port "$socks_auth_port"
await_port "$socks_open_port"
await_port "$http_port"

cat >"$workdir/proxies.env" <<ENV
# Written by scripts/testbed/start-proxies.sh; read by io.github.smtpclient.interop.ProxyTestbed.
SMTP_PROXY_HOST=127.0.0.1
SMTP_PROXY_SOCKS_AUTH_PORT=$socks_auth_port
SMTP_PROXY_SOCKS_OPEN_PORT=$socks_open_port
SMTP_PROXY_SOCKS_USER=$socks_user
SMTP_PROXY_SOCKS_PASSWORD=$socks_password
SMTP_PROXY_HTTP_PORT=$http_port
SMTP_PROXY_HTTP_USER=$http_user
SMTP_PROXY_HTTP_PASSWORD=$http_password
SMTP_PROXY_TARGET_PORT=$target_port
ENV

echo "proxies: running in $workdir"
echo "proxies:   SOCKS 5, user $socks_user / $socks_password  127.0.0.1:$socks_auth_port"
echo "proxies:   SOCKS 4/4a/5, no authentication           127.0.0.1:$socks_open_port"
echo "proxies:   HTTP CONNECT, Basic $http_user / $http_password  127.0.0.1:$http_port"
echo "proxies:   tunnels to port $target_port; settings $workdir/proxies.env"
