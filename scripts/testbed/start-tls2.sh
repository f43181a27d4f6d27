#!/usr/bin/env bash
# Starts the client-certificate test bed for ClientCertificateInteropTests (TLS part 2, issue 13) and writes
# WORKDIR/tls2.env for it to read: a throwaway CA made with openssl, a server certificate, two client certificates
# (one whose SHA-256 fingerprint Postfix lists in relay_clientcerts, one it does not), and a Postfix instance that
# delivers to a Maildir and admits a client only by the fingerprint of its certificate (permit_tls_clientcerts).
# With smtpd_tls_received_header = yes the delivered mail's Received header names the client certificate
# ("Client CN ..., Issuer ... (verified OK)"). Installs nothing (see install.sh); run as root.
#
#   scripts/testbed/start-tls2.sh [WORKDIR]      (default /tmp/smtp-client-testbed/tls2)
#
# Ports (override with the environment variables of the same name):
#   SMTP_TLS2_REQUIRED_PORT   30830  implicit TLS, client certificate required (smtpd_tls_req_ccert = yes)
#   SMTP_TLS2_OPTIONAL_PORT   30831  implicit TLS, client certificate asked for (smtpd_tls_ask_ccert = yes)
#   SMTP_TLS2_STARTTLS_PORT   30832  STARTTLS required (encrypt), client certificate required
#   SMTP_TLS2_GROUPS_PORT     30840  openssl s_server -www accepting only the groups secp384r1 and ffdhe2048; its
#                                    page shows what the client offered ("Supported groups") and the session
#                                    ("Extended master secret: yes|no"), for TlsKnobsInteropTests (TLS only, no SMTP)
# On every port a recipient is accepted only from a client whose certificate's fingerprint is in relay_clientcerts.
#
# CI runs this in WORKDIR=<test bed dir>/tls2 after start.sh and stops it with stop-tls2.sh before stop.sh.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=${1:-/tmp/smtp-client-testbed/tls2}
required_port=${SMTP_TLS2_REQUIRED_PORT:-30830}
optional_port=${SMTP_TLS2_OPTIONAL_PORT:-30831}
starttls_port=${SMTP_TLS2_STARTTLS_PORT:-30832}
groups_port=${SMTP_TLS2_GROUPS_PORT:-30840}
address=127.0.0.1
domain=example.test
recipient=certuser
mailbox_uid=${SUDO_UID:-$(id -u nobody)}
mailbox_gid=${SUDO_GID:-$(getent group nogroup | cut -d: -f3)}
p12_password=tls2-secret
marker=.smtp-client-tls2

fail() {
  echo "tls2: $*" >&2
  exit 1
}

for tool in openssl postfix ss; do
  command -v "$tool" >/dev/null || fail "$tool is not installed: run scripts/testbed/install.sh"
done
[[ $(id -u) -eq 0 ]] || fail "must run as root (Postfix drops privileges itself)"
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start-tls2.sh: choose another WORKDIR"
fi
"$script_dir/stop-tls2.sh" "$workdir" >/dev/null
rm -rf "$workdir"

ports=("$required_port" "$optional_port" "$starttls_port" "$groups_port")
for port in "${ports[@]}"; do
  if ss -Htln "sport = :$port" | grep -q .; then
    fail "port $port is already in use; stop that server or set the SMTP_TLS2_*_PORT variables"
  fi
done

umask 022
ca_dir=$workdir/ca
log_dir=$workdir/log
postfix_dir=$workdir/postfix
config_dir=$postfix_dir/etc
maildir_root=$workdir/maildirs
mkdir -p "$ca_dir" "$log_dir" "$config_dir" "$maildir_root/$recipient"/{new,cur,tmp}
touch "$workdir/$marker"
chmod 755 "$workdir" "$maildir_root"
chown -R "$mailbox_uid:$mailbox_gid" "$maildir_root"

run_openssl() {
  openssl "$@" 2>>"$log_dir/openssl.log" || { tail -n 20 "$log_dir/openssl.log" >&2; fail "openssl $1 failed"; }
}

### The CA, the server's certificate and two client certificates (EC P-256).
cat >"$ca_dir/ext.cnf" <<CONF
[ ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ server ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:$address
[ client ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
CONF
new_key() {
  run_openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$ca_dir/$1.key"
}
new_key ca
run_openssl req -x509 -new -key "$ca_dir/ca.key" -days 30 -subj "/CN=smtp-client tls2 test CA" \
  -config "$ca_dir/ext.cnf" -extensions ca -out "$ca_dir/ca.crt"
# issue NAME EXTENSIONS SUBJECT
issue() {
  new_key "$1"
  run_openssl req -new -key "$ca_dir/$1.key" -subj "$3" -out "$ca_dir/$1.csr"
  run_openssl x509 -req -in "$ca_dir/$1.csr" -CA "$ca_dir/ca.crt" -CAkey "$ca_dir/ca.key" -CAcreateserial \
    -days 30 -extfile "$ca_dir/ext.cnf" -extensions "$2" -out "$ca_dir/$1.crt"
}
issue server server "/CN=localhost"
issue client client "/CN=tls2-client.example.test"
issue unlisted client "/CN=tls2-unlisted.example.test"
for client in client unlisted; do
  # PKCS#8 key (BEGIN PRIVATE KEY), the chain (leaf, CA) and a PKCS#12 file of both.
  run_openssl pkcs8 -topk8 -nocrypt -in "$ca_dir/$client.key" -out "$ca_dir/$client.pkcs8.pem"
  cat "$ca_dir/$client.crt" "$ca_dir/ca.crt" >"$ca_dir/$client-chain.pem"
  run_openssl pkcs12 -export -inkey "$ca_dir/$client.key" -in "$ca_dir/$client.crt" -certfile "$ca_dir/ca.crt" \
    -name "$client" -passout "pass:$p12_password" -out "$ca_dir/$client.p12"
done
chmod 644 "$ca_dir"/*

### Postfix: delivers to one Maildir; admits a recipient only for the listed client certificate's fingerprint.
install -d -o postfix -m 700 "$postfix_dir/data"
for queue in active bounce corrupt defer deferred flush hold incoming private saved trace; do
  install -d -o postfix -m 700 "$postfix_dir/spool/$queue"
done
install -d -o postfix -g postdrop -m 730 "$postfix_dir/spool/maildrop"
install -d -o postfix -g postdrop -m 710 "$postfix_dir/spool/public"
install -d -m 755 "$postfix_dir/spool/pid"
touch "$postfix_dir/spool/quick-start"
cat "$ca_dir/server.key" "$ca_dir/server.crt" >"$config_dir/server-chain.pem"
chmod 600 "$config_dir/server-chain.pem"
fingerprint=$(openssl x509 -in "$ca_dir/client.crt" -noout -fingerprint -sha256 | cut -d= -f2)
echo "$fingerprint tls2-client.example.test" >"$config_dir/relay_clientcerts"
echo "$recipient@$domain $recipient/" >"$config_dir/virtual_mailboxes"

cat >"$config_dir/main.cf" <<CONF
# Written by scripts/testbed/start-tls2.sh.
compatibility_level = 3.6
config_directory = $config_dir
queue_directory = $postfix_dir/spool
data_directory = $postfix_dir/data
maillog_file = $log_dir/postfix.log
maillog_file_prefixes = $log_dir
inet_interfaces = $address
inet_protocols = ipv4
myhostname = tls2.$domain
mydomain = $domain
myorigin = \$myhostname
mydestination =
mynetworks =
smtpd_banner = \$myhostname ESMTP smtp-client tls2 test bed
alias_maps =
alias_database =
local_header_rewrite_clients =
smtpd_peername_lookup = no
default_transport = error:outbound mail is disabled on the test bed
relay_transport = error:outbound mail is disabled on the test bed
relay_domains =
notify_classes =
smtpd_error_sleep_time = 0
in_flow_delay = 0
virtual_mailbox_domains = $domain
virtual_mailbox_base = $maildir_root
virtual_mailbox_maps = texthash:$config_dir/virtual_mailboxes
virtual_minimum_uid = 1
virtual_uid_maps = static:$mailbox_uid
virtual_gid_maps = static:$mailbox_gid
smtpd_tls_chain_files = $config_dir/server-chain.pem
# The client CA: its name goes into the CertificateRequest and client certificates are verified against it.
smtpd_tls_CAfile = $ca_dir/ca.crt
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes
smtpd_tls_fingerprint_digest = sha256
relay_clientcerts = texthash:$config_dir/relay_clientcerts
# Every recipient, even a local one, needs the listed certificate.
smtpd_relay_restrictions = permit_tls_clientcerts, reject
CONF

cat >"$config_dir/master.cf" <<CONF
$required_port inet n - n - - smtpd -o syslog_name=tls2/required -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt -o smtpd_tls_req_ccert=yes
$optional_port inet n - n - - smtpd -o syslog_name=tls2/optional -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=may -o smtpd_tls_ask_ccert=yes
$starttls_port inet n - n - - smtpd -o syslog_name=tls2/starttls -o smtpd_tls_security_level=encrypt -o smtpd_tls_req_ccert=yes
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
virtual unix - n n - - virtual
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
CONF

# -www answers each connection with a page describing it, and keeps s_server from reading stdin and quitting.
openssl s_server -accept "$address:$groups_port" -cert "$ca_dir/server.crt" -key "$ca_dir/server.key" \
  -groups secp384r1:ffdhe2048 -www </dev/null >"$log_dir/s_server-groups.log" 2>&1 &
echo $! >"$workdir/s_server-groups.pid"

if ! output=$(postfix -c "$config_dir" start 2>&1); then
  echo "$output" >&2
  tail -n 20 "$log_dir/postfix.log" >&2 2>/dev/null || true
  fail "Postfix did not start"
fi
for port in "${ports[@]}"; do
  deadline=$((SECONDS + 10))
  until ss -Htln "sport = :$port" | grep -q .; do
    ((SECONDS < deadline)) || fail "nothing listens on port $port after 10 s; see $log_dir"
    sleep 0.1
  done
done

cat >"$workdir/tls2.env" <<ENV
# Written by scripts/testbed/start-tls2.sh; read by io.github.smtpclient.interop.Tls2Testbed.
SMTP_TLS2_HOST=localhost
SMTP_TLS2_CA_CERT=$ca_dir/ca.crt
SMTP_TLS2_CLIENT_CHAIN=$ca_dir/client-chain.pem
SMTP_TLS2_CLIENT_KEY=$ca_dir/client.pkcs8.pem
SMTP_TLS2_CLIENT_P12=$ca_dir/client.p12
SMTP_TLS2_UNLISTED_CHAIN=$ca_dir/unlisted-chain.pem
SMTP_TLS2_UNLISTED_KEY=$ca_dir/unlisted.pkcs8.pem
SMTP_TLS2_P12_PASSWORD=$p12_password
SMTP_TLS2_RECIPIENT=$recipient@$domain
SMTP_TLS2_MAILDIR=$maildir_root/$recipient
SMTP_TLS2_REQUIRED_PORT=$required_port
SMTP_TLS2_OPTIONAL_PORT=$optional_port
SMTP_TLS2_STARTTLS_PORT=$starttls_port
SMTP_TLS2_GROUPS_PORT=$groups_port
SMTP_TLS2_POSTFIX_LOG=$log_dir/postfix.log
ENV

echo "tls2: running in $workdir"
echo "tls2:   Postfix: client certificate required $required_port (implicit TLS), $starttls_port (STARTTLS);" \
  "asked for $optional_port; relay by fingerprint $fingerprint"
echo "tls2:   openssl s_server -groups secp384r1:ffdhe2048 -www on $groups_port"
echo "tls2:   settings $workdir/tls2.env"
