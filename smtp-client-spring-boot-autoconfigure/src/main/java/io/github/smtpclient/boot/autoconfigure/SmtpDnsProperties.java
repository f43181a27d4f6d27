package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.net.DnsMode;

/**
 * The {@code smtp.client.socket.dns.*} properties: how host names are resolved; drives
 * {@code client.socket().dns()}.
 */
public class SmtpDnsProperties {

    /** Resolver: JVM (the system's), OWN (the client's own DNS queries) or OWN_THEN_JVM (own, the JVM's as fallback). */
    private DnsMode mode = DnsMode.JVM;

    /** IP addresses of the DNS servers the own resolver asks, in order; empty means the system's (resolv.conf). */
    private List<String> servers = new ArrayList<>();

    /** Port of the DNS servers. */
    private int port = 53;

    /** Longest wait for one answer from one DNS server before the next is asked. */
    private Duration queryTimeout = Duration.ofSeconds(5);

    /** Longest time one host name may take to resolve, every server and retry included. */
    private Duration totalTimeout = Duration.ofSeconds(15);

    public DnsMode getMode() {
        return mode;
    }

    public void setMode(DnsMode mode) {
        this.mode = mode;
    }

    public List<String> getServers() {
        return servers;
    }

    public void setServers(List<String> servers) {
        this.servers = servers;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public Duration getQueryTimeout() {
        return queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    public Duration getTotalTimeout() {
        return totalTimeout;
    }

    public void setTotalTimeout(Duration totalTimeout) {
        this.totalTimeout = totalTimeout;
    }
}
