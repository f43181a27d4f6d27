#!/usr/bin/env bash
# Installs what the real-server test bed needs: Postfix (MTA), Dovecot (SASL for Postfix), dante (SOCKS proxy),
# tinyproxy (HTTP CONNECT proxy), dnsmasq and squid (the network test bed) and swaks
# (hand checks). Idempotent: returns at once when everything is already there.
#
# We only want the binaries. Our own Postfix and Dovecot instances run from private config directories
# (see start.sh), so the Debian system daemons must not be configured or left running.
set -euo pipefail

# libnet-ssleay-perl: swaks needs it for STARTTLS and --tls-on-connect (only a Recommends of swaks).
packages=(postfix dovecot-core dante-server tinyproxy swaks libnet-ssleay-perl openssl)
# The outbox's crash test and benchmarks: a private PostgreSQL 15 cluster (start-postgres.sh).
packages+=(postgresql-15 postgresql-client-15)
# The network test bed (start-network.sh): dnsmasq's binary, squid (Digest, NTLM-fake and https_port), and python3
# for its delaying DNS stub.
packages+=(dnsmasq-base squid python3)
# The PKI test bed (start-pki.sh): python3 serves its CRLs (http.server); iproute2 gives ss, its readiness check.
packages+=(iproute2)
# The Kerberos test bed (start-kerberos.sh): an MIT KDC (krb5kdc, kdb5_util), kadmin.local to add its principals and
# export keytabs (krb5-admin-server), and kinit/klist for hand checks (krb5-user). squid's negotiate_kerberos_auth
# comes with squid.
packages+=(krb5-kdc krb5-admin-server krb5-user)
# The DKIM test bed (start-dkim.sh): opendkim as a verifying milter, dkimpy (python3-dkim, for /usr/bin/python3) as
# the second verifier and its dknewkey for the Ed25519 key.
packages+=(opendkim opendkim-tools python3-dkim)
# The TLS-PSK test bed (start-psk.sh): stunnel4 in server mode with PSKsecrets. Installing it adds a system user,
# which replaces /etc/passwd: install before starting daemons that were given their own password files.
packages+=(stunnel4)
# The HSM token (start-hsm.sh): SoftHSM2 and OpenSC's pkcs11-tool, which generates the key on the token.
packages+=(softhsm2 opensc)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "testbed: ${packages[*]} already installed"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  sudo=sudo
else
  sudo=
fi

echo "testbed: installing ${missing[*]}"
# "No configuration" keeps the Debian post-install from writing /etc/postfix/main.cf and starting a system MTA.
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
$sudo apt-get update -qq
# policy-rc.d exit 101 tells invoke-rc.d not to start services from maintainer scripts; on a machine without an
# init system that is mostly moot, but it also covers machines that have one.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  created_policy=true
fi
cleanup_policy() { if $created_policy; then $sudo rm -f "$policy"; fi; }
trap cleanup_policy EXIT

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

# Belt and braces: if a maintainer script started the system daemons anyway, stop them. Only the system
# instances (default config paths) are targeted, never a test bed started by start.sh.
if [[ -f /etc/postfix/main.cf ]] && $sudo postfix status >/dev/null 2>&1; then
  $sudo postfix stop >/dev/null 2>&1 || true
fi
if [[ -r /run/dovecot/master.pid ]]; then
  $sudo kill "$(cat /run/dovecot/master.pid)" 2>/dev/null || true
fi
echo "testbed: installed ${missing[*]}"
