package io.github.smtpclient.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * How the TCP connection is made; reached as {@code client.socket()}: timeouts, local address, IP versions, speed
 * limits and (through {@link #dns()}) name resolution. Mutable and not thread-safe: configure it
 * before connecting. A connection works on a {@link #copy()}.
 *
 * <p>Every timeout is finite by design. A zero or negative timeout would mean "wait forever", and a server or
 * network path that silently stops answering would then hang the sending thread (and the pooled connection it
 * holds) for good; so they are rejected.
 */
public final class SocketSettings {

    /** The default {@link #getTimeout() timeout}: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The default {@link #getConnectionAttemptDelay() connection attempt delay}: 250 ms, as RFC 8305 recommends. */
    public static final Duration DEFAULT_CONNECTION_ATTEMPT_DELAY = Duration.ofMillis(250);

    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration connectTimeout;
    private Duration greetingTimeout;
    private Duration dataTerminationTimeout;
    private Duration connectionAttemptDelay = DEFAULT_CONNECTION_ATTEMPT_DELAY;
    private InetAddress localAddress;
    private int localPort;
    private IpVersion ipVersion = IpVersion.BOTH_IPV6_FIRST;
    private long incomingSpeedLimit;
    private long outgoingSpeedLimit;
    private RateLimiter sharedOutgoingLimiter;
    private int sendBufferSize;
    private final DnsSettings dns = new DnsSettings();

    /** Settings with the defaults each getter describes. */
    public SocketSettings() {
    }

    /**
     * The longest wait for any one socket operation (the reference's SocketTimeout): every write (enforced by closing
     * the connection, since the JDK's read timeout does not cover writes), the whole TLS handshake, every whole reply
     * from the server (however slowly its bytes arrive) unless {@link #setGreetingTimeout(Duration)} or
     * {@link #setDataTerminationTimeout(Duration)} says otherwise for theirs, and the connect unless
     * {@link #setConnectTimeout(Duration)} says otherwise. Waiting for a {@link #setOutgoingSpeedLimit(long) speed
     * limit} does not count.
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

    /**
     * The longest wait for the TCP connection, all the host's addresses together (with {@link IpVersion#BOTH_IPV6_FIRST}
     * several are tried at once); by default the {@link #getTimeout() timeout}.
     */
    public Duration getConnectTimeout() {
        return connectTimeout != null ? connectTimeout : timeout;
    }

    /**
     * Sets the connect timeout, which bounds the whole connect however many addresses are tried; {@code null} makes
     * it follow {@link #getTimeout()}.
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

    /**
     * How long a connection attempt may run before the next address is tried beside it (RFC 8305's Connection
     * Attempt Delay); an attempt that fails starts the next one at once. 250 ms by default.
     */
    public Duration getConnectionAttemptDelay() {
        return connectionAttemptDelay;
    }

    /**
     * Sets the connection attempt delay.
     *
     * @throws IllegalArgumentException if it is null or outside 10 ms to 2 s (the bounds RFC 8305 section 5 sets)
     */
    public void setConnectionAttemptDelay(Duration delay) {
        if (delay == null || delay.compareTo(Duration.ofMillis(10)) < 0 || delay.compareTo(Duration.ofSeconds(2)) > 0) {
            throw new IllegalArgumentException("socket().connectionAttemptDelay must be between 10 ms and 2 s (RFC"
                    + " 8305), was " + delay + "; the recommended value is 250 ms");
        }
        this.connectionAttemptDelay = delay;
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
     * Which IP versions connections use (the reference's SocketUseIPv6): {@link IpVersion#BOTH_IPV6_FIRST} by
     * default, connecting over whichever answers first; {@link IpVersion#IPV4_ONLY} or {@link IpVersion#IPV6_ONLY}
     * never use the other version.
     */
    public IpVersion getIpVersion() {
        return ipVersion;
    }

    /**
     * Sets which IP versions connections use.
     *
     * @throws IllegalArgumentException if it is null
     */
    public void setIpVersion(IpVersion ipVersion) {
        if (ipVersion == null) {
            throw new IllegalArgumentException("socket().ipVersion must not be null; use IpVersion.BOTH_IPV6_FIRST for"
                    + " both");
        }
        this.ipVersion = ipVersion;
    }

    /** The most bytes read per second on one connection (the reference's SocketIncomingSpeedLimit); 0 means no limit. */
    public long getIncomingSpeedLimit() {
        return incomingSpeedLimit;
    }

    /**
     * Limits the bytes read per second on each connection (application bytes, above TLS); 0 (the default) means no
     * limit, and then the stream is not wrapped at all.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public void setIncomingSpeedLimit(long bytesPerSecond) {
        this.incomingSpeedLimit = requireSpeed(bytesPerSecond, "socket().incomingSpeedLimit");
    }

    /** The most bytes written per second on one connection (the reference's SocketOutgoingSpeedLimit); 0 means no limit. */
    public long getOutgoingSpeedLimit() {
        return outgoingSpeedLimit;
    }

    /**
     * Limits the bytes written per second on each connection (commands and message data, above TLS); 0 (the default)
     * means no limit, and then the stream is not wrapped at all.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public void setOutgoingSpeedLimit(long bytesPerSecond) {
        this.outgoingSpeedLimit = requireSpeed(bytesPerSecond, "socket().outgoingSpeedLimit");
    }

    /**
     * A byte limit shared with other connections (for example every connection of one
     * {@link io.github.smtpclient.SmtpMailSender}), applied besides {@link #getOutgoingSpeedLimit()}; {@code null}
     * (the default) means none.
     */
    public RateLimiter getSharedOutgoingLimiter() {
        return sharedOutgoingLimiter;
    }

    /** Makes connections also write no faster than {@code limiter} allows, together with its other users. */
    public void setSharedOutgoingLimiter(RateLimiter limiter) {
        this.sharedOutgoingLimiter = limiter;
    }

    /**
     * The socket send buffer (SO_SNDBUF) requested before connecting, in bytes; 0 (the default) leaves the system's.
     * {@code SmtpClient} sets it from {@code transfer().getSendBufferSize()}, since the reference's SendBufferSize
     * sizes both the client's buffer and the socket's.
     */
    public int getSendBufferSize() {
        return sendBufferSize;
    }

    /**
     * Requests a socket send buffer; the system may round it (Linux doubles it and caps it at
     * {@code net.core.wmem_max}).
     *
     * @throws IllegalArgumentException if it is negative
     */
    public void setSendBufferSize(int sendBufferSize) {
        if (sendBufferSize < 0) {
            throw new IllegalArgumentException("socket().sendBufferSize must be 0 (the system's default) or a number"
                    + " of bytes, was " + sendBufferSize);
        }
        this.sendBufferSize = sendBufferSize;
    }

    /** How host names are resolved: the JVM's resolver, or the client's own (dnsjava) with its servers and timeouts. */
    public DnsSettings dns() {
        return dns;
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
        copy.connectionAttemptDelay = connectionAttemptDelay;
        copy.ipVersion = ipVersion;
        copy.incomingSpeedLimit = incomingSpeedLimit;
        copy.outgoingSpeedLimit = outgoingSpeedLimit;
        copy.sharedOutgoingLimiter = sharedOutgoingLimiter;
        copy.sendBufferSize = sendBufferSize;
        copy.dns.copyFrom(dns);
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

    private static long requireSpeed(long bytesPerSecond, String setting) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException(setting + " must be 0 (no limit) or a number of bytes per second, was "
                    + bytesPerSecond);
        }
        return bytesPerSecond;
    }

    @Override
    public String toString() {
        return "SocketSettings[timeout=" + timeout + ", connectTimeout=" + getConnectTimeout() + ", greetingTimeout="
                + getGreetingTimeout() + ", dataTerminationTimeout=" + getDataTerminationTimeout() + ", localAddress="
                + (localAddress == null ? "any" : localAddress.getHostAddress()) + ", localPort="
                + (localPort == 0 ? "any" : localPort) + ", ipVersion=" + ipVersion + ", connectionAttemptDelay="
                + connectionAttemptDelay + ", incomingSpeedLimit=" + incomingSpeedLimit + ", outgoingSpeedLimit="
                + outgoingSpeedLimit + ", sendBufferSize=" + sendBufferSize + ", " + dns + "]";
    }
}
