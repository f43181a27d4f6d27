#!/usr/bin/env bash
# Starts a throwaway PKI on 127.0.0.1 for the TLS interop tests (TlsPkiInteropTests) and writes WORKDIR/pki.env for
# them to read: a CA hierarchy made with openssl (root, intermediate, leaves good / revoked / unknown to OCSP /
# pointing at an unreachable responder), two `openssl ocsp` responders (for the leaves and for the intermediate), a
# loopback HTTP server for the CRLs and CA certificates, a Postfix instance serving each leaf on its own implicit-TLS
# port (one with an incomplete chain), and two `openssl s_server` that staple a fixed OCSP response.
# Installs nothing (see install.sh); run as root (Postfix drops privileges itself).
#
#   scripts/testbed/start-pki.sh [WORKDIR]      (default /tmp/smtp-client-testbed/pki)
#
# Ports (override with the environment variables of the same name):
#   SMTP_PKI_OCSP_PORT         30010  openssl ocsp for the intermediate's leaves
#   SMTP_PKI_ROOT_OCSP_PORT    30011  openssl ocsp for the root's intermediate
#   SMTP_PKI_DEAD_PORT         30019  nothing listens here: the "unreachable" leaf's OCSP and CRL locations
#   SMTP_PKI_HTTP_PORT         30020  CRLs (DER) and CA certificates over HTTP
#   SMTP_PKI_SMTP_GOOD_PORT    30030  Postfix, implicit TLS, good leaf + intermediate
#   SMTP_PKI_SMTP_REVOKED_PORT 30031  Postfix, revoked leaf (by OCSP and by CRL) + intermediate
#   SMTP_PKI_SMTP_UNKNOWN_PORT 30032  Postfix, leaf the OCSP responder does not know (no CRL lists it) + intermediate
#   SMTP_PKI_SMTP_UNREACHABLE_PORT 30033  Postfix, leaf whose OCSP and CRL locations do not answer + intermediate
#   SMTP_PKI_SMTP_LEAF_ONLY_PORT   30034  Postfix, good leaf only: the chain is incomplete
#   SMTP_PKI_STAPLE_GOOD_PORT      30040  openssl s_server, "unreachable" leaf stapling a good OCSP response
#   SMTP_PKI_STAPLE_REVOKED_PORT   30041  openssl s_server, "unreachable" leaf stapling a revoked OCSP response
#
# Never probe an `openssl ocsp` port with a bare TCP connect: the responder then spins and never answers again
# (openssl/openssl#23934). Readiness is checked with ss(8). The responders always run with -ignore_err.
#
# CI runs this in WORKDIR=<test bed dir>/pki after start.sh (which rebuilds its own WORKDIR), and stops it with
# stop-pki.sh before stop.sh.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=${1:-/tmp/smtp-client-testbed/pki}
ocsp_port=${SMTP_PKI_OCSP_PORT:-30010}
root_ocsp_port=${SMTP_PKI_ROOT_OCSP_PORT:-30011}
dead_port=${SMTP_PKI_DEAD_PORT:-30019}
http_port=${SMTP_PKI_HTTP_PORT:-30020}
smtp_good_port=${SMTP_PKI_SMTP_GOOD_PORT:-30030}
smtp_revoked_port=${SMTP_PKI_SMTP_REVOKED_PORT:-30031}
smtp_unknown_port=${SMTP_PKI_SMTP_UNKNOWN_PORT:-30032}
smtp_unreachable_port=${SMTP_PKI_SMTP_UNREACHABLE_PORT:-30033}
smtp_leaf_only_port=${SMTP_PKI_SMTP_LEAF_ONLY_PORT:-30034}
staple_good_port=${SMTP_PKI_STAPLE_GOOD_PORT:-30040}
staple_revoked_port=${SMTP_PKI_STAPLE_REVOKED_PORT:-30041}
address=127.0.0.1
marker=.smtp-client-pki

fail() {
  echo "pki: $*" >&2
  exit 1
}

for tool in openssl python3 postfix ss; do
  command -v "$tool" >/dev/null || fail "$tool is not installed: run scripts/testbed/install.sh"
done
[[ $(id -u) -eq 0 ]] || fail "must run as root (Postfix drops privileges itself)"
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start-pki.sh: choose another WORKDIR"
fi
"$script_dir/stop-pki.sh" "$workdir" >/dev/null
rm -rf "$workdir"

ports=("$ocsp_port" "$root_ocsp_port" "$dead_port" "$http_port" "$smtp_good_port" "$smtp_revoked_port"
  "$smtp_unknown_port" "$smtp_unreachable_port" "$smtp_leaf_only_port" "$staple_good_port" "$staple_revoked_port")
for port in "${ports[@]}"; do
  if ss -Htln "sport = :$port" | grep -q .; then
    fail "port $port is already in use; stop that server or set the SMTP_PKI_*_PORT variables"
  fi
done

umask 022
ca_dir=$workdir/ca
web_dir=$workdir/web
log_dir=$workdir/log
mkdir -p "$ca_dir/root/new" "$ca_dir/int/new" "$web_dir" "$log_dir"
touch "$workdir/$marker"
chmod 755 "$workdir"

run_openssl() {
  openssl "$@" 2>>"$log_dir/openssl.log" || { tail -n 20 "$log_dir/openssl.log" >&2; fail "openssl $1 failed"; }
}

### The CA hierarchy: one openssl config with a section per CA and per kind of certificate.
for ca in root int; do
  : >"$ca_dir/$ca/index.txt"
  echo 1000 >"$ca_dir/$ca/serial"
  echo 1000 >"$ca_dir/$ca/crlnumber"
done
config=$ca_dir/openssl.cnf
cat >"$config" <<CONF
# Written by scripts/testbed/start-pki.sh
[ ca_defaults ]
default_md = sha256
default_days = 30
default_crl_days = 7
policy = policy_any
unique_subject = no
copy_extensions = none
preserve = yes

[ CA_root ]
dir = $ca_dir/root
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = $ca_dir/root.crt
private_key = $ca_dir/root.key
default_md = sha256
default_days = 30
default_crl_days = 7
policy = policy_any
unique_subject = no
preserve = yes

[ CA_int ]
dir = $ca_dir/int
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = $ca_dir/int.crt
private_key = $ca_dir/int.key
default_md = sha256
default_days = 30
default_crl_days = 7
policy = policy_any
unique_subject = no
preserve = yes

[ policy_any ]
commonName = supplied
organizationName = optional

[ root_ext ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[ int_ext ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://$address:$root_ocsp_port/,caIssuers;URI:http://$address:$http_port/root.crt
crlDistributionPoints = URI:http://$address:$http_port/root.crl

[ responder_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ leaf_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:$address
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://$address:$ocsp_port/,caIssuers;URI:http://$address:$http_port/int.crt
crlDistributionPoints = URI:http://$address:$http_port/int.crl

[ unreachable_leaf_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:$address
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://$address:$dead_port/
crlDistributionPoints = URI:http://$address:$dead_port/int.crl
CONF

new_key() {
  run_openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$ca_dir/$1.key"
}
# issue NAME CA EXTENSIONS SUBJECT
issue() {
  new_key "$1"
  run_openssl req -new -key "$ca_dir/$1.key" -subj "$4" -out "$ca_dir/$1.csr"
  run_openssl ca -batch -config "$config" -name "CA_$2" -extensions "$3" -extfile "$config" \
    -in "$ca_dir/$1.csr" -out "$ca_dir/$1.crt" -notext
}

new_key root
run_openssl req -x509 -new -key "$ca_dir/root.key" -days 30 -subj "/O=smtp-client test PKI/CN=smtp-client test PKI root" \
  -config "$config" -extensions root_ext -out "$ca_dir/root.crt"
issue int root int_ext "/O=smtp-client test PKI/CN=smtp-client test PKI intermediate"
issue root-ocsp root responder_ext "/CN=smtp-client test PKI root OCSP responder"
issue int-ocsp int responder_ext "/CN=smtp-client test PKI OCSP responder"
issue good int leaf_ext "/CN=localhost good"
issue revoked int leaf_ext "/CN=localhost revoked"
issue unknown int leaf_ext "/CN=localhost unknown"
issue unreachable int unreachable_leaf_ext "/CN=localhost unreachable"

run_openssl ca -config "$config" -name CA_int -revoke "$ca_dir/revoked.crt" -crl_reason keyCompromise
# The responder must not know this leaf: drop its line from the intermediate's database.
unknown_serial=$(openssl x509 -in "$ca_dir/unknown.crt" -noout -serial | cut -d= -f2)
grep -v -P "\t$unknown_serial\t" "$ca_dir/int/index.txt" >"$ca_dir/int/index.tmp"
mv "$ca_dir/int/index.tmp" "$ca_dir/int/index.txt"

for ca in root int; do
  run_openssl ca -config "$config" -name "CA_$ca" -gencrl -out "$ca_dir/$ca.crl.pem"
  run_openssl crl -in "$ca_dir/$ca.crl.pem" -outform DER -out "$web_dir/$ca.crl"
  run_openssl x509 -in "$ca_dir/$ca.crt" -outform DER -out "$web_dir/$ca.crt"
done
cat "$ca_dir/int.crt" "$ca_dir/root.crt" >"$ca_dir/chain.pem"

### Staples for the "unreachable" leaf (its own responder never answers, so only a staple can): a good one from the
### real database, and a revoked one from a copy in which that leaf is revoked. Made offline, without a server.
unreachable_serial=$(openssl x509 -in "$ca_dir/unreachable.crt" -noout -serial | cut -d= -f2)
run_openssl ocsp -issuer "$ca_dir/int.crt" -cert "$ca_dir/unreachable.crt" -no_nonce -reqout "$ca_dir/staple-req.der"
revoked_index=$ca_dir/int/index-staple-revoked.txt
revoked_at=$(date -u -d '-1 hour' +%y%m%d%H%M%SZ)
sed -E "s/^V\t([0-9]+Z)\t\t($unreachable_serial)\t/R\t\1\t$revoked_at,keyCompromise\t\2\t/" \
  "$ca_dir/int/index.txt" >"$revoked_index"
grep -q -P "^R\t.*\t$unreachable_serial\t" "$revoked_index" || fail "could not mark the staple's leaf revoked"
for status in good revoked; do
  index=$ca_dir/int/index.txt
  [[ $status == revoked ]] && index=$revoked_index
  run_openssl ocsp -index "$index" -rsigner "$ca_dir/int-ocsp.crt" -rkey "$ca_dir/int-ocsp.key" \
    -CA "$ca_dir/int.crt" -reqin "$ca_dir/staple-req.der" -respout "$ca_dir/staple-$status.der" -ndays 1
done

pids=()
# start NAME COMMAND...: runs a daemon in the background, its output in a log, its PID in NAME.pid.
start() {
  local name=$1
  shift
  "$@" </dev/null >"$log_dir/$name.log" 2>&1 &
  echo $! >"$workdir/$name.pid"
  pids+=("$name:$!")
}
# listening PORT: whether something listens on PORT (no connection is made).
listening() {
  ss -Htln "sport = :$1" | grep -q .
}
await_port() {
  local port=$1 deadline=$((SECONDS + 10))
  until listening "$port"; do
    ((SECONDS < deadline)) || fail "nothing listens on port $port after 10 s; see $log_dir"
    sleep 0.1
  done
}

### OCSP responders (answers valid for 60 minutes) and the CRL web server.
start ocsp openssl ocsp -index "$ca_dir/int/index.txt" -port "$ocsp_port" -rsigner "$ca_dir/int-ocsp.crt" \
  -rkey "$ca_dir/int-ocsp.key" -CA "$ca_dir/int.crt" -nmin 60 -ignore_err
start root-ocsp openssl ocsp -index "$ca_dir/root/index.txt" -port "$root_ocsp_port" -rsigner "$ca_dir/root-ocsp.crt" \
  -rkey "$ca_dir/root-ocsp.key" -CA "$ca_dir/root.crt" -nmin 60 -ignore_err
start http python3 -m http.server "$http_port" --bind "$address" --directory "$web_dir"

### Stapling servers: TLS only (no SMTP); -www keeps s_server from reading stdin and quitting.
for status in good revoked; do
  port=$staple_good_port
  [[ $status == revoked ]] && port=$staple_revoked_port
  start "staple-$status" openssl s_server -accept "$address:$port" -cert "$ca_dir/unreachable.crt" \
    -key "$ca_dir/unreachable.key" -cert_chain "$ca_dir/int.crt" -status_file "$ca_dir/staple-$status.der" -www
done

### Postfix: a private instance with one implicit-TLS listener per leaf; it accepts no mail, tests only connect.
postfix_dir=$workdir/postfix
config_dir=$postfix_dir/etc
mkdir -p "$config_dir"
install -d -o postfix -m 700 "$postfix_dir/data"
for queue in active bounce corrupt defer deferred flush hold incoming private saved trace; do
  install -d -o postfix -m 700 "$postfix_dir/spool/$queue"
done
install -d -o postfix -g postdrop -m 730 "$postfix_dir/spool/maildrop"
install -d -o postfix -g postdrop -m 710 "$postfix_dir/spool/public"
install -d -m 755 "$postfix_dir/spool/pid"
touch "$postfix_dir/spool/quick-start"
for leaf in good revoked unknown unreachable; do
  cat "$ca_dir/$leaf.key" "$ca_dir/$leaf.crt" "$ca_dir/int.crt" >"$config_dir/$leaf-chain.pem"
done
cat "$ca_dir/good.key" "$ca_dir/good.crt" >"$config_dir/good-leaf-only.pem"
chmod 600 "$config_dir"/*.pem

cat >"$config_dir/main.cf" <<CONF
# Written by scripts/testbed/start-pki.sh.
compatibility_level = 3.6
config_directory = $config_dir
queue_directory = $postfix_dir/spool
data_directory = $postfix_dir/data
maillog_file = $log_dir/postfix.log
maillog_file_prefixes = $log_dir
inet_interfaces = $address
inet_protocols = ipv4
myhostname = pki.example.test
mydestination =
relay_domains =
smtpd_peername_lookup = no
smtpd_relay_restrictions = reject
default_transport = error:the PKI test bed delivers nothing
alias_maps =
alias_database =
smtpd_tls_wrappermode = yes
smtpd_tls_security_level = encrypt
smtpd_tls_loglevel = 1
# No CAfile: OpenSSL would otherwise complete the leaf-only chain from it.
smtpd_tls_CAfile =
# A server-side session cache, so TLS 1.2 sessions resume by session ID too (not only by ticket).
smtpd_tls_session_cache_database = btree:\${data_directory}/smtpd_scache
CONF

cat >"$config_dir/master.cf" <<CONF
$smtp_good_port inet n - n - - smtpd -o syslog_name=pki/good -o smtpd_tls_chain_files=$config_dir/good-chain.pem
$smtp_revoked_port inet n - n - - smtpd -o syslog_name=pki/revoked -o smtpd_tls_chain_files=$config_dir/revoked-chain.pem
$smtp_unknown_port inet n - n - - smtpd -o syslog_name=pki/unknown -o smtpd_tls_chain_files=$config_dir/unknown-chain.pem
$smtp_unreachable_port inet n - n - - smtpd -o syslog_name=pki/unreachable -o smtpd_tls_chain_files=$config_dir/unreachable-chain.pem
$smtp_leaf_only_port inet n - n - - smtpd -o syslog_name=pki/leaf-only -o smtpd_tls_chain_files=$config_dir/good-leaf-only.pem
tlsmgr unix - - n 1000? 1 tlsmgr
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
proxymap unix - - n - - proxymap
postlog unix-dgram n - n - 1 postlogd
CONF

if ! output=$(postfix -c "$config_dir" start 2>&1); then
  echo "$output" >&2
  tail -n 20 "$log_dir/postfix.log" >&2 2>/dev/null || true
  fail "Postfix did not start"
fi

for port in "${ports[@]}"; do
  [[ $port == "$dead_port" ]] || await_port "$port"
done

serial_of() {
  openssl x509 -in "$ca_dir/$1.crt" -noout -serial | cut -d= -f2
}
cat >"$workdir/pki.env" <<ENV
# Written by scripts/testbed/start-pki.sh; read by io.github.smtpclient.interop.PkiTestbed.
SMTP_PKI_HOST=localhost
SMTP_PKI_ROOT_CERT=$ca_dir/root.crt
SMTP_PKI_INTERMEDIATE_CERT=$ca_dir/int.crt
SMTP_PKI_GOOD_CERT=$ca_dir/good.crt
SMTP_PKI_REVOKED_CERT=$ca_dir/revoked.crt
SMTP_PKI_INT_CRL=$web_dir/int.crl
SMTP_PKI_GOOD_STAPLE=$ca_dir/staple-good.der
SMTP_PKI_OCSP_URL=http://$address:$ocsp_port/
SMTP_PKI_CRL_URL=http://$address:$http_port/int.crl
SMTP_PKI_GOOD_SERIAL=$(serial_of good)
SMTP_PKI_REVOKED_SERIAL=$(serial_of revoked)
SMTP_PKI_SMTP_GOOD_PORT=$smtp_good_port
SMTP_PKI_SMTP_REVOKED_PORT=$smtp_revoked_port
SMTP_PKI_SMTP_UNKNOWN_PORT=$smtp_unknown_port
SMTP_PKI_SMTP_UNREACHABLE_PORT=$smtp_unreachable_port
SMTP_PKI_SMTP_LEAF_ONLY_PORT=$smtp_leaf_only_port
SMTP_PKI_STAPLE_GOOD_PORT=$staple_good_port
SMTP_PKI_STAPLE_REVOKED_PORT=$staple_revoked_port
SMTP_PKI_POSTFIX_LOG=$log_dir/postfix.log
ENV

echo "pki: running in $workdir"
echo "pki:   OCSP responders $address:$ocsp_port (leaves), $address:$root_ocsp_port (intermediate); CRLs http://$address:$http_port/"
echo "pki:   Postfix implicit TLS: good $smtp_good_port, revoked $smtp_revoked_port, unknown $smtp_unknown_port," \
  "unreachable $smtp_unreachable_port, leaf only $smtp_leaf_only_port"
echo "pki:   stapling s_server: good $staple_good_port, revoked $staple_revoked_port"
echo "pki:   settings $workdir/pki.env"
