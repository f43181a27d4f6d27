package io.github.smtpclient.net;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How host names are resolved; reached as {@code client.socket().dns()}. By default the JVM resolves them
 * ({@link DnsMode#JVM}); the client's own resolver (the reference's UseOwnDNSResolver) asks the DNS servers given
 * here, or those of the system's {@code /etc/resolv.conf} when none are given, and is useful where the system
 * resolver is broken or a split-horizon view must be bypassed. Names are resolved as given (absolute): there is no
 * search list. Mutable and not thread-safe, like the {@link SocketSettings} it belongs to.
 */
public final class DnsSettings {

    /** The default {@link #getQueryTimeout() query timeout}: 5 seconds, as in the system resolver's resolv.conf. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

    /** The default {@link #getTotalTimeout() total timeout}: 15 seconds. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(15);

    private DnsMode mode = DnsMode.JVM;
    private List<InetAddress> servers = List.of();
    private int port = 53;
    private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
    private Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;

    /** Settings with the defaults each getter describes. */
    public DnsSettings() {
    }

    /** Which resolver is used (the reference's SocketDNSMode); {@link DnsMode#JVM} by default. */
    public DnsMode getMode() {
        return mode;
    }

    /**
     * Chooses the resolver.
     *
     * @throws IllegalArgumentException if it is null
     */
    public void setMode(DnsMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("socket().dns().mode must not be null; use DnsMode.JVM for the JVM's"
                    + " resolver");
        }
        this.mode = mode;
    }

    /** Whether the client's own resolver is used, alone or before the JVM's (the reference's UseOwnDNSResolver). */
    public boolean isOwnResolver() {
        return mode != DnsMode.JVM;
    }

    /**
     * The DNS servers the own resolver asks, in order (the reference's SocketDNSServers); empty (the default) means
     * those of the system's resolver configuration.
     */
    public List<InetAddress> getServers() {
        return servers;
    }

    /**
     * Sets the DNS servers as IP address literals, such as {@code "192.0.2.53"} or {@code "2001:db8::53"}; names are
     * refused, since resolving the resolver would need a resolver. {@code null} or empty means the system's servers.
     *
     * @throws IllegalArgumentException if an entry is not an IP address literal
     */
    public void setServers(List<String> servers) {
        if (servers == null) {
            this.servers = List.of();
            return;
        }
        List<InetAddress> parsed = new ArrayList<>();
        for (String server : servers) {
            String literal = server == null ? "" : server.strip();
            if (literal.isEmpty()) {
                continue;
            }
            byte[] bytes = IpLiterals.parse(literal);
            if (bytes == null) {
                throw new IllegalArgumentException("socket().dns().servers: '" + literal.replaceAll("[\\x00-\\x1f]", "?")
                        + "' is not an IP address; give DNS servers as addresses, such as 192.0.2.53 or 2001:db8::53"
                        + " (the port is socket().dns().port)");
            }
            parsed.add(IpLiterals.toAddress(bytes));
        }
        this.servers = List.copyOf(parsed);
    }

    /** The UDP and TCP port of the DNS servers (the reference's SocketDNSPort); 53 by default. */
    public int getPort() {
        return port;
    }

    /**
     * Sets the DNS servers' port.
     *
     * @throws IllegalArgumentException if it is outside 1-65535
     */
    public void setPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("socket().dns().port must be 1-65535 (DNS uses 53), was " + port);
        }
        this.port = port;
    }

    /**
     * The longest wait for one answer from one server (the reference's SocketDNSQueryTimeout); when it passes the
     * next server is asked. 5 seconds by default.
     */
    public Duration getQueryTimeout() {
        return queryTimeout;
    }

    /**
     * Sets the query timeout.
     *
     * @throws IllegalArgumentException if it is null, below one millisecond or longer than one hour
     */
    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = requireTimeout(queryTimeout, "socket().dns().queryTimeout");
    }

    /**
     * The longest time one host name may take to resolve, every server and retry included (the reference's
     * SocketDNSTotalTimeout). 15 seconds by default.
     */
    public Duration getTotalTimeout() {
        return totalTimeout;
    }

    /**
     * Sets the total timeout.
     *
     * @throws IllegalArgumentException if it is null, below one millisecond or longer than one hour
     */
    public void setTotalTimeout(Duration totalTimeout) {
        this.totalTimeout = requireTimeout(totalTimeout, "socket().dns().totalTimeout");
    }

    /** An independent copy. */
    public DnsSettings copy() {
        DnsSettings copy = new DnsSettings();
        copy.copyFrom(this);
        return copy;
    }

    void copyFrom(DnsSettings other) {
        mode = other.mode;
        servers = other.servers;
        port = other.port;
        queryTimeout = other.queryTimeout;
        totalTimeout = other.totalTimeout;
    }

    private static Duration requireTimeout(Duration value, String setting) {
        if (value == null || value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(setting + " must be between 1 ms and 1 hour, was " + value
                    + "; for example Duration.ofSeconds(5)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "DnsSettings[mode=" + mode + ", servers=" + servers.stream().map(InetAddress::getHostAddress).toList()
                + ", port=" + port + ", queryTimeout=" + queryTimeout + ", totalTimeout=" + totalTimeout + "]";
    }
}
