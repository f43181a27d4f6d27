package io.github.smtpclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class LocalDomainTests {

    @Test
    void aFullyQualifiedNameIsUsable() {
        assertThat(LocalDomain.isUsableDomain("mail-1.example.com")).isTrue();
    }

    @Test
    void bareLabelsLocalhostAndOddCharactersAreNot() {
        assertThat(LocalDomain.isUsableDomain("myhost")).isFalse();
        assertThat(LocalDomain.isUsableDomain("localhost.localdomain")).isFalse();
        assertThat(LocalDomain.isUsableDomain("under_score.example.com")).isFalse();
        assertThat(LocalDomain.isUsableDomain("")).isFalse();
        assertThat(LocalDomain.isUsableDomain(null)).isFalse();
    }

    @Test
    void addressLiteralsFollowRfc5321() throws Exception {
        assertThat(LocalDomain.addressLiteral(InetAddress.getByName("192.0.2.1"))).isEqualTo("[192.0.2.1]");
        assertThat(LocalDomain.addressLiteral(InetAddress.getByName("2001:db8::1"))).isEqualTo("[IPv6:2001:db8:0:0:0:0:0:1]");
        assertThat(LocalDomain.addressLiteral(InetAddress.getByName("fe80::1%1"))).isEqualTo("[IPv6:fe80:0:0:0:0:0:0:1]");
    }
}
