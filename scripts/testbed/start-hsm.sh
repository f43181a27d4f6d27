#!/usr/bin/env bash
# Makes the SoftHSM2 token for Pkcs11InteropTests (issue 13, keys outside the JVM) and writes WORKDIR/hsm.env: a
# private SoftHSM2 configuration (select it with SOFTHSM2_CONF, for the test JVM too), a token with an EC P-256 key
# pair generated ON the token (pkcs11-tool --keypairgen: the private key is never extractable and never in a file),
# its certificate issued by the tls2 test CA and stored on the token under the same CKA_ID (SunPKCS11 shows a key only
# with a certificate of the same ID), and a SunPKCS11 configuration (slotListIndex = 0: the token's slot ID is random).
# The certificate's fingerprint is added to the tls2 Postfix's relay_clientcerts and Postfix reloaded, so the HSM key
# relays there. No daemon: SoftHSM2 is a library. Needs start-tls2.sh to have run; run as root.
#
#   scripts/testbed/start-hsm.sh [WORKDIR] [TLS2_WORKDIR]   (defaults /tmp/smtp-client-testbed/hsm, .../tls2)
#
# CI runs this after start-tls2.sh and exports SOFTHSM2_CONF=WORKDIR/softhsm2.conf before the interop tests.
set -euo pipefail

workdir=${1:-/tmp/smtp-client-testbed/hsm}
tls2_dir=${2:-$(dirname "$workdir")/tls2}
library=${SMTP_HSM_LIBRARY:-/usr/lib/softhsm/libsofthsm2.so}
label=smtp-client
pin=${SMTP_HSM_PIN:-1234}
so_pin=5678
alias=hsm-client
marker=.smtp-client-hsm

fail() {
  echo "hsm: $*" >&2
  exit 1
}

for tool in softhsm2-util pkcs11-tool openssl postfix; do
  command -v "$tool" >/dev/null || fail "$tool is not installed: run scripts/testbed/install.sh"
done
[[ -r $library ]] || fail "no SoftHSM2 library at $library"
[[ $workdir = /* ]] || fail "WORKDIR must be an absolute path, got '$workdir'"
[[ -r $tls2_dir/tls2.env ]] || fail "no $tls2_dir/tls2.env: run scripts/testbed/start-tls2.sh first"
if [[ -e $workdir && ! -e $workdir/$marker ]] && [[ -n $(ls -A "$workdir") ]]; then
  fail "$workdir exists, is not empty and was not made by start-hsm.sh: choose another WORKDIR"
fi
rm -rf "$workdir"
mkdir -p "$workdir/tokens"
touch "$workdir/$marker"
log=$workdir/hsm.log

export SOFTHSM2_CONF=$workdir/softhsm2.conf
cat >"$SOFTHSM2_CONF" <<CONF
directories.tokendir = $workdir/tokens
objectstore.backend = file
log.level = INFO
CONF
run() {
  "$@" >>"$log" 2>&1 || { tail -n 20 "$log" >&2; fail "$1 failed"; }
}
p11() {
  run pkcs11-tool --module "$library" --token-label "$label" --login --pin "$pin" "$@"
}
run softhsm2-util --init-token --free --label "$label" --so-pin "$so_pin" --pin "$pin"
p11 --keypairgen --key-type EC:prime256v1 --id 01 --label "$alias"
p11 --read-object --type pubkey --id 01 -o "$workdir/pub.der"
run openssl pkey -pubin -inform DER -in "$workdir/pub.der" -out "$workdir/pub.pem"

# The certificate for the token's public key, from the tls2 CA (-force_pubkey: the CSR's own key is a throwaway).
ca_dir=$tls2_dir/ca
run openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$workdir/throwaway.key" \
  -subj "/CN=hsm-client.example.test" -out "$workdir/hsm.csr"
run openssl x509 -req -in "$workdir/hsm.csr" -force_pubkey "$workdir/pub.pem" -CA "$ca_dir/ca.crt" \
  -CAkey "$ca_dir/ca.key" -CAcreateserial -days 30 -extfile "$ca_dir/ext.cnf" -extensions client -out "$workdir/hsm.crt"
rm -f "$workdir/throwaway.key"
run openssl x509 -in "$workdir/hsm.crt" -outform DER -out "$workdir/hsm.der"
p11 --write-object "$workdir/hsm.der" --type cert --id 01 --label "$alias"

cat >"$workdir/pkcs11.cfg" <<CONF
name = SoftHSM
library = $library
slotListIndex = 0
CONF

# Admit the token's certificate at the tls2 Postfix too.
fingerprint=$(openssl x509 -in "$workdir/hsm.crt" -noout -fingerprint -sha256 | cut -d= -f2)
relay=$tls2_dir/postfix/etc/relay_clientcerts
grep -q "$fingerprint" "$relay" || echo "$fingerprint hsm-client.example.test" >>"$relay"
run postfix -c "$tls2_dir/postfix/etc" reload

cat >"$workdir/hsm.env" <<ENV
# Written by scripts/testbed/start-hsm.sh; read by io.github.smtpclient.interop.Pkcs11InteropTests.
SOFTHSM2_CONF=$SOFTHSM2_CONF
SMTP_HSM_PKCS11_CONFIG=$workdir/pkcs11.cfg
SMTP_HSM_PIN=$pin
SMTP_HSM_ALIAS=$alias
SMTP_HSM_CERT=$workdir/hsm.crt
ENV
echo "hsm: token '$label' in $workdir/tokens, EC key '$alias' on the token, relayed by fingerprint $fingerprint"
echo "hsm:   export SOFTHSM2_CONF=$SOFTHSM2_CONF before running the tests; settings $workdir/hsm.env"
