"""Verifies every DKIM-Signature of a message with dkimpy, public keys from a TestPublicKeys-style file.

    /usr/bin/python3 dkimpy-verify.py PUBLIC_KEYS MESSAGE_FILE...

Prints one line per message: the file, then "pass" or "fail" per signature, in header order ("none" if unsigned).
Exits 0 even when a signature fails: the caller asserts on the output.
"""
import sys

import dkim

keys = {}
with open(sys.argv[1], encoding="ascii") as public_keys:
    for line in public_keys:
        if line.strip():
            name, value = line.split(None, 1)
            keys[name.lower().rstrip(".")] = value.strip().encode("ascii")


def dnsfunc(name, timeout=5):
    return keys.get(name.decode("ascii").lower().rstrip("."))


def verdict(verifier, idx):
    # dkimpy answers a bad signature with False, and a body hash mismatch or a malformed tag with an exception.
    try:
        return "pass" if verifier.verify(idx=idx, dnsfunc=dnsfunc) else "fail"
    except dkim.DKIMException:
        return "fail"


for path in sys.argv[2:]:
    with open(path, "rb") as message:
        data = message.read()
    verifier = dkim.DKIM(data)
    count = sum(1 for name, _ in verifier.headers if name.lower() == b"dkim-signature")
    results = [verdict(verifier, i) for i in range(count)]
    print(path, " ".join(results) if results else "none")
