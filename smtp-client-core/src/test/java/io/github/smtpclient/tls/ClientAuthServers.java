package io.github.smtpclient.tls;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Queue;
import java.util.Vector;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestPki;

/**
 * In-process implicit-TLS servers that require a client certificate, for the client's side of client authentication.
 * Each greets with {@code 220 hello} after the handshake and reads until the client closes; a refused handshake ends
 * the session quietly.
 */
final class ClientAuthServers {

    private ClientAuthServers() {
    }

    /**
     * A JSSE server speaking only {@code version}, needing a client certificate issued by {@code clientCa} and
     * verifying its CertificateVerify; each session it completes is added to {@code sessions}.
     */
    static LoopbackServer jsse(TestPki.Issued server, X509Certificate clientCa, String version,
            Queue<SSLSession> sessions) throws IOException {
        SSLContext context = server.contextTrusting(clientCa);
        return LoopbackServer.plain(socket -> {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), false);
            ssl.setUseClientMode(false);
            ssl.setEnabledProtocols(new String[] {version});
            ssl.setNeedClientAuth(true);
            try {
                ssl.startHandshake();
            } catch (SSLException refused) {
                LoopbackServer.drain(socket);
                return;
            }
            sessions.add(ssl.getSession());
            LoopbackServer.writeLine(ssl, "220 hello");
            LoopbackServer.drain(ssl);
        });
    }

    /**
     * A TLS 1.2 server on Bouncy Castle's API that requires a client certificate and accepts only
     * {@code clientSchemes} for its CertificateVerify (a JSSE server on Java 17 cannot be told which), verifying the
     * signature with the certificate's key. It trusts any chain: the tests here are about the signature. Each client
     * certificate it accepted is added to {@code clients}. {@code server} must hold a P-256 key.
     */
    static LoopbackServer bouncyCastle(TestPki.Issued server, List<SignatureAndHashAlgorithm> clientSchemes,
            Queue<Certificate> clients) throws IOException {
        return LoopbackServer.plain(socket -> {
            BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
            TlsServerProtocol protocol = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
            try {
                protocol.accept(new DefaultTlsServer(crypto) {
                    @Override
                    protected ProtocolVersion[] getSupportedVersions() {
                        return ProtocolVersion.TLSv12.only();
                    }

                    @Override
                    protected int[] getSupportedCipherSuites() {
                        return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
                    }

                    @Override
                    public CertificateRequest getCertificateRequest() {
                        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign,
                            ClientCertificateType.rsa_sign}, new Vector<>(clientSchemes), null);
                    }

                    @Override
                    public void notifyClientCertificate(Certificate certificate) throws IOException {
                        if (certificate == null || certificate.isEmpty()) {
                            throw new TlsFatalAlert(AlertDescription.handshake_failure);
                        }
                        clients.add(certificate);
                    }

                    @Override
                    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
                        try {
                            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                                    PrivateKeyFactory.createKey(server.keys().getPrivate().getEncoded()),
                                    new Certificate(new TlsCertificate[] {
                                        crypto.createCertificate(server.certificate().getEncoded())}),
                                    new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                        } catch (CertificateEncodingException e) {
                            throw new IOException(e);
                        }
                    }
                });
            } catch (IOException refused) {
                // Bouncy Castle has sent its alert and closed the connection.
                return;
            }
            LoopbackServer.writeLine(protocol.getOutputStream(), "220 hello");
            protocol.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        });
    }
}
