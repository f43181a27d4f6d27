package io.github.smtpclient.net;

/** Which resolver turns host names into addresses (the reference's SocketDNSMode); see {@link DnsSettings}. */
public enum DnsMode {
    /** The JVM's resolver ({@code InetAddress}: the system's hosts file and DNS configuration). The default. */
    JVM,
    /**
     * The client's own DNS resolver, asking {@link DnsSettings#getServers()} directly (A and AAAA in parallel). It
     * reads no hosts file; {@code localhost} and names under {@code .localhost} are answered with the loopback
     * addresses without a query (RFC 6761).
     */
    OWN,
    /** The client's own resolver, and the JVM's when the own one finds no address (no answer, an error, no such name). */
    OWN_THEN_JVM
}
