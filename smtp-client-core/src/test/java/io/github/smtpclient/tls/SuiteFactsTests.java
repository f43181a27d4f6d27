package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The suite facts come from Bouncy Castle's tables by IANA code, for every kind of suite. */
class SuiteFactsTests {

    @Test
    void tls13SuitesFixTheCipherButNotTheKeyExchange() {
        SuiteFacts facts = SuiteFacts.of("TLS_CHACHA20_POLY1305_SHA256").orElseThrow();

        assertThat(facts.code()).isEqualTo(0x1303);
        assertThat(facts.encryption()).isEqualTo("CHACHA20_POLY1305");
        assertThat(facts.keyBits()).isEqualTo(256);
        assertThat(facts.blockBits()).isZero();
        assertThat(facts.aead()).isTrue();
        assertThat(facts.mac()).isNull();
        assertThat(facts.keyExchange()).isNull();
        assertThat(facts.forwardSecret()).isNull();
    }

    @Test
    void tls12SuitesFixTheKeyExchangeAndForwardSecrecy() {
        SuiteFacts ephemeral = SuiteFacts.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256").orElseThrow();
        SuiteFacts staticRsa = SuiteFacts.of("TLS_RSA_WITH_AES_256_GCM_SHA384").orElseThrow();

        assertThat(ephemeral.keyExchange()).isEqualTo("ECDHE_ECDSA");
        assertThat(ephemeral.forwardSecret()).isTrue();
        assertThat(ephemeral.aead()).isFalse();
        assertThat(ephemeral.mac()).isEqualTo("SHA256");
        assertThat(ephemeral.blockBits()).isEqualTo(128);
        assertThat(staticRsa.keyExchange()).isEqualTo("RSA");
        assertThat(staticRsa.forwardSecret()).isFalse();
    }

    @Test
    void reducedStrengthCiphersAreNamedExportable() {
        SuiteFacts export = new SuiteFacts(0x0008, "DES40_CBC", 40, 64, false, "SHA1", "RSA");
        SuiteFacts modern = SuiteFacts.of("TLS_AES_128_GCM_SHA256").orElseThrow();

        assertThat(export.exportable()).isTrue();
        assertThat(modern.exportable()).isFalse();
        // The EXPORT and single-DES suites are gone from Bouncy Castle (and from JSSE): no connection negotiates one.
        assertThat(SuiteFacts.of("TLS_RSA_EXPORT_WITH_DES40_CBC_SHA")).isEmpty();
        assertThat(SuiteFacts.of("TLS_RSA_WITH_DES_CBC_SHA")).isEmpty();
    }

    @Test
    void namesAndCodesRoundTrip() {
        assertThat(SuiteFacts.codeOf("TLS_AES_256_GCM_SHA384")).isEqualTo(0x1302);
        assertThat(SuiteFacts.nameOf(0x1302)).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(SuiteFacts.of("TLS_NO_SUCH_SUITE")).isEmpty();
    }
}
