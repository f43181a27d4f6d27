package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestPki;

/**
 * An external signer (the ExternalSign event) on the Bouncy Castle engine, against a JSSE server that needs a client
 * certificate and verifies the CertificateVerify signature with the certificate's key: the signer here holds a JCA key
 * the test made and signs the digest (the client hashes) or the data (the signer hashes), as the request says.
 */
class ExternalSignerTests {

    private static final TestPki.Issued ROOT = TestPki.root("External Signer Root");
    private static final TestPki.Issued SERVER = ROOT.issue(TestPki.leaf("localhost", "localhost"));
    private static final TestPki.Issued CLIENT_CA = TestPki.root("External Client CA");
    private static final TestPki.Issued EC_CLIENT = CLIENT_CA.issue(TestPki.leaf("ec-external")
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    private static final TestPki.Issued RSA_CLIENT = CLIENT_CA.issue(TestPki.leaf("rsa-external").rsa(2048)
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth));

    private final BlockingQueue<SSLSession> serverSessions = new LinkedBlockingQueue<>();
    private final BlockingQueue<Certificate> bouncyCastleClients = new LinkedBlockingQueue<>();
    private final List<ExternalSignRequest> requests = new CopyOnWriteArrayList<>();
    private LoopbackServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "TLSv1.3, EC, DIGEST", "TLSv1.3, EC, DATA", "TLSv1.3, RSA, DIGEST", "TLSv1.3, RSA, DATA",
            "TLSv1.2, EC, DIGEST", "TLSv1.2, EC, DATA", "TLSv1.2, RSA, DIGEST", "TLSv1.2, RSA, DATA"})
    void theServerAcceptsTheSignatureTheExternalSignerMakes(String version, String key,
            ExternalSignRequest.Input input) throws Exception {
        startRequiringClientCertificates(version);
        TestPki.Issued client = "EC".equals(key) ? EC_CLIENT : RSA_CLIENT;
        TlsSettings settings = settings(ClientCertificate.external(List.of(client.certificate()),
                signerHolding(client.keys().getPrivate()), input));

        try (TlsLayer layer = handshake(settings)) {
            assertThat(layer.input().read()).as("the server's first byte").isEqualTo('2');
            SSLSession serverSide = serverSessions.poll(10, TimeUnit.SECONDS);
            assertThat(serverSide.getProtocol()).isEqualTo(version);
            assertThat(serverSide.getPeerCertificates()[0]).isEqualTo(client.certificate());
            assertThat(layer.info().clientAuthenticated()).isTrue();
        }
        // The key integrity probe, then the handshake's CertificateVerify.
        assertThat(requests).hasSize(2);
        ExternalSignRequest handshake = requests.get(1);
        assertThat(handshake.input()).isEqualTo(input);
        assertThat(handshake.publicKeyAlgorithm()).isEqualTo(key);
        assertThat(handshake.hashAlgorithm()).isEqualTo("SHA-256");
        if (input == ExternalSignRequest.Input.DIGEST) {
            assertThat(handshake.hash()).hasSize(32);
            assertThatThrownBy(handshake::data).isInstanceOf(IllegalStateException.class);
        } else {
            // TLS 1.3 signs 64 spaces, the context string, 0 and the transcript hash; TLS 1.2 every handshake message.
            String signed = new String(handshake.data(), java.nio.charset.StandardCharsets.ISO_8859_1);
            if ("TLSv1.3".equals(version)) {
                assertThat(signed).hasSize(64 + 33 + 1 + 32).startsWith(" ".repeat(64)
                        + "TLS 1.3, client CertificateVerify\0");
            } else {
                // The handshake starts with the ClientHello (type 1).
                assertThat(handshake.data()[0]).isEqualTo((byte) 1);
                assertThat(signed).hasSizeGreaterThan(500);
            }
            assertThatThrownBy(handshake::hash).isInstanceOf(IllegalStateException.class);
        }
        if ("RSA".equals(key)) {
            assertThat(handshake.signatureScheme()).isIn("rsa_pss_rsae_sha256", "rsa_pkcs1_sha256");
        } else {
            assertThat(handshake.signatureScheme()).isEqualTo("ecdsa_secp256r1_sha256");
        }
    }

    @Test
    void theKeyIdSecretParametersAndDataReachTheSignerWithEveryRequestAndTheSecretIsNeverShown() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        ExternalSignOptions options = ExternalSignOptions.none().withKeyId("kms-key-7").withKeySecret("s3cr3t-token")
                .withCustomParams(java.util.Map.of("region", "eu-west-1")).withData("request-42");
        TlsSettings settings = settings(ClientCertificate.external(List.of(EC_CLIENT.certificate()),
                signerHolding(EC_CLIENT.keys().getPrivate()), ExternalSignRequest.Input.DIGEST, options));

        try (TlsLayer layer = handshake(settings)) {
            assertThat(layer.input().read()).as("the server's first byte").isEqualTo('2');
        }
        // The key integrity probe and the handshake's CertificateVerify both carry them.
        assertThat(requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.options().keyId()).isEqualTo("kms-key-7");
            assertThat(request.options().keySecret()).isEqualTo("s3cr3t-token");
            assertThat(request.options().customParams()).containsEntry("region", "eu-west-1");
            assertThat(request.options().data()).isEqualTo("request-42");
        });
        assertThat(options.toString()).contains("kms-key-7").doesNotContain("s3cr3t-token");
        assertThat(ClientCertificate.external(List.of(EC_CLIENT.certificate()), signerHolding(EC_CLIENT.keys()
                .getPrivate()), ExternalSignRequest.Input.DATA).externalOptions()).isSameAs(ExternalSignOptions.none());
    }

    /**
     * A Bouncy Castle server accepting ECDSA with SHA-256, SHA-384 and SHA-512 (in that order) for the client's
     * CertificateVerify: unrestricted the client takes the first, restricted it takes the allowed one, and the server
     * verifies the signature made with it.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"SHA-384, DIGEST", "SHA-384, DATA", "SHA-512, DIGEST", "sha-512, DATA", "'', DIGEST"})
    void restrictedToAHashTheSignerIsAskedOnlyForIt(String hash, ExternalSignRequest.Input input) throws Exception {
        server = ClientAuthServers.bouncyCastle(SERVER, List.of(ecdsa(HashAlgorithm.sha256),
                ecdsa(HashAlgorithm.sha384), ecdsa(HashAlgorithm.sha512)), bouncyCastleClients);
        ExternalSignOptions options = ExternalSignOptions.none().withHashAlgorithms(hash.isEmpty() ? Set.of()
                : Set.of(hash));
        TlsSettings settings = settings(ClientCertificate.external(List.of(EC_CLIENT.certificate()),
                signerHolding(EC_CLIENT.keys().getPrivate()), input, options));

        try (TlsLayer layer = handshake(settings)) {
            assertThat(layer.input().read()).as("the server's first byte").isEqualTo('2');
            assertThat(bouncyCastleClients.poll(10, TimeUnit.SECONDS).getCertificateAt(0).getEncoded())
                    .isEqualTo(EC_CLIENT.certificate().getEncoded());
        }
        String expected = hash.isEmpty() ? "SHA-256" : hash.toUpperCase(java.util.Locale.ROOT);
        // The key integrity probe, then the handshake's CertificateVerify: neither asks for another hash.
        assertThat(requests).hasSize(2).allSatisfy(request -> assertThat(request.hashAlgorithm()).isEqualTo(expected));
        assertThat(requests.get(1).signatureScheme()).endsWith("_sha" + expected.substring("SHA-".length()));
    }

    @Test
    void aRestrictionTheServerOffersNoSchemeForFailsTheHandshakeNamingItAndTheSignerSignsNothing() throws Exception {
        server = ClientAuthServers.bouncyCastle(SERVER, List.of(ecdsa(HashAlgorithm.sha256),
                new SignatureAndHashAlgorithm(HashAlgorithm.Intrinsic, SignatureAlgorithm.rsa_pss_rsae_sha256)),
                bouncyCastleClients);
        TlsSettings settings = settings(ClientCertificate.external(List.of(EC_CLIENT.certificate()),
                signerHolding(EC_CLIENT.keys().getPrivate()), ExternalSignRequest.Input.DIGEST,
                ExternalSignOptions.none().withHashAlgorithms(Set.of("SHA-512", "SHA-384"))));

        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
            assertThat(e.getMessage()).contains("localhost:" + server.port())
                    .contains("only with [SHA-256]")
                    .contains("ExternalSignOptions.hashAlgorithms allows only [SHA-384, SHA-512]")
                    .contains("the signer was not called")
                    .contains("Allow one of the server's hashes in the ExternalSignOptions given with"
                            + " client.tls().setClientCertificate(...)");
        });
        // Only the key integrity probe reached the signer, with an allowed hash.
        assertThat(requests).singleElement().satisfies(probe -> assertThat(probe.hashAlgorithm()).isEqualTo("SHA-384"));
        assertThat(bouncyCastleClients).isEmpty();
    }

    /** TLS 1.3 binds ECDSA to the curve's hash: a P-256 key restricted to SHA-384 has no scheme the server takes. */
    @Test
    void inTls13AnRsaKeyFollowsTheRestrictionAndAP256KeyCannot() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        TlsSettings rsa = settings(ClientCertificate.external(List.of(RSA_CLIENT.certificate()),
                signerHolding(RSA_CLIENT.keys().getPrivate()), ExternalSignRequest.Input.DIGEST,
                ExternalSignOptions.none().withHashAlgorithms(Set.of("SHA-512"))));
        try (TlsLayer layer = handshake(rsa)) {
            assertThat(layer.input().read()).as("the server's first byte").isEqualTo('2');
            assertThat(serverSessions.poll(10, TimeUnit.SECONDS).getPeerCertificates()[0])
                    .isEqualTo(RSA_CLIENT.certificate());
        }
        assertThat(requests).extracting(ExternalSignRequest::signatureScheme)
                .containsExactly("rsa_pss_rsae_sha512", "rsa_pss_rsae_sha512");

        requests.clear();
        TlsSettings ec = settings(ClientCertificate.external(List.of(EC_CLIENT.certificate()),
                signerHolding(EC_CLIENT.keys().getPrivate()), ExternalSignRequest.Input.DIGEST,
                ExternalSignOptions.none().withHashAlgorithms(Set.of("SHA-384"))));
        assertThatThrownBy(() -> handshake(ec)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
            assertThat(e.getMessage()).contains("only with [SHA-256]").contains("allows only [SHA-384]");
        });
        assertThat(requests).hasSize(1);
    }

    @Test
    void aHashNoTlsSchemeUsesIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ExternalSignOptions.none().withHashAlgorithms(Set.of("SHA-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ExternalSignOptions.hashAlgorithms").hasMessageContaining("'SHA-1'")
                .hasMessageContaining("SHA-256, SHA-384, SHA-512");
        assertThat(ExternalSignOptions.none().withHashAlgorithms(Set.of("sha-384")).withKeyId("k"))
                .hasToString("ExternalSignOptions[keyId=k, keySecret=null, customParams=[], data=null,"
                        + " hashAlgorithms=[SHA-384]]");
    }

    @Test
    void theDigestInfoOfARsaPkcs1RequestIsWhatARawPaddingSignerSigns() throws Exception {
        byte[] data = "handshake messages".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ExternalSignRequest request = new ExternalSignRequest("rsa_pkcs1_sha256", "SHA-256", "RSA",
                ExternalSignRequest.Input.DIGEST, MessageDigest.getInstance("SHA-256").digest(data),
                ExternalSignOptions.none());
        PrivateKey key = RSA_CLIENT.keys().getPrivate();
        // A signer that pads raw input, as PKCS#11 CKM_RSA_PKCS does, signs the DigestInfo without hashing.
        Signature raw = Signature.getInstance("NONEwithRSA");
        raw.initSign(key);
        raw.update(request.digestInfo());
        Signature usual = Signature.getInstance(request.jcaAlgorithm());
        usual.initSign(key);
        usual.update(data);

        assertThat(request.jcaAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(raw.sign()).isEqualTo(usual.sign());
    }

    @Test
    void aSignerWhoseKeyIsNotTheCertificatesIsRefusedBeforeTheHandshake() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        TlsSettings settings = settings(ClientCertificate.external(List.of(EC_CLIENT.certificate()),
                signerHolding(TestPki.root("Other").keys().getPrivate()), ExternalSignRequest.Input.DATA));

        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("tls().clientCertificate");
        });
    }

    @Test
    void theJsseEngineRefusesAnExternalSignerNamingTheEngineToUse() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        TlsSettings settings = settings(ClientCertificate.external(List.of(EC_CLIENT.certificate()),
                signerHolding(EC_CLIENT.keys().getPrivate()), ExternalSignRequest.Input.DATA));
        settings.setEngine(TlsEngine.JSSE);

        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("external signer").contains("Bouncy Castle");
        });
        assertThat(requests).isEmpty();
    }

    private static SignatureAndHashAlgorithm ecdsa(short hash) {
        return new SignatureAndHashAlgorithm(hash, SignatureAlgorithm.ecdsa);
    }

    /** Signs as a KMS would: in DIGEST mode over the given hash, in DATA mode hashing itself. */
    private ExternalSigner signerHolding(PrivateKey key) {
        return request -> {
            requests.add(request);
            try {
                return sign(key, request);
            } catch (java.security.GeneralSecurityException e) {
                throw new java.io.IOException(e);
            }
        };
    }

    private static byte[] sign(PrivateKey key, ExternalSignRequest request) throws java.security.GeneralSecurityException {
        byte[] data;
        if (request.input() == ExternalSignRequest.Input.DATA) {
            data = request.data();
        } else {
            data = request.hash();
            // The test proves the client hashed what it should: sign the digest as a digest.
            assertThat(data).hasSize(MessageDigest.getInstance(request.hashAlgorithm()).getDigestLength());
        }
        String algorithm;
        if (request.input() == ExternalSignRequest.Input.DATA) {
            algorithm = request.jcaAlgorithm();
        } else if (request.signatureScheme().startsWith("rsa_pss")) {
            algorithm = "NONEwithRSASSA-PSS";
        } else if (request.signatureScheme().startsWith("rsa_pkcs1")) {
            algorithm = "NONEwithRSA";
            data = request.digestInfo();
        } else {
            algorithm = "NONEwithECDSA";
        }
        Signature signature = "NONEwithRSASSA-PSS".equals(algorithm)
                ? Signature.getInstance(algorithm, new org.bouncycastle.jce.provider.BouncyCastleProvider())
                : Signature.getInstance(algorithm);
        signature.initSign(key);
        if (request.pssParameters() != null) {
            signature.setParameter(request.pssParameters());
        }
        signature.update(data);
        return signature.sign();
    }

    private void startRequiringClientCertificates(String version) throws Exception {
        server = ClientAuthServers.jsse(SERVER, CLIENT_CA.certificate(), version, serverSessions);
    }

    private static TlsSettings settings(ClientCertificate certificate) {
        TlsSettings settings = new TlsSettings();
        settings.setEngine(TlsEngine.BOUNCY_CASTLE);
        settings.setTrustedCertificates(List.of(ROOT.certificate()));
        settings.setUseSessionResumption(false);
        settings.setClientCertificate(certificate);
        return settings;
    }

    private TlsLayer handshake(TlsSettings settings) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        return new TlsHandshaker(settings, SmtpListener.NONE).handshake(socket, "localhost", server.port(), true);
    }
}
