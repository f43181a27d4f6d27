#!/usr/bin/env python3
"""A UDP DNS relay that answers late: every query is held for DELAY_MS and then relayed to an upstream DNS server.

dnsmasq has no delay option, so start-network.sh forwards the zone slow.example.test to this stub, which relays it
to a second dnsmasq. Usage: dns-delay-stub.py LISTEN_PORT UPSTREAM_PORT DELAY_MS (all on 127.0.0.1).
"""
import socket
import sys
import threading
import time


def relay(listener, query, client, upstream_port, delay):
    time.sleep(delay)
    upstream = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    upstream.settimeout(5)
    try:
        upstream.sendto(query, ("127.0.0.1", upstream_port))
        answer, _ = upstream.recvfrom(4096)
        listener.sendto(answer, client)
    except OSError:
        pass  # no answer from upstream: the client times out, as it would with a dead server
    finally:
        upstream.close()


def main():
    listen_port, upstream_port, delay_ms = (int(arg) for arg in sys.argv[1:4])
    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("127.0.0.1", listen_port))
    while True:
        query, client = listener.recvfrom(4096)
        threading.Thread(target=relay, args=(listener, query, client, upstream_port, delay_ms / 1000),
                         daemon=True).start()


if __name__ == "__main__":
    main()
