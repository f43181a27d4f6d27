#!/usr/bin/env bash
# Starts the Kerberos test bed on loopback for KerberosProxyInteropTests and writes WORKDIR/kerberos.env for them:
#   - an MIT KDC (krb5kdc) for the realm SMTP.TEST, its database, krb5.conf and kdc.conf all under WORKDIR, with the
#     proxy's service principals HTTP/127.0.0.1 and HTTP/localhost and the client principal smtpuser (a password and
#     a keytab for it), and HTTP/unkeyed, whose key squid does not have (a ticket squid refuses);
#   - squid 5 as an HTTP proxy that accepts only Negotiate (negotiate_kerberos_auth with the HTTP keytab), tunnelling
#     CONNECT to the Postfix test bed's ports.
# Installs nothing (see install.sh); run as root (squid drops to its user 'proxy' after binding).
#
#   scripts/testbed/start-kerberos.sh [WORKDIR]      (default /tmp/smtp-client-testbed/kerberos)
#
# Ports (override with the environment variables of the same name), all on 127.0.0.1:
#   SMTP_KDC_PORT                 31588  krb5kdc (UDP and TCP)
#   SMTP_KDC_UNREACHABLE_PORT     31589  nothing listens: the KDC of the realm UNREACHABLE.TEST, for the failure case
#   SMTP_SQUID_NEGOTIATE_PORT     31528  squid http_port, Negotiate (Kerberos)
#   SMTP_PROXY_TARGET_PORT        12587  the SMTP port squid tunnels to, besides the Postfix test bed's
#                                        (SMTP_TESTBED_*_PORT, by default 10587, 10465, 10025)
#
# krb5.conf says dns_canonicalize_hostname = false and rdns = false, so a client asks for HTTP/127.0.0.1 exactly
# as it names the proxy (no reverse lookup through /etc/resolv.conf, which points off the machine).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=${1:-/tmp/smtp-client-testbed/kerberos}
kdc_port=${SMTP_KDC_PORT:-31588}
unreachable_port=${SMTP_KDC_UNREACHABLE_PORT:-31589}
squid_port=${SMTP_SQUID_NEGOTIATE_PORT:-31528}
target_port=${SMTP_PROXY_TARGET_PORT:-12587}
postfix_ports="${SMTP_TESTBED_STARTTLS_PORT:-10587} ${SMTP_TESTBED_IMPLICIT_TLS_PORT:-10465} ${SMTP_TESTBED_PLAIN_PORT:-10025}"
realm=SMTP.TEST
client=smtpuser
client_password=kerberos-secret
master_password=kdc-master-secret
marker=.smtp-client-kerberos

fail() {
  echo "kerberos: $*" >&2
  exit 1
}

for tool in krb5kdc kdb5_util kadmin.local squid; do
  command -v "$tool" >/dev/null || fail "$tool is not installed: run scripts/testbed/install.sh"
done
[[ -x /usr/lib/squid/negotiate_kerberos_auth ]] \
  || fail "/usr/lib/squid/negotiate_kerberos_auth is missing: run scripts/testbed/install.sh"
[[ $(id -u) -eq 0 ]] || fail "must run as root (squid binds as root and then runs as 'proxy')"
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start-kerberos.sh: choose another WORKDIR"
fi
"$script_dir/stop-kerberos.sh" "$workdir" >/dev/null
rm -rf "$workdir"
mkdir -p "$workdir/log" "$workdir/kdc"
touch "$workdir/$marker"
# squid and its helper run as 'proxy': they must reach krb5.conf and the HTTP keytab and write their logs.
chmod 755 "$workdir"
chmod 700 "$workdir/kdc"
chown proxy "$workdir/log"

### The KDC: krb5.conf for every client (the JVM, kadmin.local, the squid helper), kdc.conf for krb5kdc.
cat >"$workdir/krb5.conf" <<CONF
# Written by scripts/testbed/start-kerberos.sh
[libdefaults]
    default_realm = $realm
    dns_lookup_realm = false
    dns_lookup_kdc = false
    dns_canonicalize_hostname = false
    rdns = false
    ignore_acceptor_hostname = true
    udp_preference_limit = 1
    forwardable = false
    ticket_lifetime = 2h
[realms]
    $realm = {
        kdc = 127.0.0.1:$kdc_port
        admin_server = 127.0.0.1:$kdc_port
    }
    UNREACHABLE.TEST = {
        kdc = 127.0.0.1:$unreachable_port
    }
[domain_realm]
    127.0.0.1 = $realm
    localhost = $realm
CONF
cat >"$workdir/kdc/kdc.conf" <<CONF
# Written by scripts/testbed/start-kerberos.sh
[kdcdefaults]
    kdc_listen = 127.0.0.1:$kdc_port
    kdc_tcp_listen = 127.0.0.1:$kdc_port
[realms]
    $realm = {
        database_name = $workdir/kdc/principal
        key_stash_file = $workdir/kdc/stash
        acl_file = $workdir/kdc/kadm5.acl
        max_life = 2h
        supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
    }
[logging]
    kdc = FILE:$workdir/log/kdc.log
    default = FILE:$workdir/log/kdc.log
CONF
: >"$workdir/kdc/kadm5.acl"
chmod 644 "$workdir/krb5.conf"
export KRB5_CONFIG=$workdir/krb5.conf KRB5_KDC_PROFILE=$workdir/kdc/kdc.conf

run_kdc_tool() {
  "$@" >>"$workdir/log/kdc-setup.log" 2>&1 || { cat "$workdir/log/kdc-setup.log" >&2; fail "$1 failed"; }
}
run_kdc_tool kdb5_util -r "$realm" create -s -P "$master_password"
kadmin() {
  run_kdc_tool kadmin.local -r "$realm" -q "$1"
}
kadmin "addprinc -randkey HTTP/127.0.0.1@$realm"
kadmin "addprinc -randkey HTTP/localhost@$realm"
kadmin "addprinc -randkey HTTP/unkeyed@$realm"
kadmin "addprinc -pw $client_password $client@$realm"
kadmin "ktadd -k $workdir/http.keytab HTTP/127.0.0.1@$realm HTTP/localhost@$realm"
# -norandkey keeps the password valid: ktadd would otherwise give the client a new random key.
kadmin "ktadd -norandkey -k $workdir/$client.keytab $client@$realm"
chown proxy "$workdir/http.keytab"
chmod 600 "$workdir/http.keytab"
chmod 644 "$workdir/$client.keytab"

krb5kdc -n >>"$workdir/log/kdc-stdout.log" 2>&1 &
echo $! >"$workdir/krb5kdc.pid"

### squid: Negotiate only, the helper accepting any HTTP/ principal in the keytab (-s GSS_C_NO_NAME).
cat >"$workdir/squid-negotiate.conf" <<CONF
# Written by scripts/testbed/start-kerberos.sh
http_port 127.0.0.1:$squid_port
pid_filename $workdir/squid-negotiate.squid-pid
access_log stdio:$workdir/log/squid-negotiate-access.log
cache_log $workdir/log/squid-negotiate-cache.log
cache_store_log none
netdb_filename none
coredump_dir $workdir/log
cache deny all
pinger_enable off
dns_nameservers 127.0.0.1
dns_timeout 2 seconds
shutdown_lifetime 0 seconds
auth_param negotiate program /usr/lib/squid/negotiate_kerberos_auth -k $workdir/http.keytab -s GSS_C_NO_NAME
auth_param negotiate children 2
auth_param negotiate keep_alive on
acl loopback_dst dst 127.0.0.0/8 ::1
acl test_ports port $target_port $postfix_ports
http_access deny !loopback_dst
http_access deny CONNECT !test_ports
acl authed proxy_auth REQUIRED
http_access allow authed
http_access deny all
CONF
squid -k parse -f "$workdir/squid-negotiate.conf" >>"$workdir/log/squid-negotiate-parse.log" 2>&1 \
  || { cat "$workdir/log/squid-negotiate-parse.log" >&2; fail "squid rejects $workdir/squid-negotiate.conf"; }
# The helper inherits KRB5_CONFIG; KRB5RCACHETYPE=none spares it a replay cache in /var/tmp, which 'proxy' may not own.
# -n keeps this instance's shared memory apart from any other squid on the machine.
KRB5RCACHETYPE=none squid -N -f "$workdir/squid-negotiate.conf" -n "smtpkerb$squid_port" \
  >>"$workdir/log/squid-negotiate-stdout.log" 2>&1 &
echo $! >"$workdir/squid-negotiate.pid"

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
await_tcp "$kdc_port"
await_tcp "$squid_port"

cat >"$workdir/kerberos.env" <<ENV
# Written by scripts/testbed/start-kerberos.sh; read by io.github.smtpclient.interop.KerberosTestbed.
SMTP_KRB5_CONF=$workdir/krb5.conf
SMTP_KRB5_REALM=$realm
SMTP_KDC_PORT=$kdc_port
SMTP_KDC_LOG=$workdir/log/kdc.log
SMTP_KRB5_UNREACHABLE_REALM=UNREACHABLE.TEST
SMTP_KRB5_UNKEYED_SERVICE=HTTP/unkeyed@$realm
SMTP_KRB5_CLIENT=$client@$realm
SMTP_KRB5_CLIENT_PASSWORD=$client_password
SMTP_KRB5_CLIENT_KEYTAB=$workdir/$client.keytab
SMTP_SQUID_HOST=127.0.0.1
SMTP_SQUID_NEGOTIATE_PORT=$squid_port
SMTP_SQUID_NEGOTIATE_ACCESS_LOG=$workdir/log/squid-negotiate-access.log
SMTP_PROXY_TARGET_PORT=$target_port
ENV

echo "kerberos: running in $workdir"
echo "kerberos:   krb5kdc, realm $realm              127.0.0.1:$kdc_port (krb5.conf $workdir/krb5.conf)"
echo "kerberos:   squid, Negotiate ($client / $client_password)  127.0.0.1:$squid_port"
echo "kerberos:   settings $workdir/kerberos.env"
