package io.github.smtpclient.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which IP versions a connection may use (the reference's SocketUseIPv6 and ProxyUseIPv6). Each value does exactly
 * what it says: an "only" value never connects over the other version, even when the host has no other address.
 */
public enum IpVersion {
    /** IPv4 addresses only; a host with only IPv6 addresses cannot be reached. */
    IPV4_ONLY,
    /** IPv6 addresses only; a host with only IPv4 addresses cannot be reached. */
    IPV6_ONLY,
    /**
     * Both, IPv6 first (the default), connecting as RFC 8305 (Happy Eyeballs) describes: the addresses alternate
     * between the versions, the next attempt starts when the previous one fails or after
     * {@link SocketSettings#getConnectionAttemptDelay()}, and the first connection made wins. A dead address costs
     * that delay, not a whole connect timeout.
     */
    BOTH_IPV6_FIRST;

    /** Whether {@code address} is of a version this value allows. */
    public boolean allows(InetAddress address) {
        return switch (this) {
            case IPV4_ONLY -> address instanceof Inet4Address;
            case IPV6_ONLY -> address instanceof Inet6Address;
            case BOTH_IPV6_FIRST -> true;
        };
    }

    /**
     * The addresses this value allows, in the order they are tried: for {@link #BOTH_IPV6_FIRST} IPv6 and IPv4
     * alternate, IPv6 first (RFC 8305 section 4); otherwise the resolver's order is kept.
     */
    public List<InetAddress> order(List<InetAddress> addresses) {
        List<InetAddress> ipv6 = addresses.stream().filter(a -> a instanceof Inet6Address).toList();
        List<InetAddress> ipv4 = addresses.stream().filter(a -> a instanceof Inet4Address).toList();
        return switch (this) {
            case IPV4_ONLY -> ipv4;
            case IPV6_ONLY -> ipv6;
            case BOTH_IPV6_FIRST -> interleave(ipv6, ipv4);
        };
    }

    private static List<InetAddress> interleave(List<InetAddress> first, List<InetAddress> second) {
        List<InetAddress> ordered = new ArrayList<>(first.size() + second.size());
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            if (i < first.size()) {
                ordered.add(first.get(i));
            }
            if (i < second.size()) {
                ordered.add(second.get(i));
            }
        }
        return ordered;
    }
}
