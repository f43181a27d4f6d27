package io.github.smtpclient.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * How the TCP connection is made; reached as {@code client.socket()}. Mutable and not thread-safe: configure it
 * before connecting. A connection works on a {@link #copy()}.
 *
 * <p>Every timeout is finite by design. A zero or negative timeout would mean "wait forever", and a server or
 * network path that silently stops answering would then hang the sending thread (and the pooled connection it
 * holds) for good; so they are rejected.
 */
public final class SocketSettings {

    /** The default {@link #getTimeout() timeout}: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration connectTimeout;
    private Duration greetingTimeout;
    private Duration dataTerminationTimeout;
    private InetAddress localAddress;
    private int localPort;
    private boolean useIPv6;

    /** Settings with the defaults each getter describes. */
    public SocketSettings() {
    }

    /**
     * The longest wait for any one socket operation (the reference's SocketTimeout): every write (enforced by closing
     * the connection, since the JDK's read timeout does not cover writes), the whole TLS handshake, every whole reply
     * from the server (however slowly its bytes arrive) unless {@link #setGreetingTimeout(Duration)} or
     * {@link #setDataTerminationTimeout(Duration)} says otherwise for theirs, and the connect unless
     * {@link #setConnectTimeout(Duration)} says otherwise.
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Sets the socket timeout.
     *
     * @throws IllegalArgumentException if it is null, below one millisecond, or longer than about 24 days
     */
    public void setTimeout(Duration timeout) {
        this.timeout = requireFinite(timeout, "socket().timeout");
    }

    /** The longest wait for the TCP connection to each address of the host; by default the {@link #getTimeout() timeout}. */
    public Duration getConnectTimeout() {
        return connectTimeout != null ? connectTimeout : timeout;
    }

    /**
     * Sets the connect timeout, applied to each address tried; {@code null} makes it follow {@link #getTimeout()}.
     *
     * @throws IllegalArgumentException if it is below one millisecond or longer than about 24 days
     */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout == null ? null : requireFinite(connectTimeout, "socket().connectTimeout");
    }

    /**
     * The longest wait for the server's whole greeting after the connection is made; by default the
     * {@link #getTimeout() timeout}. RFC 5321 4.5.3.2.1 suggests 5 minutes, since a busy server may delay it on
     * purpose.
     * A plaintext client that gets no greeting in time checks whether the port expects implicit TLS and then fails
     * with {@link io.github.smtpclient.SmtpErrorCode#TLS_MODE_MISMATCH} instead of a timeout.
     */
    public Duration getGreetingTimeout() {
        return greetingTimeout != null ? greetingTimeout : timeout;
    }

    /**
     * Sets the greeting timeout; {@code null} makes it follow {@link #getTimeout()}.
     *
     * @throws IllegalArgumentException if it is below one millisecond or longer than about 24 days
     */
    public void setGreetingTimeout(Duration greetingTimeout) {
        this.greetingTimeout = greetingTimeout == null ? null
                : requireFinite(greetingTimeout, "socket().greetingTimeout");
    }

    /**
     * The longest wait for the server's whole reply after the end of the message data (the final dot, or the last
     * BDAT chunk); by default the {@link #getTimeout() timeout}. RFC 5321 4.5.3.2.6 suggests 10 minutes, because the
     * server may process the message (filters, virus scans) before it answers, and a client that gives up too early
     * leaves the outcome unknown and may cause a duplicate.
     */
    public Duration getDataTerminationTimeout() {
        return dataTerminationTimeout != null ? dataTerminationTimeout : timeout;
    }

    /**
     * Sets the timeout for the reply to the end of the data; {@code null} makes it follow {@link #getTimeout()}.
     *
     * @throws IllegalArgumentException if it is below one millisecond or longer than about 24 days
     */
    public void setDataTerminationTimeout(Duration dataTerminationTimeout) {
        this.dataTerminationTimeout = dataTerminationTimeout == null ? null
                : requireFinite(dataTerminationTimeout, "socket().dataTerminationTimeout");
    }

    /** The local address to connect from (the reference's SocketLocalAddress), or {@code null} for any. */
    public InetAddress getLocalAddress() {
        return localAddress;
    }

    /** Binds connections to a local address, for example one network interface; {@code null} means any. */
    public void setLocalAddress(InetAddress localAddress) {
        this.localAddress = localAddress;
    }

    /**
     * Binds connections to a local address given as an IP address literal or a local host name (resolved now);
     * {@code null} or blank means any.
     *
     * @throws IllegalArgumentException if the name cannot be resolved
     */
    public void setLocalAddress(String localAddress) {
        if (localAddress == null || localAddress.isBlank()) {
            this.localAddress = null;
            return;
        }
        try {
            this.localAddress = InetAddress.getByName(localAddress.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("socket().localAddress: cannot resolve '" + localAddress
                    + "'; give an IP address of this machine, such as 192.0.2.10", e);
        }
    }

    /** The local port to connect from (the reference's SocketLocalPort); 0 means any free port. */
    public int getLocalPort() {
        return localPort;
    }

    /**
     * Binds connections to a local port; 0 (the default) lets the system choose. A fixed port allows only one
     * connection at a time.
     *
     * @throws IllegalArgumentException if the port is outside 0-65535
     */
    public void setLocalPort(int localPort) {
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("socket().localPort must be 0 (any) or 1-65535, was " + localPort);
        }
        this.localPort = localPort;
    }

    /**
     * Whether IPv6 addresses are tried before IPv4 ones (the reference's SocketUseIPv6). Either way every address
     * of the host is tried, in that order, until one connects.
     */
    public boolean isUseIPv6() {
        return useIPv6;
    }

    /** Prefers IPv6 (true) or IPv4 (false, the default) addresses when the host has both. */
    public void setUseIPv6(boolean useIPv6) {
        this.useIPv6 = useIPv6;
    }

    /** An independent copy. */
    public SocketSettings copy() {
        SocketSettings copy = new SocketSettings();
        copy.timeout = timeout;
        copy.connectTimeout = connectTimeout;
        copy.greetingTimeout = greetingTimeout;
        copy.dataTerminationTimeout = dataTerminationTimeout;
        copy.localAddress = localAddress;
        copy.localPort = localPort;
        copy.useIPv6 = useIPv6;
        return copy;
    }

    private static Duration requireFinite(Duration value, String setting) {
        if (value == null || value.compareTo(Duration.ofMillis(1)) < 0 || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(setting + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, was "
                    + value + ": a timeout is mandatory, because without one a server that stops answering blocks the "
                    + "caller forever; for example use Duration.ofSeconds(60)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SocketSettings[timeout=" + timeout + ", connectTimeout=" + getConnectTimeout() + ", greetingTimeout="
                + getGreetingTimeout() + ", dataTerminationTimeout=" + getDataTerminationTimeout() + ", localAddress="
                + (localAddress == null ? "any" : localAddress.getHostAddress()) + ", localPort="
                + (localPort == 0 ? "any" : localPort) + ", useIPv6=" + useIPv6 + "]";
    }
}
