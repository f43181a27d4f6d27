package io.github.smtpclient.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OCSP responder and CRL server for one CA, in the test's JVM, on 127.0.0.1: answers good for every serial
 * unless told it is revoked or unknown, signs with the CA's key (or a delegated responder's), and counts requests.
 * It also makes responses and CRLs without a request, for staples and for the known lists.
 */
public final class TestRevocationServer implements AutoCloseable {

    private final TestPki.Issued ca;
    private final HttpServer server;
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final List<BigInteger> unknown = new CopyOnWriteArrayList<>();
    private final List<ASN1ObjectIdentifier> requestedHashes = new CopyOnWriteArrayList<>();
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private final AtomicInteger crlRequests = new AtomicInteger();
    private volatile Duration nextUpdate = Duration.ofHours(1);
    private volatile TestPki.Issued responder;
    private volatile boolean wrongNonce;
    private volatile Duration delay = Duration.ZERO;
    private volatile Duration drip;
    private volatile int crlPadding;

    private TestRevocationServer(TestPki.Issued ca) throws IOException {
        this.ca = ca;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/ocsp", this::answerOcsp);
        server.createContext("/crl", this::serveCrl);
        server.start();
    }

    /** A server answering for the certificates {@code ca} issued. */
    public static TestRevocationServer start(TestPki.Issued ca) {
        try {
            return new TestRevocationServer(ca);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An http: URL nothing listens on. */
    public static String unreachableUrl() {
        return "http://127.0.0.1:1/unreachable";
    }

    public String ocspUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
    }

    public String crlUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crl";
    }

    /** Marks the certificate revoked (keyCompromise) in OCSP answers and the CRL. */
    public void revoke(X509Certificate certificate) {
        revoked.put(certificate.getSerialNumber(), Instant.now().minus(Duration.ofMinutes(10)));
    }

    /** Makes OCSP answer "unknown" for the certificate. */
    public void forget(X509Certificate certificate) {
        unknown.add(certificate.getSerialNumber());
    }

    /** The nextUpdate of answers and CRLs, from now; {@code null} leaves it out. */
    public void nextUpdate(Duration fromNow) {
        this.nextUpdate = fromNow;
    }

    /** Signs OCSP answers with this delegated responder instead of the CA. */
    public void delegateTo(TestPki.Issued responder) {
        this.responder = responder;
    }

    /** Echoes a nonce that is not the request's. */
    public void echoWrongNonce() {
        this.wrongNonce = true;
    }

    /** Waits this long before answering. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Sends the headers at once, then the body one byte per {@code interval}. */
    public void drip(Duration interval) {
        this.drip = interval;
    }

    /** Pads the CRL with this many revoked made-up serials (to make it large). */
    public void padCrl(int entries) {
        this.crlPadding = entries;
    }

    public int ocspRequests() {
        return ocspRequests.get();
    }

    public int crlRequests() {
        return crlRequests.get();
    }

    /** The CertID hash algorithms of the requests received. */
    public List<ASN1ObjectIdentifier> requestedHashes() {
        return List.copyOf(requestedHashes);
    }

    /** A DER OCSP response for {@code certificate}, as a server would staple it. */
    public byte[] responseFor(X509Certificate certificate) {
        try {
            CertificateID id = new JcaCertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), ca.certificate(), certificate.getSerialNumber());
            return respond(List.of(id), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CRL as it is served now. */
    public X509CRL crl() {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(now.minus(Duration.ofMinutes(1))));
            if (nextUpdate != null) {
                builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
            }
            revoked.forEach((serial, at) -> builder.addCRLEntry(serial, Date.from(at),
                    org.bouncycastle.asn1.x509.CRLReason.keyCompromise));
            for (int i = 0; i < crlPadding; i++) {
                builder.addCRLEntry(BigInteger.valueOf(1_000_000_000L + i), Date.from(now),
                        org.bouncycastle.asn1.x509.CRLReason.superseded);
            }
            return new JcaX509CRLConverter().getCRL(builder.build(signer(ca)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void answerOcsp(HttpExchange exchange) throws IOException {
        ocspRequests.incrementAndGet();
        pause();
        try (InputStream in = exchange.getRequestBody()) {
            OCSPReq request = new OCSPReq(in.readAllBytes());
            List<CertificateID> ids = new ArrayList<>();
            for (Req single : request.getRequestList()) {
                ids.add(single.getCertID());
                requestedHashes.add(single.getCertID().getHashAlgOID());
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            send(exchange, "application/ocsp-response", respond(ids, nonce));
        } catch (Exception e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        }
    }

    private byte[] respond(List<CertificateID> ids, Extension nonce) throws Exception {
        TestPki.Issued signer = responder != null ? responder : ca;
        X509CertificateHolder signerHolder = new JcaX509CertificateHolder(signer.certificate());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(signerHolder.getSubject()));
        Instant now = Instant.now();
        for (CertificateID id : ids) {
            CertificateStatus status = CertificateStatus.GOOD;
            Instant revokedAt = revoked.get(id.getSerialNumber());
            if (revokedAt != null) {
                status = new RevokedStatus(Date.from(revokedAt), org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
            } else if (unknown.contains(id.getSerialNumber())) {
                status = new UnknownStatus();
            }
            builder.addResponse(id, status, Date.from(now.minus(Duration.ofMinutes(1))),
                    nextUpdate == null ? null : Date.from(now.plus(nextUpdate)), null);
        }
        if (nonce != null) {
            Extension echoed = wrongNonce ? new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new DEROctetString(new byte[] {1, 2, 3}).getEncoded())) : nonce;
            builder.setResponseExtensions(new Extensions(echoed));
        }
        X509CertificateHolder[] chain = responder != null ? new X509CertificateHolder[] {signerHolder} : null;
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(signer(signer), chain,
                Date.from(now))).getEncoded();
    }

    private void serveCrl(HttpExchange exchange) throws IOException {
        crlRequests.incrementAndGet();
        pause();
        try {
            send(exchange, "application/pkix-crl", crl().getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IOException(e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        Duration interval = drip;
        try (OutputStream out = exchange.getResponseBody()) {
            if (interval == null) {
                out.write(body);
                return;
            }
            for (byte b : body) {
                out.write(b);
                out.flush();
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGaveUp) {
            // The client abandoned the exchange, which is what a dripping server tests.
        }
    }

    private static org.bouncycastle.operator.ContentSigner signer(TestPki.Issued issued) throws Exception {
        String algorithm = issued.keys().getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaContentSignerBuilder(algorithm).build(issued.keys().getPrivate());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
