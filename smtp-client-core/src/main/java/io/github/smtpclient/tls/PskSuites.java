package io.github.smtpclient.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The versions and cipher suites a pre-shared-key handshake offers ({@link TlsSettings#setPreSharedKeyCipherSuite}):
 * the automatic set, or the one suite named, checked against Bouncy Castle's tables. RSA_PSK suites are not offered:
 * their server certificate would bring back the PKI that a pre-shared key is chosen to avoid.
 */
final class PskSuites {

    private static final int[] AUTO_TLS13 = {CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256};

    private static final int[] AUTO_TLS12 = {CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_DHE_PSK_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DHE_PSK_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_DHE_PSK_WITH_AES_128_CBC_SHA256};

    /** What one handshake offers. */
    static final class Offer {

        private final ProtocolVersion[] versions;
        private final int[] suites;
        private final int tls13Prf;

        Offer(ProtocolVersion[] versions, int[] suites, int tls13Prf) {
            this.versions = versions.clone();
            this.suites = suites.clone();
            this.tls13Prf = tls13Prf;
        }

        ProtocolVersion[] versions() {
            return versions.clone();
        }

        int[] suites() {
            return suites.clone();
        }

        /** The HKDF the TLS 1.3 external PSK is bound to. */
        int tls13Prf() {
            return tls13Prf;
        }
    }

    private PskSuites() {
    }

    /** {@code name} if it is a suite a PSK handshake can offer. */
    static String requireKnown(String name) {
        int code = SuiteFacts.codeOf(name);
        if (code < 0 || !(isTls13(code) || isPureTls12Psk(code))) {
            throw new IllegalArgumentException("tls().preSharedKeyCipherSuite: '" + name + "' is not a PSK cipher"
                    + " suite; use AUTO, a TLS 1.2 suite with PSK, DHE_PSK or ECDHE_PSK key exchange (for example"
                    + " TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256) or a TLS 1.3 suite (TLS_AES_128_GCM_SHA256)");
        }
        return name;
    }

    static Offer offer(TlsSettings settings) throws SmtpException {
        boolean tls13 = settings.getVersions().contains("TLSv1.3");
        boolean tls12 = settings.getVersions().contains("TLSv1.2");
        String named = settings.getPreSharedKeyCipherSuite();
        if (named != null) {
            int code = SuiteFacts.codeOf(named);
            boolean wants13 = isTls13(code);
            if (wants13 ? !tls13 : !tls12) {
                throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().preSharedKeyCipherSuite " + named
                        + " is a TLS " + (wants13 ? "1.3" : "1.2") + " suite, but tls().versions " + settings.getVersions()
                        + " does not enable that version");
            }
            return new Offer(new ProtocolVersion[] {wants13 ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12},
                    new int[] {code}, wants13 ? prfOf(code) : -1);
        }
        List<ProtocolVersion> versions = new ArrayList<>();
        IntStream.Builder suites = IntStream.builder();
        if (tls13) {
            versions.add(ProtocolVersion.TLSv13);
            IntStream.of(AUTO_TLS13).forEach(suites::add);
        }
        if (tls12) {
            versions.add(ProtocolVersion.TLSv12);
            IntStream.of(AUTO_TLS12).filter(code -> settings.isFiniteFieldDhe()
                    || TlsUtils.getKeyExchangeAlgorithm(code) != KeyExchangeAlgorithm.DHE_PSK).forEach(suites::add);
        }
        if (versions.isEmpty()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().preSharedKey needs TLS 1.3 or 1.2, but"
                    + " tls().versions is " + settings.getVersions());
        }
        return new Offer(versions.toArray(ProtocolVersion[]::new), suites.build().toArray(),
                PRFAlgorithm.tls13_hkdf_sha256);
    }

    private static boolean isTls13(int code) {
        return TlsUtils.getKeyExchangeAlgorithm(code) == KeyExchangeAlgorithm.NULL && TlsUtils.getEncryptionAlgorithm(code) >= 0;
    }

    private static boolean isPureTls12Psk(int code) {
        int keyExchange = TlsUtils.getKeyExchangeAlgorithm(code);
        return keyExchange == KeyExchangeAlgorithm.PSK || keyExchange == KeyExchangeAlgorithm.DHE_PSK
                || keyExchange == KeyExchangeAlgorithm.ECDHE_PSK;
    }

    /** The HKDF hash an external PSK is bound to must be the suite's (RFC 8446 4.2.11). */
    private static int prfOf(int tls13Suite) {
        return SuiteFacts.nameOf(tls13Suite).endsWith("_SHA384") ? PRFAlgorithm.tls13_hkdf_sha384
                : PRFAlgorithm.tls13_hkdf_sha256;
    }
}
