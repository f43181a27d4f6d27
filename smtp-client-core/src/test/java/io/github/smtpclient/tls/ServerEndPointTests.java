package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.smtpclient.ChannelBinding;

/** RFC 5929 section 4.1: the certificate's own signature hash, SHA-256 in place of MD5 and SHA-1, none for EdDSA. */
class ServerEndPointTests {

    private static X509Certificate selfSigned(String keyAlgorithm, String signatureAlgorithm) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance(keyAlgorithm).generateKeyPair();
        X500Name name = new X500Name("CN=end-point.example.test");
        Date now = new Date();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now, new Date(now.getTime() + 86_400_000L),
                name, keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(new BouncyCastleProvider())
                        .build(keys.getPrivate())));
    }

    @ParameterizedTest
    @CsvSource({"RSA, SHA256withRSA, SHA-256", "RSA, SHA1withRSA, SHA-256", "RSA, SHA512withRSA, SHA-512",
            "EC, SHA384withECDSA, SHA-384", "RSA, SHA384withRSAandMGF1, SHA-384"})
    void theCertificateIsHashedWithItsSignaturesHash(String key, String signature, String hash) throws Exception {
        X509Certificate certificate = selfSigned(key, signature);

        assertThat(ServerEndPoint.of(certificate)).contains(ChannelBinding.of(ChannelBinding.TLS_SERVER_END_POINT,
                MessageDigest.getInstance(hash).digest(certificate.getEncoded())));
    }

    @ParameterizedTest
    @CsvSource({"Ed25519, Ed25519", "Ed448, Ed448"})
    void aSignatureWithoutAHashOfItsOwnHasNoBinding(String key, String signature) throws Exception {
        assertThat(ServerEndPoint.of(selfSigned(key, signature))).isEmpty();
    }
}
