package io.github.smtpclient.tls;

import java.io.IOException;
import java.security.SecureRandom;

import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsStreamVerifier;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's lightweight TLS crypto (which, unlike the JCA crypto without the BC provider, does RSA-PSS), with
 * certificates that report which signature scheme the server's handshake signature was verified with.
 */
final class ObservingCrypto extends BcTlsCrypto {

    private final BcObservations observations;

    ObservingCrypto(SecureRandom random, BcObservations observations) {
        super(random);
        this.observations = observations;
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        return type == CertificateType.X509 ? new ObservedCertificate(encoding) : super.createCertificate(type, encoding);
    }

    /** A certificate whose verifiers record the scheme they check. */
    private final class ObservedCertificate extends BcTlsCertificate {

        ObservedCertificate(byte[] encoding) throws IOException {
            super(ObservingCrypto.this, encoding);
        }

        /** TLS 1.3 CertificateVerify: the scheme is known up front. */
        @Override
        public Tls13Verifier createVerifier(int signatureScheme) throws IOException {
            observations.signedWith(signatureScheme);
            return super.createVerifier(signatureScheme);
        }

        /** TLS 1.2 ServerKeyExchange: the scheme is in the DigitallySigned the verifier is given. */
        @Override
        public TlsVerifier createVerifier(short signatureAlgorithm) throws IOException {
            TlsVerifier verifier = super.createVerifier(signatureAlgorithm);
            return new TlsVerifier() {
                @Override
                public TlsStreamVerifier getStreamVerifier(DigitallySigned signed) throws IOException {
                    observations.signedWith(signed);
                    return verifier.getStreamVerifier(signed);
                }

                @Override
                public boolean verifyRawSignature(DigitallySigned signed, byte[] hash) throws IOException {
                    observations.signedWith(signed);
                    return verifier.verifyRawSignature(signed, hash);
                }
            };
        }
    }
}
