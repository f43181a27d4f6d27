package io.github.smtpclient.testing;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;

import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import io.github.smtpclient.ChannelBinding;

/**
 * A TLS 1.3 server on Bouncy Castle's own API ({@code TlsServerProtocol}), presenting the server certificate of
 * {@link TestCertificates}, for what a JSSE server cannot give: the tls-exporter channel binding (RFC 9266) of its own
 * end of the channel, exported by the server side of the handshake, not by the client code under test. One instance
 * serves one connection (see {@link ScriptedSmtpServer#startTls(BcExporterServer)}).
 */
public final class BcExporterServer extends DefaultTlsServer {

    private final TestCertificates certificates;
    private volatile ChannelBinding exporter;

    public BcExporterServer(TestCertificates certificates) {
        super(new BcTlsCrypto(new SecureRandom()));
        this.certificates = certificates;
    }

    /** The server's tls-exporter binding, once the handshake has completed. */
    public ChannelBinding exporterBinding() {
        if (exporter == null) {
            throw new IllegalStateException("the TLS handshake has not completed");
        }
        return exporter;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv13.only();
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
        try {
            TlsCertificate leaf = crypto.createCertificate(certificates.serverCertificate().getEncoded());
            TlsCertificate ca = crypto.createCertificate(certificates.caCertificate().getEncoded());
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                    PrivateKeyFactory.createKey(certificates.serverPrivateKey().getEncoded()),
                    // TLS 1.3 certificates carry a (here empty) certificate_request_context (RFC 8446 4.4.2)
                    new Certificate(TlsUtils.EMPTY_BYTES, new CertificateEntry[] {
                        new CertificateEntry(leaf, null), new CertificateEntry(ca, null)}),
                    SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    /** Bouncy Castle exports keying material only here. */
    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        exporter = ChannelBinding.of(ChannelBinding.TLS_EXPORTER,
                context.exportChannelBinding(org.bouncycastle.tls.ChannelBinding.tls_exporter));
    }
}
