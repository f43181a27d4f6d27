package io.github.smtpclient.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsClientContext;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.tls.validation.CertificateInfo;
import io.github.smtpclient.tls.validation.ValidationResult;

/**
 * TLS on Bouncy Castle's own TLS API: a {@link TlsClientProtocol} over the connected socket's streams, driven by a
 * {@link SmtpTlsClient} with {@link ObservingCrypto}. Everything {@link TlsConnectionInfo} reports is read from the
 * connection's security parameters or watched during the handshake.
 */
final class BcEngine {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TlsSettings settings;

    BcEngine(TlsSettings settings) {
        this.settings = settings;
    }

    TlsLayer handshake(Socket connected, HandshakeRequest request, HandshakeVerdict verdict) throws SmtpException {
        if (settings.getPreSharedKey() != null) {
            return pskHandshake(connected, request, verdict);
        }
        BcObservations observations = new BcObservations();
        TlsSession toResume = settings.isUseSessionResumption() ? settings.getSessionCache().bouncyCastleSession(
                request.host(), request.port(), connected.getInetAddress(), settings.isForceResumeIfDestinationChanges())
                : null;
        SecureRandom random = settings.getSecureRandom() != null ? settings.getSecureRandom() : RANDOM;
        SmtpTlsClient client = new SmtpTlsClient(new ObservingCrypto(random, observations), settings, versions(),
                cipherSuites(), SmtpTlsClient.serverNameFor(request.host(), settings.getSniHostName()), verdict,
                toResume, observations);
        ClosingTlsClientProtocol protocol;
        try {
            protocol = new ClosingTlsClientProtocol(connected.getInputStream(), connected.getOutputStream());
            protocol.connect(client);
        } catch (IOException | RuntimeException e) {
            if (verdict.rejection().isPresent()) {
                throw verdict.rejection().get();
            }
            throw HandshakeFailures.describe(e instanceof IOException io ? io : new IOException(e), request, settings,
                    List.of(), observations.isClientAuthRequested());
        }
        TlsClientContext context = client.context();
        SecurityParameters parameters = context.getSecurityParametersConnection();
        List<X509Certificate> chain;
        try {
            chain = SmtpTlsClient.x509Chain(parameters.getPeerCertificate());
        } catch (IOException e) {
            closeQuietly(protocol);
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the certificate of the resumed session with "
                    + request.host() + ":" + request.port() + " cannot be read: " + e.getMessage(), e);
        }
        // A resumed session presents no certificate: its chain (from the original handshake) is judged now.
        if (!verdict.hasDecided() && !verdict.decide(chain, List.of())) {
            closeQuietly(protocol);
            throw verdict.rejection().orElseThrow();
        }
        if (settings.isUseSessionResumption()) {
            settings.getSessionCache().keep(request.host(), request.port(), connected.getInetAddress(),
                    context.getResumableSession());
        }
        return new BcLayer(protocol, connected, settings.getCloseNotifyWait(),
                info(parameters, chain, verdict.result(), observations, null), exporter(observations));
    }

    /**
     * A handshake authenticated by the pre-shared key alone: the server presents no certificate, so there is no chain
     * to validate and no session is kept for resumption.
     */
    private TlsLayer pskHandshake(Socket connected, HandshakeRequest request, HandshakeVerdict verdict)
            throws SmtpException {
        BcObservations observations = new BcObservations();
        SecureRandom random = settings.getSecureRandom() != null ? settings.getSecureRandom() : RANDOM;
        PskTlsClient client = new PskTlsClient(new ObservingCrypto(random, observations), settings,
                PskSuites.offer(settings), SmtpTlsClient.serverNameFor(request.host(), settings.getSniHostName()),
                verdict, observations);
        ClosingTlsClientProtocol protocol;
        try {
            protocol = new ClosingTlsClientProtocol(connected.getInputStream(), connected.getOutputStream());
            protocol.connect(client);
        } catch (IOException | RuntimeException e) {
            throw PskFailures.describe(e instanceof IOException io ? io : new IOException(e), request, settings,
                    client.refusedInTls13());
        }
        SecurityParameters parameters = client.context().getSecurityParametersConnection();
        TlsConnectionInfo info = info(parameters, List.of(), ValidationResult.notValidated(List.of()), observations,
                client.identityHint());
        return new BcLayer(protocol, connected, settings.getCloseNotifyWait(), info, exporter(observations));
    }

    /** The tls-exporter binding watched at the end of a TLS 1.3 handshake, or {@code null}. */
    private static ChannelBinding exporter(BcObservations observations) {
        byte[] exported = observations.exporterBinding();
        return exported == null ? null : ChannelBinding.of(ChannelBinding.TLS_EXPORTER, exported);
    }

    /** @param identityHint the server's PSK identity hint, or {@code null} (also for certificate handshakes) */
    private TlsConnectionInfo info(SecurityParameters parameters, List<X509Certificate> chain,
            ValidationResult validation, BcObservations observations, String identityHint) {
        boolean tls13 = ProtocolVersion.TLSv13.equals(parameters.getNegotiatedVersion());
        int group = parameters.getNegotiatedGroup() >= 0 ? parameters.getNegotiatedGroup() : observations.tls12Group();
        TlsConnectionInfo.Builder builder = TlsConnectionInfo.builder(TlsEngine.BOUNCY_CASTLE)
                .negotiated(versionName(parameters.getNegotiatedVersion()), SuiteFacts.nameOf(parameters.getCipherSuite()))
                .peerCertificates(chain)
                .validation(validation)
                .resumedSession(parameters.isResumedSession())
                .clientAuth(observations.isClientAuthRequested(), parameters.getLocalCertificate() != null
                        && !parameters.getLocalCertificate().isEmpty())
                .prfHash(hashName(parameters.getPRFCryptoHashAlgorithm()))
                .extendedMasterSecret(tls13 || parameters.isExtendedMasterSecret())
                .connectionId(observations.connectionId() == null ? null
                        : HexFormat.of().withUpperCase().formatHex(observations.connectionId()));
        if (settings.getPreSharedKey() != null) {
            builder.preSharedKey(settings.getPreSharedKey().identity(), identityHint);
        }
        if (group >= 0) {
            builder.group(NamedGroup.getName(group), groupBits(group), tls13 ? keyExchangeOf(group) : null);
        } else if (parameters.getKeyExchangeAlgorithm() == KeyExchangeAlgorithm.RSA && !chain.isEmpty()) {
            CertificateInfo.of(chain.get(0)).keyBits().ifPresent(builder::keyExchangeKeyBits);
        }
        if (tls13) {
            builder.tls13ForwardSecret(group >= 0);
        }
        if (observations.signatureScheme() >= 0) {
            builder.signatureAlgorithm(SignatureScheme.getName(observations.signatureScheme()));
        }
        return builder.build();
    }

    private ProtocolVersion[] versions() {
        List<ProtocolVersion> versions = new ArrayList<>();
        for (String name : settings.getVersions()) {
            versions.add(switch (name) {
                case "TLSv1.3" -> ProtocolVersion.TLSv13;
                case "TLSv1.2" -> ProtocolVersion.TLSv12;
                case "TLSv1.1" -> ProtocolVersion.TLSv11;
                default -> ProtocolVersion.TLSv10;
            });
        }
        versions.sort((a, b) -> b.getFullVersion() - a.getFullVersion());
        return versions.toArray(ProtocolVersion[]::new);
    }

    private int[] cipherSuites() throws SmtpException {
        int[] codes = new int[settings.getCipherSuites().size()];
        for (int i = 0; i < codes.length; i++) {
            String name = settings.getCipherSuites().get(i);
            codes[i] = SuiteFacts.codeOf(name);
            if (codes[i] < 0) {
                throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "the Bouncy Castle TLS engine does not know the "
                        + "cipher suite '" + name + "' in tls().cipherSuites; use standard names such as "
                        + "TLS_AES_128_GCM_SHA256 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            }
        }
        return codes;
    }

    private static String versionName(ProtocolVersion version) {
        return version.getName().replace("TLS ", "TLSv").replace("SSL ", "SSLv");
    }

    /**
     * The size of the group's field in bits (256 for secp256r1, 2048 for ffdhe2048). For the RFC 7748 curves Bouncy
     * Castle's table gives the bits of the group order (252 for x25519, 446 for x448), so their field sizes, which
     * name those curves, are given here: 255 and 448.
     */
    private static int groupBits(int group) {
        if (group == NamedGroup.x25519) {
            return 255;
        }
        if (group == NamedGroup.x448) {
            return 448;
        }
        return NamedGroup.isFiniteField(group) ? NamedGroup.getFiniteFieldBits(group) : NamedGroup.getCurveBits(group);
    }

    private static String keyExchangeOf(int group) {
        if (NamedGroup.isFiniteField(group)) {
            return "DHE";
        }
        return NamedGroup.refersToAnECDHCurve(group) || NamedGroup.refersToAnXDHCurve(group) ? "ECDHE" : "KEM";
    }

    private static String hashName(int cryptoHashAlgorithm) {
        return switch (cryptoHashAlgorithm) {
            case CryptoHashAlgorithm.sha256 -> "SHA256";
            case CryptoHashAlgorithm.sha384 -> "SHA384";
            case CryptoHashAlgorithm.sha512 -> "SHA512";
            case CryptoHashAlgorithm.sha1 -> "SHA1";
            default -> null;
        };
    }

    private static void closeQuietly(TlsClientProtocol protocol) {
        try {
            protocol.close();
        } catch (IOException alreadyBroken) {
            // The connection is being abandoned.
        }
    }

    /** A Bouncy Castle connection as a {@link TlsLayer}. */
    private static final class BcLayer implements TlsLayer {

        private final ClosingTlsClientProtocol protocol;
        private final Socket socket;
        private final Duration closeNotifyWait;
        private final TlsConnectionInfo info;
        private final ChannelBinding exporter;
        private volatile boolean closeNotifyReceived;

        /** @param exporter the tls-exporter binding of TLS 1.3, or {@code null} on TLS 1.2 */
        BcLayer(ClosingTlsClientProtocol protocol, Socket socket, Duration closeNotifyWait, TlsConnectionInfo info,
                ChannelBinding exporter) {
            this.protocol = protocol;
            this.socket = socket;
            this.closeNotifyWait = closeNotifyWait;
            this.info = info;
            this.exporter = exporter;
        }

        /** tls-exporter on TLS 1.3 (RFC 9266), else tls-server-end-point. */
        @Override
        public Optional<ChannelBinding> channelBinding() {
            return exporter != null ? Optional.of(exporter) : TlsLayer.super.channelBinding();
        }

        @Override
        public InputStream input() {
            return protocol.getInputStream();
        }

        @Override
        public OutputStream output() {
            return protocol.getOutputStream();
        }

        @Override
        public TlsConnectionInfo info() {
            return info;
        }

        /** Bouncy Castle's read returns -1 only for a close_notify; a TCP close without one fails the read. */
        @Override
        public void close() throws IOException {
            try {
                if (!closeNotifyWait.isZero() && !protocol.isClosed()) {
                    protocol.sendCloseNotify();
                    closeNotifyReceived = CloseNotifyWait.await(socket, closeNotifyWait,
                            buffer -> protocol.readApplicationData(buffer, 0, buffer.length));
                }
            } finally {
                protocol.close();
            }
        }

        @Override
        public boolean closeNotifyReceived() {
            return closeNotifyReceived;
        }
    }
}
