package io.github.smtpclient.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses to try: the JVM's resolver, or the client's own DNS resolver as
 * {@link DnsSettings} says. IP address literals never reach a resolver; the {@link Connector} parses them.
 */
@FunctionalInterface
interface AddressResolver {

    /** The JDK's resolver (the system's hosts file and DNS). */
    AddressResolver SYSTEM = (host, version) -> List.of(InetAddress.getAllByName(host));

    /**
     * The addresses of {@code host}, never empty. {@code version} says which ones the caller will use, so a
     * resolver may skip asking for the others; it may still return them.
     *
     * @throws UnknownHostException with a message saying why, when the name has no usable address
     */
    List<InetAddress> resolve(String host, IpVersion version) throws UnknownHostException;

    /** The resolver {@code dns} selects. */
    static AddressResolver of(DnsSettings dns) {
        return switch (dns.getMode()) {
            case JVM -> SYSTEM;
            case OWN -> new DnsResolver(dns);
            case OWN_THEN_JVM -> withFallback(new DnsResolver(dns), SYSTEM);
        };
    }

    /** {@code first}, then {@code second} when the first finds nothing; the failure names both reasons. */
    static AddressResolver withFallback(AddressResolver first, AddressResolver second) {
        return (host, version) -> {
            try {
                return first.resolve(host, version);
            } catch (UnknownHostException ownFailed) {
                try {
                    return second.resolve(host, version);
                } catch (UnknownHostException jvmFailed) {
                    UnknownHostException both = new UnknownHostException(ownFailed.getMessage() + "; the JVM's resolver"
                            + " as fallback: " + jvmFailed.getMessage());
                    both.initCause(ownFailed);
                    both.addSuppressed(jvmFailed);
                    throw both;
                }
            }
        };
    }
}
