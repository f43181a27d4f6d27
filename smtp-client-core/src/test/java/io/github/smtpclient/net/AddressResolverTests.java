package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressResolverTests {

    private final InetAddress v6a = address("2001:db8::1");
    private final InetAddress v4a = address("192.0.2.1");
    private final InetAddress v6b = address("2001:db8::2");
    private final InetAddress v4b = address("192.0.2.2");
    private final List<InetAddress> resolved = List.of(v6a, v4a, v6b, v4b);

    @Test
    void ipv4ComesFirstByDefaultAndEveryAddressIsKept() {
        assertThat(AddressResolver.preferring(resolved, false)).containsExactly(v4a, v4b, v6a, v6b);
    }

    @Test
    void ipv6ComesFirstWhenPreferred() {
        assertThat(AddressResolver.preferring(resolved, true)).containsExactly(v6a, v6b, v4a, v4b);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
