package io.github.smtpclient.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CertificateStatus;
import org.bouncycastle.tls.CertificateStatusType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsKeyExchangeFactory;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsKeyExchange;
import org.bouncycastle.tls.TlsKeyExchangeFactory;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.util.IPAddress;

/**
 * The Bouncy Castle engine's client side of one handshake: offers the configured versions, cipher suites, SNI and an
 * OCSP status request, offers a session to resume, hands the server's chain and stapled response to the
 * {@link HandshakeVerdict}, and keeps the context for {@link BcEngine} to read what was negotiated.
 */
class SmtpTlsClient extends DefaultTlsClient {

    /** Exporter label of the connection ID (RFC 5705 reserves the EXPERIMENTAL prefix for such private uses). */
    static final String CONNECTION_ID_LABEL = "EXPERIMENTAL-smtp-client-connection-id";
    private static final int CONNECTION_ID_BYTES = 16;

    private final ProtocolVersion[] versions;
    private final int[] offeredSuites;
    private final String serverName;
    private final HandshakeVerdict verdict;
    private final TlsSession sessionToResume;
    private final BcObservations observations;
    private final TlsSettings settings;

    /**
     * @param cipherSuites the suites to offer, or an empty array for Bouncy Castle's defaults
     * @param serverName   the SNI name, or {@code null} for none
     */
    SmtpTlsClient(ObservingCrypto crypto, TlsSettings settings, ProtocolVersion[] versions, int[] cipherSuites,
            String serverName, HandshakeVerdict verdict, TlsSession sessionToResume, BcObservations observations) {
        super(crypto);
        this.settings = settings;
        this.versions = versions.clone();
        this.offeredSuites = cipherSuites.clone();
        this.serverName = serverName;
        this.verdict = verdict;
        this.sessionToResume = sessionToResume;
        this.observations = observations;
    }

    /** The context of the handshake, once it has begun. */
    org.bouncycastle.tls.TlsClientContext context() {
        return context;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        int[] suites = offeredSuites.length == 0 ? super.getSupportedCipherSuites()
                : TlsUtils.getSupportedCipherSuites(getCrypto(), offeredSuites);
        if (settings.isFiniteFieldDhe()) {
            return suites;
        }
        return Arrays.stream(suites).filter(suite -> {
            int keyExchange = TlsUtils.getKeyExchangeAlgorithm(suite);
            return keyExchange != KeyExchangeAlgorithm.DHE_RSA && keyExchange != KeyExchangeAlgorithm.DHE_DSS;
        }).toArray();
    }

    /** The configured groups (else Bouncy Castle's), without the finite-field ones when those are forbidden. */
    @Override
    protected Vector<Integer> getSupportedGroups(@SuppressWarnings("rawtypes") Vector namedGroupRoles) {
        Vector<Integer> groups = new Vector<>();
        if (settings.getNamedGroups().isEmpty()) {
            for (Object group : super.getSupportedGroups(namedGroupRoles)) {
                groups.add((Integer) group);
            }
        } else {
            for (String name : settings.getNamedGroups()) {
                int group = BcNamedGroups.codeOf(name);
                if (getCrypto().hasNamedGroup(group)) {
                    groups.add(group);
                }
            }
        }
        if (!settings.isFiniteFieldDhe()) {
            groups.removeIf(NamedGroup::isFiniteField);
        }
        return groups;
    }

    /** The key share of a TLS 1.3 ClientHello goes to the first configured group (Bouncy Castle prefers x25519). */
    @Override
    @SuppressWarnings("rawtypes")
    public Vector getEarlyKeyShareGroups() {
        if (settings.getNamedGroups().isEmpty() || supportedGroups == null || supportedGroups.isEmpty()) {
            return super.getEarlyKeyShareGroups();
        }
        return TlsUtils.vectorOfOne(supportedGroups.elementAt(0));
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return settings.getExtendedMasterSecret() == ExtendedMasterSecret.REQUIRED;
    }

    @Override
    public boolean shouldUseExtendedMasterSecret() {
        return settings.getExtendedMasterSecret() != ExtendedMasterSecret.OFF;
    }

    /** Called for TLS 1.2 only: Bouncy Castle refuses a server without RFC 5746 unless the setting allows it. */
    @Override
    public void notifySecureRenegotiation(boolean secureRenegotiation) throws IOException {
        if (!secureRenegotiation && settings.getSecureRenegotiation() == SecureRenegotiation.REQUIRED) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, HandshakeFailures.NO_SECURE_RENEGOTIATION);
        }
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        if (serverName == null) {
            return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, serverName.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    /** Keying material can be exported only here (Bouncy Castle forbids it once the handshake has returned). */
    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        try {
            observations.connectionId(context.exportKeyingMaterial(CONNECTION_ID_LABEL, null, CONNECTION_ID_BYTES));
        } catch (IllegalStateException exporterUnavailable) {
            // TLS 1.2 without extended master secret has no safe exporter (RFC 7627); the connection has no ID then.
        }
        // RFC 9266 section 2: label EXPORTER-Channel-Binding, empty context, 32 bytes. Only on TLS 1.3: there "no
        // context" and "empty context" are the same (RFC 8446 section 7.5), while on TLS 1.2 (RFC 5705) they differ,
        // and OpenSSL's s_server -keymatexport exports with none where Bouncy Castle's binding uses an empty one.
        if (TlsUtils.isTLSv13(context)) {
            observations.exporterBinding(
                    context.exportChannelBinding(org.bouncycastle.tls.ChannelBinding.tls_exporter));
        }
    }

    @Override
    public TlsSession getSessionToResume() {
        return sessionToResume;
    }

    @Override
    public TlsKeyExchangeFactory getKeyExchangeFactory() {
        return new DefaultTlsKeyExchangeFactory() {
            @Override
            public TlsKeyExchange createECDHEKeyExchangeClient(int keyExchange) {
                return observations.ecdhe(keyExchange);
            }

            @Override
            public TlsKeyExchange createDHEKeyExchangeClient(int keyExchange, TlsDHGroupVerifier verifier) {
                return observations.dhe(keyExchange, verifier);
            }
        };
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                List<X509Certificate> chain = x509Chain(serverCertificate.getCertificate());
                if (!verdict.decide(chain, staples(serverCertificate))) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate);
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                observations.clientAuthRequested();
                ClientCertificate own = settings.getClientCertificate();
                return own == null ? null : BcClientCredentials.signer(context, (BcTlsCrypto) getCrypto(), own, request);
            }
        };
    }

    static List<X509Certificate> x509Chain(Certificate certificate) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        if (certificate == null) {
            return chain;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certificate.getLength(); i++) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(certificate.getCertificateAt(i).getEncoded())));
            }
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, e);
        }
        return chain;
    }

    /**
     * The OCSP response stapled for the leaf: in TLS 1.2 the CertificateStatus message, in TLS 1.3 the
     * status_request extension of the leaf's CertificateEntry (RFC 8446 4.4.2.1).
     */
    private static List<byte[]> staples(TlsServerCertificate serverCertificate) throws IOException {
        CertificateStatus status = serverCertificate.getCertificateStatus();
        if (status != null) {
            if (status.getStatusType() == CertificateStatusType.ocsp) {
                return List.of(status.getOCSPResponse().getEncoded());
            }
            if (status.getStatusType() == CertificateStatusType.ocsp_multi && !status.getOCSPResponseList().isEmpty()
                    && status.getOCSPResponseList().get(0) instanceof OCSPResponse first) {
                return List.of(first.getEncoded());
            }
            return List.of();
        }
        CertificateEntry[] entries = serverCertificate.getCertificate().getCertificateEntryList();
        if (entries == null || entries.length == 0 || entries[0].getExtensions() == null) {
            return List.of();
        }
        Hashtable<?, ?> extensions = entries[0].getExtensions();
        return extensions.get(TlsExtensionsUtils.EXT_status_request) instanceof byte[] data ? tls13Staple(data)
                : List.of();
    }

    /** {@code struct { CertificateStatusType status_type = ocsp(1); opaque OCSPResponse<1..2^24-1>; }} */
    private static List<byte[]> tls13Staple(byte[] data) {
        if (data.length < 4 || data[0] != CertificateStatusType.ocsp) {
            return List.of();
        }
        int length = ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        return length == data.length - 4 ? List.of(Arrays.copyOfRange(data, 4, data.length)) : List.of();
    }

    /** The SNI name for {@code host}: none for an IP literal (RFC 6066 3). */
    static String serverNameFor(String host, String sniOverride) {
        if (sniOverride != null) {
            return sniOverride;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return IPAddress.isValid(bare) ? null : host;
    }
}
