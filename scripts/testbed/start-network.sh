#!/usr/bin/env bash
# Starts the network test bed on loopback for NetworkInteropTests and writes WORKDIR/network.env for them:
#   - dnsmasq serving the zone example.test (A and AAAA records, a CNAME, NXDOMAIN for the rest), and
#     slow.example.test through a delaying stub (dns-delay-stub.py) to a second dnsmasq, for slow answers;
#   - squid 5 as an HTTP proxy with Digest authentication (digest_file_auth) on an http_port and on an https_port
#     (TLS to the proxy, certificate from a throwaway CA), and a second squid with NTLM (ntlm_fake_auth, which
#     accepts any user and password, so wrong-password cases are tested against a scripted proxy instead).
# Installs nothing (see install.sh); run as root (squid drops to its user 'proxy' after binding).
#
#   scripts/testbed/start-network.sh [WORKDIR]      (default /tmp/smtp-client-testbed/network)
#
# Ports (override with the environment variables of the same name), all on 127.0.0.1:
#   SMTP_DNS_PORT                 30253  dnsmasq, the test zone (UDP and TCP)
#   SMTP_DNS_SLOW_PORT            30254  the delaying stub for slow.example.test (UDP)
#   SMTP_DNS_SLOW_BACKEND_PORT    30255  the second dnsmasq behind the stub
#   SMTP_DNS_SLOW_DELAY_MS        1500   how long the stub holds each answer
#   SMTP_SQUID_DIGEST_PORT        30328  squid http_port, Digest
#   SMTP_SQUID_HTTPS_PORT         30343  squid https_port, Digest, TLS to the proxy
#   SMTP_SQUID_NTLM_PORT          30329  squid http_port, NTLM (fake helper)
#   SMTP_PROXY_TARGET_PORT        12587  the SMTP port squid tunnels to (the tests' in-process server), besides the
#                                        Postfix test bed's (SMTP_TESTBED_*_PORT, by default 10587, 10465, 10025)
#
# Zone: mail.example.test A 127.0.0.1 + AAAA ::1; v4.example.test A 127.0.0.1; v6.example.test AAAA ::1;
# dual.example.test AAAA ::1 + A 127.0.0.1 (the tests put a hanging listener on [::1] and a server on 127.0.0.1);
# hang.example.test AAAA ::1 only; smtp.example.test CNAME mail.example.test; mail.slow.example.test A 127.0.0.1
# answered after SMTP_DNS_SLOW_DELAY_MS. Never connect to TEST-NET addresses here: they route off the machine.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=${1:-/tmp/smtp-client-testbed/network}
dns_port=${SMTP_DNS_PORT:-30253}
slow_port=${SMTP_DNS_SLOW_PORT:-30254}
slow_backend_port=${SMTP_DNS_SLOW_BACKEND_PORT:-30255}
slow_delay_ms=${SMTP_DNS_SLOW_DELAY_MS:-1500}
digest_port=${SMTP_SQUID_DIGEST_PORT:-30328}
https_port=${SMTP_SQUID_HTTPS_PORT:-30343}
ntlm_port=${SMTP_SQUID_NTLM_PORT:-30329}
target_port=${SMTP_PROXY_TARGET_PORT:-12587}
postfix_ports="${SMTP_TESTBED_STARTTLS_PORT:-10587} ${SMTP_TESTBED_IMPLICIT_TLS_PORT:-10465} ${SMTP_TESTBED_PLAIN_PORT:-10025}"
squid_user=webuser
squid_password=digest-secret
realm=smtp-client-digest
marker=.smtp-client-network

fail() {
  echo "network: $*" >&2
  exit 1
}

for tool in dnsmasq squid openssl python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed: run scripts/testbed/install.sh"
done
for helper in digest_file_auth ntlm_fake_auth; do
  [[ -x /usr/lib/squid/$helper ]] || fail "/usr/lib/squid/$helper is missing: run scripts/testbed/install.sh"
done
[[ $(id -u) -eq 0 ]] || fail "must run as root (squid binds as root and then runs as 'proxy')"
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start-network.sh: choose another WORKDIR"
fi
"$script_dir/stop-network.sh" "$workdir" >/dev/null
rm -rf "$workdir"
mkdir -p "$workdir/log" "$workdir/tls"
touch "$workdir/$marker"
# squid runs as 'proxy': it must reach its files and write its logs.
chmod 755 "$workdir" "$workdir/tls"
chown proxy "$workdir/log"

### A throwaway CA and a certificate for the HTTPS proxy on 127.0.0.1.
run_openssl() {
  openssl "$@" 2>>"$workdir/log/openssl.log" || { cat "$workdir/log/openssl.log" >&2; fail "openssl $1 failed"; }
}
run_openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -subj "/CN=smtp-client network test bed CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$workdir/tls/ca.key" -out "$workdir/tls/ca.pem"
run_openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=localhost" -keyout "$workdir/tls/proxy.key" -out "$workdir/tls/proxy.csr"
run_openssl x509 -req -in "$workdir/tls/proxy.csr" -CA "$workdir/tls/ca.pem" -CAkey "$workdir/tls/ca.key" \
  -CAcreateserial -days 30 -out "$workdir/tls/proxy.pem" \
  -extfile <(printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth")
chmod 600 "$workdir/tls/ca.key" "$workdir/tls/proxy.key"
chmod 644 "$workdir/tls/ca.pem" "$workdir/tls/proxy.pem"

### dnsmasq: the zone, and the slow subzone behind the delaying stub.
cat >"$workdir/dnsmasq.conf" <<CONF
# Written by scripts/testbed/start-network.sh
port=$dns_port
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-hosts
no-poll
user=root
pid-file=
# No cache: every query reaches the zone (and the slow stub), so each test sees the delay it asks for.
cache-size=0
log-queries
log-facility=$workdir/log/dnsmasq.log
local=/example.test/
host-record=mail.example.test,127.0.0.1,::1
host-record=v4.example.test,127.0.0.1
host-record=v6.example.test,::1
host-record=dual.example.test,::1,127.0.0.1
host-record=hang.example.test,::1
cname=smtp.example.test,mail.example.test
server=/slow.example.test/127.0.0.1#$slow_port
CONF
cat >"$workdir/dnsmasq-slow.conf" <<CONF
# Written by scripts/testbed/start-network.sh: the zone the delaying stub relays to.
port=$slow_backend_port
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-hosts
no-poll
user=root
pid-file=
log-facility=$workdir/log/dnsmasq-slow.log
local=/slow.example.test/
host-record=mail.slow.example.test,127.0.0.1
CONF
dnsmasq -k --conf-file="$workdir/dnsmasq.conf" &
echo $! >"$workdir/dnsmasq.pid"
dnsmasq -k --conf-file="$workdir/dnsmasq-slow.conf" &
echo $! >"$workdir/dnsmasq-slow.pid"
/usr/bin/python3 "$script_dir/dns-delay-stub.py" "$slow_port" "$slow_backend_port" "$slow_delay_ms" \
  >>"$workdir/log/dns-delay-stub.log" 2>&1 &
echo $! >"$workdir/dns-delay-stub.pid"

### squid: Digest on plain HTTP and on TLS, NTLM (fake helper) on a second instance.
printf '%s:%s\n' "$squid_user" "$squid_password" >"$workdir/digest-passwords"
chown proxy "$workdir/digest-passwords"
chmod 600 "$workdir/digest-passwords"
write_squid_config() {
  local name=$1 listeners=$2 auth=$3
  cat >"$workdir/$name.conf" <<CONF
# Written by scripts/testbed/start-network.sh
$listeners
pid_filename $workdir/$name.squid-pid
access_log stdio:$workdir/log/$name-access.log
cache_log $workdir/log/$name-cache.log
cache_store_log none
netdb_filename none
coredump_dir $workdir/log
cache deny all
pinger_enable off
dns_nameservers 127.0.0.1
dns_timeout 2 seconds
shutdown_lifetime 0 seconds
$auth
acl loopback_dst dst 127.0.0.0/8 ::1
acl test_ports port $target_port $postfix_ports
http_access deny !loopback_dst
http_access deny CONNECT !test_ports
acl authed proxy_auth REQUIRED
http_access allow authed
http_access deny all
CONF
}
write_squid_config squid-digest \
  "http_port 127.0.0.1:$digest_port
https_port 127.0.0.1:$https_port tls-cert=$workdir/tls/proxy.pem tls-key=$workdir/tls/proxy.key" \
  "auth_param digest program /usr/lib/squid/digest_file_auth $workdir/digest-passwords
auth_param digest realm $realm
auth_param digest children 2"
write_squid_config squid-ntlm "http_port 127.0.0.1:$ntlm_port" \
  "auth_param ntlm program /usr/lib/squid/ntlm_fake_auth
auth_param ntlm children 2"
for name in squid-digest squid-ntlm; do
  squid -k parse -f "$workdir/$name.conf" >>"$workdir/log/$name-parse.log" 2>&1 \
    || { cat "$workdir/log/$name-parse.log" >&2; fail "squid rejects $workdir/$name.conf"; }
  # -n keeps each instance's shared memory apart from any other squid on the machine.
  squid -N -f "$workdir/$name.conf" -n "smtpnet${name#squid-}$digest_port" >>"$workdir/log/$name-stdout.log" 2>&1 &
  echo $! >"$workdir/$name.pid"
done

show_logs() {
  tail -n 20 "$workdir"/log/*.log 2>/dev/null >&2 || true
}
await_tcp() {
  local port=$1 deadline=$((SECONDS + 15))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    ((SECONDS < deadline)) || { show_logs; fail "nothing answers on 127.0.0.1:$port"; }
    sleep 0.1
  done
}
await_tcp "$dns_port"
await_tcp "$slow_backend_port"
await_tcp "$digest_port"
await_tcp "$https_port"
await_tcp "$ntlm_port"

cat >"$workdir/network.env" <<ENV
# Written by scripts/testbed/start-network.sh; read by io.github.smtpclient.interop.NetworkTestbed.
SMTP_DNS_HOST=127.0.0.1
SMTP_DNS_PORT=$dns_port
SMTP_DNS_SLOW_DELAY_MS=$slow_delay_ms
SMTP_SQUID_HOST=127.0.0.1
SMTP_SQUID_DIGEST_PORT=$digest_port
SMTP_SQUID_HTTPS_PORT=$https_port
SMTP_SQUID_NTLM_PORT=$ntlm_port
SMTP_SQUID_USER=$squid_user
SMTP_SQUID_PASSWORD=$squid_password
SMTP_SQUID_CA=$workdir/tls/ca.pem
SMTP_PROXY_TARGET_PORT=$target_port
ENV

echo "network: running in $workdir"
echo "network:   dnsmasq, zone example.test            127.0.0.1:$dns_port (slow.example.test after ${slow_delay_ms} ms)"
echo "network:   squid, Digest $squid_user / $squid_password  127.0.0.1:$digest_port, TLS 127.0.0.1:$https_port"
echo "network:   squid, NTLM (any user)                127.0.0.1:$ntlm_port"
echo "network:   tunnels to port $target_port; settings $workdir/network.env"
