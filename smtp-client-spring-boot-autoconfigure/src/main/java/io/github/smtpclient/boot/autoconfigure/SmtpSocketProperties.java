package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;

import io.github.smtpclient.net.IpVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The {@code smtp.client.socket.*} properties: the TCP connection; drives {@code client.socket()}.
 */
public class SmtpSocketProperties {

    /** Longest wait for any one read, write or TLS handshake, between 1ms and about 24 days. */
    private Duration timeout = Duration.ofSeconds(60);

    /** Longest wait for the TCP connection, all addresses of the host together; by default 'timeout'. */
    private @Nullable Duration connectTimeout;

    /** Longest wait for the server's greeting after connecting; by default 'timeout' (RFC 5321 suggests 5m). */
    private @Nullable Duration greetingTimeout;

    /** Longest wait for the reply after the end of the message data; by default 'timeout' (RFC 5321 suggests 10m, as the server may scan the message first). */
    private @Nullable Duration dataTerminationTimeout;

    /** How long a connection attempt runs before the host's next address is tried beside it (RFC 8305), between 10ms and 2s. */
    private Duration connectionAttemptDelay = Duration.ofMillis(250);

    /** Local IP address (or local host name) to connect from; by default any. */
    private @Nullable String localAddress;

    /** Local port to connect from, 0 for any free port. */
    private int localPort;

    /** IP versions to connect over: IPV4_ONLY, IPV6_ONLY, or BOTH_IPV6_FIRST (racing both, IPv6 first). */
    private IpVersion ipVersion = IpVersion.BOTH_IPV6_FIRST;

    /** Most bytes read per second on each connection, 0 for no limit. */
    private DataSize incomingSpeedLimit = DataSize.ofBytes(0);

    /** Most bytes written per second on each connection, 0 for no limit. */
    private DataSize outgoingSpeedLimit = DataSize.ofBytes(0);

    @NestedConfigurationProperty
    private final SmtpDnsProperties dns = new SmtpDnsProperties();

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public @Nullable Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(@Nullable Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public @Nullable Duration getGreetingTimeout() {
        return greetingTimeout;
    }

    public void setGreetingTimeout(@Nullable Duration greetingTimeout) {
        this.greetingTimeout = greetingTimeout;
    }

    public @Nullable Duration getDataTerminationTimeout() {
        return dataTerminationTimeout;
    }

    public void setDataTerminationTimeout(@Nullable Duration dataTerminationTimeout) {
        this.dataTerminationTimeout = dataTerminationTimeout;
    }

    public Duration getConnectionAttemptDelay() {
        return connectionAttemptDelay;
    }

    public void setConnectionAttemptDelay(Duration connectionAttemptDelay) {
        this.connectionAttemptDelay = connectionAttemptDelay;
    }

    public @Nullable String getLocalAddress() {
        return localAddress;
    }

    public void setLocalAddress(@Nullable String localAddress) {
        this.localAddress = localAddress;
    }

    public int getLocalPort() {
        return localPort;
    }

    public void setLocalPort(int localPort) {
        this.localPort = localPort;
    }

    public IpVersion getIpVersion() {
        return ipVersion;
    }

    public void setIpVersion(IpVersion ipVersion) {
        this.ipVersion = ipVersion;
    }

    public DataSize getIncomingSpeedLimit() {
        return incomingSpeedLimit;
    }

    public void setIncomingSpeedLimit(DataSize incomingSpeedLimit) {
        this.incomingSpeedLimit = incomingSpeedLimit;
    }

    public DataSize getOutgoingSpeedLimit() {
        return outgoingSpeedLimit;
    }

    public void setOutgoingSpeedLimit(DataSize outgoingSpeedLimit) {
        this.outgoingSpeedLimit = outgoingSpeedLimit;
    }

    public SmtpDnsProperties getDns() {
        return dns;
    }
}
