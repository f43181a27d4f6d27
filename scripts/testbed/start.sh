#!/usr/bin/env bash
# Starts a throwaway Postfix + Dovecot (SASL) test bed on 127.0.0.1 for the interop tests, and writes
# WORKDIR/testbed.env for them to read. Everything (config, queue, certificates, Maildirs, logs) lives in WORKDIR;
# nothing under /etc is changed and no system daemon is used.
#
#   scripts/testbed/start.sh [WORKDIR]      (default /tmp/smtp-client-testbed)
#
# Ports (override with the environment variables of the same name):
#   SMTP_TESTBED_STARTTLS_PORT     10587  plaintext, STARTTLS offered, AUTH only after STARTTLS
#   SMTP_TESTBED_IMPLICIT_TLS_PORT 10465  TLS from the first byte (smtps), AUTH
#   SMTP_TESTBED_PLAIN_PORT        10025  no TLS, no AUTH: unauthenticated delivery to example.test
#
# Other settings from the environment:
#   SMTP_TESTBED_LISTEN_ADDRESS    127.0.0.1  0.0.0.0 inside a container, so mapped ports reach the listeners
#   SMTP_TESTBED_MAILDIR_ROOT      WORKDIR/maildir  e.g. a directory the host bind-mounts into a container
#
# A running test bed in the same WORKDIR is stopped and WORKDIR is rebuilt, so every start has empty Maildirs
# (unless SMTP_TESTBED_MAILDIR_ROOT points elsewhere: that directory is used as it is).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=${1:-/tmp/smtp-client-testbed}
starttls_port=${SMTP_TESTBED_STARTTLS_PORT:-10587}
implicit_tls_port=${SMTP_TESTBED_IMPLICIT_TLS_PORT:-10465}
plain_port=${SMTP_TESTBED_PLAIN_PORT:-10025}
listen_address=${SMTP_TESTBED_LISTEN_ADDRESS:-127.0.0.1}
# Where this script (and the tests on this machine) reach the listeners.
if [[ $listen_address == 0.0.0.0 ]]; then
  local_address=127.0.0.1
  inet_interfaces=all
else
  local_address=$listen_address
  inet_interfaces=$listen_address
fi
domain=example.test
message_size_limit=10240000
# virtual(8) delivers as this unprivileged user, so every parent of the Maildirs must be searchable by it. Under
# sudo it is the calling developer, so tests run without root can read the delivered files (mode 0600).
mailbox_uid=${SUDO_UID:-$(id -u nobody)}
mailbox_gid=${SUDO_GID:-$(getent group nogroup | cut -d: -f3)}
users=("alice:alice-secret" "bob:bob-secret")
marker=.smtp-client-testbed

fail() {
  echo "testbed: $*" >&2
  exit 1
}

for tool in postfix dovecot openssl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed: run scripts/testbed/install.sh"
done
[[ $(id -u) -eq 0 ]] || fail "must run as root (Postfix and Dovecot drop privileges themselves)"
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"

# WORKDIR is wiped below; refuse anything that start.sh did not create itself.
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start.sh: choose another WORKDIR"
fi
"$script_dir/stop.sh" "$workdir" >/dev/null
rm -rf "$workdir"

# Dovecot's auth socket path must fit in sockaddr_un (108 bytes including the NUL).
auth_socket=$workdir/d/auth-client
((${#auth_socket} < 100)) || fail "WORKDIR is too long for a UNIX socket path: $auth_socket"

for port in "$starttls_port" "$implicit_tls_port" "$plain_port"; do
  if (exec 3<>"/dev/tcp/$local_address/$port") 2>/dev/null; then
    fail "$local_address:$port is already in use; stop that server or set SMTP_TESTBED_*_PORT"
  fi
done

tls_dir=$workdir/tls
postfix_dir=$workdir/postfix
config_dir=$postfix_dir/etc
dovecot_dir=$workdir/dovecot
maildir_root=${SMTP_TESTBED_MAILDIR_ROOT:-$workdir/maildir}
log_dir=$workdir/log
postfix_log=$log_dir/postfix.log
dovecot_log=$log_dir/dovecot.log

# Parents of the Maildirs must stay world-searchable (0755) even under a restrictive umask.
umask 022
mkdir -p "$workdir" "$tls_dir" "$config_dir" "$postfix_dir/spool" "$postfix_dir/data" \
  "$dovecot_dir" "$maildir_root" "$log_dir"
touch "$workdir/$marker"
chmod 755 "$workdir"
# Postfix's queue layout (from /etc/postfix/postfix-files), made here because "postfix check" takes seconds.
# master(8) takes its lock in data_directory as the mail owner.
install -d -o postfix -m 700 "$postfix_dir/data"
for queue in active bounce corrupt defer deferred flush hold incoming private saved trace; do
  install -d -o postfix -m 700 "$postfix_dir/spool/$queue"
done
install -d -o postfix -g postdrop -m 730 "$postfix_dir/spool/maildrop"
install -d -o postfix -g postdrop -m 710 "$postfix_dir/spool/public"
install -d -m 755 "$postfix_dir/spool/pid"
# quick-start makes "postfix start" skip its integrity checks (seconds of find/postsuper on a queue we just made).
touch "$postfix_dir/spool/quick-start"

### Certificates: a throwaway CA and a server certificate valid for every loopback name a client may use.
# openssl chatters on stderr even when it succeeds; keep that out of the way unless it fails.
run_openssl() {
  openssl "$@" 2>>"$log_dir/openssl.log" || { cat "$log_dir/openssl.log" >&2; fail "openssl $1 failed"; }
}
run_openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -subj "/CN=smtp-client test bed CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.pem"
run_openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=localhost" -keyout "$tls_dir/server.key" -out "$tls_dir/server.csr"
run_openssl x509 -req -in "$tls_dir/server.csr" -CA "$tls_dir/ca.pem" -CAkey "$tls_dir/ca.key" \
  -CAcreateserial -days 30 -out "$tls_dir/server.pem" \
  -extfile <(printf '%s\n' \
    "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
    "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth")
chmod 600 "$tls_dir/ca.key" "$tls_dir/server.key"

### Dovecot: only the auth service, as Postfix's SASL server. Passwords are stored in clear ({PLAIN}) because
### CRAM-MD5 and SCRAM need the plaintext (or mechanism-specific hashes) on the server side.
passwd_file=$dovecot_dir/users
: >"$passwd_file"
for entry in "${users[@]}"; do
  echo "${entry%%:*}@$domain:{PLAIN}${entry#*:}::::::" >>"$passwd_file"
done
chown root:dovecot "$passwd_file"
chmod 640 "$passwd_file"

cat >"$dovecot_dir/dovecot.conf" <<CONF
# Generated by scripts/testbed/start.sh: Dovecot as a SASL server for the test bed's Postfix only.
instance_name = smtp-client-testbed
base_dir = $workdir/d
state_dir = $dovecot_dir/state
protocols =
ssl = no
log_path = $dovecot_log
# Postfix enforces TLS before AUTH; Dovecot sees only the already-protected SASL exchange.
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256
# Wrong passwords are answered at once instead of after the default 2 s.
auth_failure_delay = 0
auth_verbose = yes
passdb {
  driver = passwd-file
  args = scheme=PLAIN $passwd_file
}
userdb {
  driver = static
  args = uid=$mailbox_uid gid=$mailbox_gid home=/nonexistent
}
service auth {
  unix_listener auth-client {
    mode = 0660
    user = postfix
    group = postfix
  }
}
CONF

### Postfix: private config, queue and data directories; virtual(8) delivery to Maildirs; no DNS, no relay.
postfix_instance() { postfix -c "$config_dir" "$@"; }

maildir_map=$config_dir/virtual_mailboxes
recipient_access_map=$config_dir/recipient_access
: >"$maildir_map"
for entry in "${users[@]}"; do
  user=${entry%%:*}
  echo "$user@$domain $user/" >>"$maildir_map"
  # Created up front so a test can watch new/ before the first delivery.
  mkdir -p "$maildir_root/$user"/{new,cur,tmp}
done
# Mailboxes without a login: the outbox's crash test delivers thousands of messages into its own.
for mailbox in outbox; do
  echo "$mailbox@$domain $mailbox/" >>"$maildir_map"
  mkdir -p "$maildir_root/$mailbox"/{new,cur,tmp}
done
chown -R "$mailbox_uid:$mailbox_gid" "$maildir_root"

cat >"$recipient_access_map" <<MAP
reject550@$domain 550 5.1.1 Mailbox unavailable (test bed: always rejected)
defer450@$domain 450 4.2.1 Mailbox busy (test bed: always deferred)
MAP

cat >"$config_dir/main.cf" <<CONF
# Generated by scripts/testbed/start.sh.
compatibility_level = 3.6
config_directory = $config_dir
queue_directory = $postfix_dir/spool
data_directory = $postfix_dir/data
maillog_file = $postfix_log
maillog_file_prefixes = $log_dir
inet_interfaces = $inet_interfaces
inet_protocols = ipv4
myhostname = mx.$domain
mydomain = $domain
myorigin = \$myhostname
mydestination =
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP smtp-client test bed
biff = no
append_dot_mydomain = no
alias_maps =
alias_database =
smtputf8_enable = yes
# Clients on our own interfaces would otherwise count as local submitters whose messages get a Date: or Message-ID:
# added and their header addresses qualified; tests compare stored bytes with sent bytes, so rewrite nothing.
local_header_rewrite_clients =
message_size_limit = $message_size_limit

# No DNS on test machines: never look up peers, never send mail anywhere but the local Maildirs.
smtpd_peername_lookup = no
default_transport = error:outbound mail is disabled on the test bed
relay_transport = error:outbound mail is disabled on the test bed
relay_domains =
notify_classes =

virtual_mailbox_domains = $domain
virtual_mailbox_base = $maildir_root
virtual_mailbox_maps = texthash:$maildir_map
virtual_minimum_uid = 1
virtual_uid_maps = static:$mailbox_uid
virtual_gid_maps = static:$mailbox_gid

# Fixed answers for error-path tests; only example.test is accepted, authenticated or not.
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access texthash:$recipient_access_map
# Tests provoke errors on purpose: answer them immediately and do not hang up early.
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 100
smtpd_hard_error_limit = 200
in_flow_delay = 0

smtpd_tls_chain_files = $tls_dir/server.key, $tls_dir/server.pem
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes
smtpd_tls_auth_only = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $auth_socket
smtpd_sasl_authenticated_header = yes
smtpd_sasl_security_options = noanonymous
smtpd_sasl_tls_security_options = noanonymous
CONF

# Only the services the test bed needs; chroot off because the private queue is not a chroot jail.
cat >"$config_dir/master.cf" <<CONF
# service                type  private unpriv chroot wakeup maxproc command
$starttls_port             inet  n       -      n      -      -       smtpd
  -o syslog_name=postfix/starttls
  -o smtpd_tls_security_level=may
  -o smtpd_sasl_auth_enable=yes
$implicit_tls_port             inet  n       -      n      -      -       smtpd
  -o syslog_name=postfix/implicit-tls
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
$plain_port             inet  n       -      n      -      -       smtpd
  -o syslog_name=postfix/plain
  -o smtpd_tls_security_level=none
  -o smtpd_sasl_auth_enable=no
pickup                   unix  n       -      n      60     1       pickup
cleanup                  unix  n       -      n      -      0       cleanup
qmgr                     unix  n       -      n      300    1       qmgr
tlsmgr                   unix  -       -      n      1000?  1       tlsmgr
rewrite                  unix  -       -      n      -      -       trivial-rewrite
bounce                   unix  -       -      n      -      0       bounce
defer                    unix  -       -      n      -      0       bounce
trace                    unix  -       -      n      -      0       bounce
verify                   unix  -       -      n      -      1       verify
flush                    unix  n       -      n      1000?  0       flush
proxymap                 unix  -       -      n      -      -       proxymap
smtp                     unix  -       -      n      -      -       smtp
showq                    unix  n       -      n      -      -       showq
error                    unix  -       -      n      -      -       error
retry                    unix  -       -      n      -      -       error
discard                  unix  -       -      n      -      -       discard
virtual                  unix  -       n      n      -      -       virtual
anvil                    unix  -       -      n      -      1       anvil
scache                   unix  -       -      n      -      1       scache
postlog                  unix-dgram n  -      n      -      1       postlogd
CONF

### Start both daemons directly (there is no init system), Dovecot first so SASL is ready for the first AUTH.
show_logs() {
  echo "--- last lines of $postfix_log" >&2
  tail -n 20 "$postfix_log" >&2 2>/dev/null || true
  echo "--- last lines of $dovecot_log" >&2
  tail -n 20 "$dovecot_log" >&2 2>/dev/null || true
}

# Dovecot keeps the stderr it was started with; a file instead of ours lets callers that pipe start.sh's output
# (CI, `| tee`) see end-of-file.
if ! dovecot -c "$dovecot_dir/dovecot.conf" </dev/null >/dev/null 2>"$log_dir/dovecot-stderr.log"; then
  cat "$log_dir/dovecot-stderr.log" >&2
  fail "Dovecot did not start"
fi
if ! output=$(postfix_instance start 2>&1); then
  echo "$output" >&2
  show_logs
  fail "Postfix did not start"
fi

# Bounded wait: each plaintext port must greet with 220; the implicit-TLS port must accept connections
# (its greeting only comes after the TLS handshake). The subshell keeps a refused connection from ending the script.
greets() {
  local line
  (exec 3<>"/dev/tcp/$local_address/$1" && read -r -t 2 line <&3 && [[ $line == 220* ]]) 2>/dev/null
}
accepts() {
  (exec 3<>"/dev/tcp/$local_address/$1") 2>/dev/null
}
await() {
  local check=$1 port=$2 deadline=$((SECONDS + 10))
  until "$check" "$port"; do
    if ((SECONDS >= deadline)); then
      show_logs
      fail "port $port did not answer within 10 s"
    fi
    sleep 0.1
  done
}
await greets "$starttls_port"
await accepts "$implicit_tls_port"
await greets "$plain_port"
deadline=$((SECONDS + 10))
until [[ -S $auth_socket ]]; do
  ((SECONDS < deadline)) || { show_logs; fail "Dovecot's auth socket $auth_socket did not appear"; }
  sleep 0.1
done

cat >"$workdir/testbed.env" <<ENV
# Written by scripts/testbed/start.sh; read by io.github.smtpclient.interop.PostfixTestbed.
SMTP_TESTBED_HOST=localhost
SMTP_TESTBED_ADDRESS=$local_address
SMTP_TESTBED_STARTTLS_PORT=$starttls_port
SMTP_TESTBED_IMPLICIT_TLS_PORT=$implicit_tls_port
SMTP_TESTBED_PLAIN_PORT=$plain_port
SMTP_TESTBED_DOMAIN=$domain
SMTP_TESTBED_USER=alice@$domain
SMTP_TESTBED_PASSWORD=alice-secret
SMTP_TESTBED_USER2=bob@$domain
SMTP_TESTBED_PASSWORD2=bob-secret
SMTP_TESTBED_REJECT_RECIPIENT=reject550@$domain
SMTP_TESTBED_DEFER_RECIPIENT=defer450@$domain
SMTP_TESTBED_OUTBOX_RECIPIENT=outbox@$domain
SMTP_TESTBED_MESSAGE_SIZE_LIMIT=$message_size_limit
SMTP_TESTBED_CA_CERT=$tls_dir/ca.pem
SMTP_TESTBED_MAILDIR_ROOT=$maildir_root
SMTP_TESTBED_POSTFIX_LOG=$postfix_log
SMTP_TESTBED_DOVECOT_LOG=$dovecot_log
ENV

echo "testbed: running in $workdir"
echo "testbed:   STARTTLS + AUTH  $local_address:$starttls_port"
echo "testbed:   implicit TLS     $local_address:$implicit_tls_port"
echo "testbed:   plain, no AUTH   $local_address:$plain_port"
echo "testbed:   users alice@$domain / alice-secret, bob@$domain / bob-secret"
echo "testbed:   settings $workdir/testbed.env"
echo "testbed:   logs     $postfix_log, $dovecot_log"
