package io.github.smtpclient.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The {@code smtp.client.tls.psk.*} properties: a TLS pre-shared key (TLS 1.2 PSK suites, TLS 1.3 external PSK),
 * which the server is authenticated by instead of a certificate; drives {@code client.tls().setPreSharedKey} and
 * {@code setPreSharedKeyCipherSuite}. Needs {@code smtp.client.tls.engine=bouncy-castle}: neither JSSE provider has
 * a PSK suite.
 */
public class SmtpPskProperties {

    /** Identity the client names for its pre-shared key (UTF-8); set together with 'key'. */
    private @Nullable String identity;

    /** The pre-shared key in hex (base16), 16 bytes or more; set together with 'identity'. Never shown back. */
    private @Nullable String key;

    /** One PSK cipher suite to offer, such as 'TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256', or 'AUTO' (the default: TLS 1.3 external PSK and the forward-secret TLS 1.2 PSK suites). */
    private @Nullable String cipherSuite;

    public @Nullable String getIdentity() {
        return identity;
    }

    public void setIdentity(@Nullable String identity) {
        this.identity = identity;
    }

    public @Nullable String getKey() {
        return key;
    }

    public void setKey(@Nullable String key) {
        this.key = key;
    }

    public @Nullable String getCipherSuite() {
        return cipherSuite;
    }

    public void setCipherSuite(@Nullable String cipherSuite) {
        this.cipherSuite = cipherSuite;
    }
}
