package io.github.smtpclient.testing;

import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.Hashtable;

import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerHello;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The server side of a TLS 1.2 handshake on Bouncy Castle's API, with an ECDSA certificate, for the quirks no real
 * server produces on demand: a server that does not agree to the extended master secret (RFC 7627), or one that
 * leaves renegotiation_info (RFC 5746) out of its ServerHello as servers from before 2010 did. OpenSSL and SunJSSE
 * always answer the client's offer of either.
 */
public final class BcTlsServer {

    private final TestPki.Issued leaf;
    private boolean extendedMasterSecret = true;
    private boolean renegotiationInfo = true;

    public BcTlsServer(TestPki.Issued leaf) {
        this.leaf = leaf;
    }

    /** Declines the client's extended master secret. */
    public BcTlsServer withoutExtendedMasterSecret() {
        this.extendedMasterSecret = false;
        return this;
    }

    /** Sends its ServerHello without renegotiation_info, though the client offered it. */
    public BcTlsServer withoutRenegotiationInfo() {
        this.renegotiationInfo = false;
        return this;
    }

    /** Completes the handshake on {@code socket}; read and write through the returned protocol's streams. */
    public TlsServerProtocol accept(Socket socket) throws IOException {
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        TlsServerProtocol protocol = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream()) {
            @Override
            protected void sendServerHelloMessage(ServerHello serverHello) throws IOException {
                if (!renegotiationInfo) {
                    Hashtable<?, ?> extensions = serverHello.getExtensions();
                    extensions.remove(EXT_RenegotiationInfo);
                }
                super.sendServerHelloMessage(serverHello);
            }
        };
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
            public boolean shouldUseExtendedMasterSecret() {
                return extendedMasterSecret;
            }

            @Override
            protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
                try {
                    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                            PrivateKeyFactory.createKey(leaf.keys().getPrivate().getEncoded()),
                            new Certificate(new TlsCertificate[] {crypto.createCertificate(leaf.certificate().getEncoded())}),
                            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                } catch (CertificateEncodingException e) {
                    throw new IOException(e);
                }
            }
        });
        return protocol;
    }
}
