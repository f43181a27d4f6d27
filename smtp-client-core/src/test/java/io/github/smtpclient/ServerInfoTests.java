package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServerInfoTests {

    private static ServerInfo ehlo(String... lines) {
        return ServerInfo.fromEhlo(new Reply(250, List.of(lines)));
    }

    @Test
    void everyReferenceCapabilityIsReadFromEhlo() {
        ServerInfo info = ehlo("mail.example.test greets you", "PIPELINING", "SIZE 10240000", "AUTH PLAIN LOGIN CRAM-MD5",
                "BINARYMIME", "CHUNKING", "DSN", "ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8", "STARTTLS", "REQUIRETLS");
        assertThat(info.isAvailable()).isTrue();
        assertThat(info.isAuthPlainSupported()).isTrue();
        assertThat(info.isAuthLoginSupported()).isTrue();
        assertThat(info.isSaslSupported()).isTrue();
        assertThat(info.authMechanisms()).containsExactly("PLAIN", "LOGIN", "CRAM-MD5");
        assertThat(info.isBinarySupported()).isTrue();
        assertThat(info.isChunkingSupported()).isTrue();
        assertThat(info.isDsnSupported()).isTrue();
        assertThat(info.isSizeSupported()).isTrue();
        assertThat(info.maxMessageSize()).hasValue(10_240_000L);
        assertThat(info.isEnhancedStatusCodesSupported()).isTrue();
        assertThat(info.isPipeliningSupported()).isTrue();
        assertThat(info.isEightBitMimeSupported()).isTrue();
        assertThat(info.isSmtpUtf8Supported()).isTrue();
        assertThat(info.isStartTlsSupported()).isTrue();
        assertThat(info.isRequireTlsSupported()).isTrue();
        assertThat(info.serverName()).contains("mail.example.test");
        assertThat(info.lines()).hasSize(12);
    }

    @Test
    void aServerWithoutExtensionsSupportsNothing() {
        ServerInfo info = ehlo("bare.example.test");
        assertThat(info.isAvailable()).isTrue();
        assertThat(info.isPipeliningSupported()).isFalse();
        assertThat(info.isSaslSupported()).isFalse();
        assertThat(info.maxMessageSize()).isEmpty();
        assertThat(ServerInfo.none().isAvailable()).isFalse();
    }

    @Test
    void smtpSinksEmptyLastLineAndTheObsoleteAuthFormAreUnderstood() {
        ServerInfo info = ehlo("sink", "PIPELINING", "AUTH=LOGIN PLAIN", "auth cram-md5", "");
        assertThat(info.authMechanisms()).containsExactly("LOGIN", "PLAIN", "CRAM-MD5");
        assertThat(info.extensions()).containsOnlyKeys("PIPELINING", "AUTH");
    }

    @Test
    void sizeWithoutALimitOrWithZeroHasNoMaximum() {
        assertThat(ehlo("x", "SIZE").maxMessageSize()).isEmpty();
        assertThat(ehlo("x", "SIZE 0").maxMessageSize()).isEmpty();
        assertThat(ehlo("x", "SIZE lots").maxMessageSize()).isEmpty();
        assertThat(ehlo("x", "SIZE").isSizeSupported()).isTrue();
    }

    @Test
    void keywordsAdvertisedInLowerCaseAreKnownByEveryQuestion() {
        ServerInfo info = ehlo("x", "pipelining", "chunking", "size 1000", "smtpUtf8", "Dsn");

        assertThat(info.isPipeliningSupported()).isTrue();
        assertThat(info.isChunkingSupported()).isTrue();
        assertThat(info.isSmtpUtf8Supported()).isTrue();
        assertThat(info.isDsnSupported()).isTrue();
        assertThat(info.isSizeSupported()).isTrue();
        assertThat(info.maxMessageSize()).hasValue(1000L);
        assertThat(info.supports("Pipelining")).isTrue();
        assertThat(info.isBinarySupported()).isFalse();
    }
}
