package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Where credentials may cross without TLS: only to this machine, and through a proxy only if it is here too. */
class RouteTests {

    private static final InetSocketAddress LOCAL_PROXY = new InetSocketAddress("127.0.0.1", 3128);
    private static final InetSocketAddress REMOTE_PROXY = new InetSocketAddress("192.0.2.8", 3128);

    @Test
    void aDirectConnectionIsLoopbackWhenItsAddressIs() {
        assertThat(direct(new InetSocketAddress("127.0.0.1", 25)).serverIsLoopback()).isTrue();
        assertThat(direct(new InetSocketAddress("::1", 25)).serverIsLoopback()).isTrue();
        assertThat(direct(new InetSocketAddress("192.0.2.25", 25)).serverIsLoopback()).isFalse();
    }

    @Test
    void throughALocalProxyOnlyALoopbackTargetIsLoopback() {
        assertThat(proxied(LOCAL_PROXY, InetSocketAddress.createUnresolved("localhost", 25)).serverIsLoopback())
                .isTrue();
        assertThat(proxied(LOCAL_PROXY, new InetSocketAddress("127.0.0.1", 25)).serverIsLoopback()).isTrue();
        assertThat(proxied(LOCAL_PROXY, InetSocketAddress.createUnresolved("mail.example.com", 25))
                .serverIsLoopback()).as("the proxy takes it across the network").isFalse();
    }

    @Test
    void throughAProxyElsewhereNothingIsLoopback() {
        assertThat(proxied(REMOTE_PROXY, InetSocketAddress.createUnresolved("localhost", 25)).serverIsLoopback())
                .as("the proxy's own localhost is another machine, and the way to the proxy crosses the network")
                .isFalse();
        assertThat(proxied(REMOTE_PROXY, new InetSocketAddress("127.0.0.1", 25)).serverIsLoopback()).isFalse();
    }

    private static Route direct(InetSocketAddress server) {
        return new Route(null, server, null);
    }

    private static Route proxied(InetSocketAddress proxy, InetSocketAddress server) {
        return new Route(null, server, new ProxyConnection(ProxyType.HTTP, proxy, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }
}
