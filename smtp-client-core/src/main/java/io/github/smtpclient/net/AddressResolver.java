package io.github.smtpclient.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;

/** Turns a host name into the addresses to try; the seam where a custom DNS resolver goes. */
@FunctionalInterface
interface AddressResolver {

    /** The JDK's resolver (the system's hosts file and DNS). */
    AddressResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** All addresses of {@code host}, never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The addresses with one family first (stable otherwise): IPv6 when {@code preferIpv6}, else IPv4. */
    static List<InetAddress> preferring(List<InetAddress> addresses, boolean preferIpv6) {
        Comparator<InetAddress> ipv6First = Comparator.comparing(address -> !(address instanceof Inet6Address));
        return addresses.stream().sorted(preferIpv6 ? ipv6First : ipv6First.reversed()).toList();
    }
}
