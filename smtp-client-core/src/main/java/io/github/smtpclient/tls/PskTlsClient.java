package io.github.smtpclient.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Vector;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSK;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.TlsPSKIdentity;

/**
 * The client side of a pre-shared-key handshake: the {@link SmtpTlsClient} (SNI, groups, extended master secret,
 * exporter) offering the TLS 1.2 PSK suites with the identity and, when TLS 1.3 is offered, the key as an external
 * PSK. A TLS 1.3 server that does not select the key fails the handshake: it has not shown that it knows the key, and
 * with a pre-shared key configured no certificate is expected to stand in for it. Records the TLS 1.2 identity hint.
 */
final class PskTlsClient extends SmtpTlsClient {

    private final PreSharedKey preSharedKey;
    private final PskSuites.Offer offer;
    private final Identity identity;
    private boolean refusedInTls13;

    PskTlsClient(ObservingCrypto crypto, TlsSettings settings, PskSuites.Offer offer, String serverName,
            HandshakeVerdict verdict, BcObservations observations) {
        super(crypto, settings, offer.versions(), offer.suites(), serverName, verdict, null, observations);
        this.preSharedKey = settings.getPreSharedKey();
        this.offer = offer;
        this.identity = new Identity(preSharedKey);
    }

    @Override
    public TlsPSKIdentity getPSKIdentity() {
        return identity;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Vector getExternalPSKs() {
        if (!ProtocolVersion.contains(offer.versions(), ProtocolVersion.TLSv13)) {
            return null;
        }
        Vector psks = new Vector(1);
        psks.add(new BasicTlsPSKExternal(preSharedKey.identityBytes(), getCrypto().createSecret(preSharedKey.key()),
                offer.tls13Prf()));
        return psks;
    }

    @Override
    public void notifySelectedPSK(TlsPSK selected) throws IOException {
        if (selected == null) {
            refusedInTls13 = true;
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the server did not select the pre-shared key");
        }
        if (!(selected instanceof TlsPSKExternal)) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }
    }

    /** Whether a TLS 1.3 server went on without the key (and so would have authenticated another way). */
    boolean refusedInTls13() {
        return refusedInTls13;
    }

    /** The server's TLS 1.2 identity hint (ServerKeyExchange), or {@code null} when it sent none. */
    String identityHint() {
        return identity.hint;
    }

    /** The identity and key for a TLS 1.2 PSK key exchange, remembering the hint the server sent. */
    private static final class Identity implements TlsPSKIdentity {

        private final PreSharedKey key;
        private String hint;

        Identity(PreSharedKey key) {
            this.key = key;
        }

        @Override
        public void skipIdentityHint() {
            hint = null;
        }

        @Override
        public void notifyIdentityHint(byte[] identityHint) {
            // RFC 4279 5.1: the hint is UTF-8; an empty one is no hint.
            hint = identityHint == null || identityHint.length == 0 ? null
                    : io.github.smtpclient.text.PrintableText.escape(new String(identityHint, StandardCharsets.UTF_8));
        }

        @Override
        public byte[] getPSKIdentity() {
            return key.identityBytes();
        }

        @Override
        public byte[] getPSK() {
            return key.key();
        }
    }
}
