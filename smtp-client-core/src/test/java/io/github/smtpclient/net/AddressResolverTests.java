package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressResolverTests {

    private final InetAddress v6a = address("2001:db8::1");
    private final InetAddress v4a = address("192.0.2.1");
    private final InetAddress v6b = address("2001:db8::2");
    private final InetAddress v4b = address("192.0.2.2");
    private final List<InetAddress> resolved = List.of(v4a, v4b, v6a, v6b);

    @Test
    void bothVersionsAlternateIpv6First() {
        assertThat(IpVersion.BOTH_IPV6_FIRST.order(resolved)).containsExactly(v6a, v4a, v6b, v4b);
        assertThat(IpVersion.BOTH_IPV6_FIRST.order(List.of(v4a, v4b, v6a))).containsExactly(v6a, v4a, v4b);
    }

    @Test
    void anOnlyValueDropsEveryAddressOfTheOtherVersion() {
        assertThat(IpVersion.IPV4_ONLY.order(resolved)).containsExactly(v4a, v4b);
        assertThat(IpVersion.IPV6_ONLY.order(resolved)).containsExactly(v6a, v6b);
        assertThat(IpVersion.IPV6_ONLY.order(List.of(v4a))).isEmpty();
        assertThat(IpVersion.IPV4_ONLY.allows(v6a)).isFalse();
        assertThat(IpVersion.BOTH_IPV6_FIRST.allows(v6a)).isTrue();
    }

    @Test
    void theModeSelectsTheResolver() {
        DnsSettings dns = new DnsSettings();
        assertThat(AddressResolver.of(dns)).isSameAs(AddressResolver.SYSTEM);
        dns.setMode(DnsMode.OWN);
        assertThat(AddressResolver.of(dns)).isInstanceOf(DnsResolver.class);
    }

    @Test
    void theFallbackIsAskedOnlyWhenTheFirstFindsNothing() throws Exception {
        List<String> asked = new ArrayList<>();
        AddressResolver own = (host, version) -> {
            asked.add("own " + host);
            if (host.equals("only-in-hosts-file.example.test")) {
                throw new UnknownHostException(host + ": no such name (NXDOMAIN from DNS server 127.0.0.1:53)");
            }
            return List.of(v4a);
        };
        AddressResolver jvm = (host, version) -> {
            asked.add("jvm " + host);
            return List.of(v4b);
        };
        AddressResolver resolver = AddressResolver.withFallback(own, jvm);

        assertThat(resolver.resolve("mail.example.test", IpVersion.BOTH_IPV6_FIRST)).containsExactly(v4a);
        assertThat(resolver.resolve("only-in-hosts-file.example.test", IpVersion.BOTH_IPV6_FIRST))
                .containsExactly(v4b);
        assertThat(asked).containsExactly("own mail.example.test", "own only-in-hosts-file.example.test",
                "jvm only-in-hosts-file.example.test");
    }

    @Test
    void whenBothFailTheErrorGivesBothReasons() {
        AddressResolver resolver = AddressResolver.withFallback(
                (host, version) -> {
                    throw new UnknownHostException("no DNS server answered for x.example.test");
                },
                (host, version) -> {
                    throw new UnknownHostException("x.example.test: Name or service not known");
                });

        assertThatThrownBy(() -> resolver.resolve("x.example.test", IpVersion.IPV4_ONLY))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("no DNS server answered for x.example.test; the JVM's resolver as fallback:"
                        + " x.example.test: Name or service not known");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
