package io.github.smtpclient.tls.revocation;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Finds out whether one certificate is revoked, asking the sources that {@link RevocationSettings#getCheck()}
 * names in their order until one answers definitely: stapled OCSP responses, responses and CRLs the application
 * supplied, cached answers, the OCSP responders of the certificate's authorityInfoAccess and the CRLs of its
 * distribution points. Every source asked is recorded in {@link RevocationAnswer#attempts()}. Thread-safe.
 */
public final class RevocationChecker {

    private static final String OCSP_REQUEST = "application/ocsp-request";

    private final RevocationSettings settings;
    private final RevocationCache cache;
    private final Clock clock;
    private final HttpFetcher http;

    /** A checker applying a copy of {@code settings}, keeping answers in {@code cache}, judging time by {@code clock}. */
    public RevocationChecker(RevocationSettings settings, RevocationCache cache, Clock clock) {
        this.settings = settings.copy();
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new HttpFetcher(this.settings.getTimeout(), this.settings.getDownloadLimit());
    }

    /** Whether any check is configured. */
    public boolean isEnabled() {
        return settings.getCheck() != RevocationCheck.NONE;
    }

    /** Whether an unknown status is accepted with a warning. */
    public boolean isSoftFail() {
        return settings.isSoftFail();
    }

    /**
     * The status of {@code certificate}.
     *
     * @param issuer  the certificate that issued it, whose key signs its OCSP responses and CRLs
     * @param staples OCSP responses the server stapled to the handshake (for its own certificate); may be empty
     */
    public RevocationAnswer check(X509Certificate certificate, X509Certificate issuer, List<byte[]> staples) {
        Instant now = clock.instant();
        List<String> attempts = new ArrayList<>();
        for (Source source : sources()) {
            for (Attempt attempt : source.attempts(this, certificate, issuer, staples, now)) {
                SourceAnswer answer = attempt.run();
                attempts.add(attempt.name() + ": " + answer.detail());
                if (answer.isDefinite()) {
                    return new RevocationAnswer(answer.status(), attempt.name(), answer.revokedAt(), answer.reason(),
                            attempts);
                }
            }
        }
        if (attempts.isEmpty()) {
            attempts.add("no source: the certificate names no OCSP responder or CRL location, and none was supplied");
        }
        return new RevocationAnswer(RevocationAnswer.Status.UNKNOWN, null, null, null, attempts);
    }

    private List<Source> sources() {
        return switch (settings.getCheck()) {
            case NONE -> List.of();
            case OCSP -> List.of(Source.STAPLED_OCSP, Source.KNOWN_OCSP, Source.CACHED_OCSP, Source.ONLINE_OCSP);
            case CRL -> List.of(Source.KNOWN_CRL, Source.CACHED_CRL, Source.ONLINE_CRL);
            case OCSP_THEN_CRL -> List.of(Source.STAPLED_OCSP, Source.KNOWN_OCSP, Source.CACHED_OCSP, Source.ONLINE_OCSP,
                    Source.KNOWN_CRL, Source.CACHED_CRL, Source.ONLINE_CRL);
            case ANY -> List.of(Source.STAPLED_OCSP, Source.KNOWN_OCSP, Source.KNOWN_CRL, Source.CACHED_OCSP,
                    Source.CACHED_CRL, Source.ONLINE_OCSP, Source.ONLINE_CRL);
        };
    }

    /** One question to one source. */
    private record Attempt(String name, AttemptBody body) {
        SourceAnswer run() {
            return body.run();
        }
    }

    @FunctionalInterface
    private interface AttemptBody {
        SourceAnswer run();
    }

    /** The kinds of source, each giving the attempts it can make for one certificate. */
    private enum Source {
        STAPLED_OCSP {
            @Override
            List<Attempt> attempts(RevocationChecker checker, X509Certificate certificate, X509Certificate issuer,
                    List<byte[]> staples, Instant now) {
                return staples.stream().map(staple -> new Attempt("stapled OCSP response",
                        () -> checker.remember(OcspResponses.judge(staple, certificate, issuer, now, null),
                                ocspKey(certificate, issuer), staple))).toList();
            }
        },
        KNOWN_OCSP {
            @Override
            List<Attempt> attempts(RevocationChecker checker, X509Certificate certificate, X509Certificate issuer,
                    List<byte[]> staples, Instant now) {
                List<Attempt> attempts = new ArrayList<>();
                for (byte[] response : checker.settings.knownOcspResponsesShared()) {
                    SourceAnswer answer = OcspResponses.judge(response, certificate, issuer, now, null);
                    if (answer.isDefinite() || !answer.detail().contains("does not name this certificate")) {
                        attempts.add(new Attempt("known OCSP response", () -> answer));
                    }
                }
                return attempts;
            }
        },
        CACHED_OCSP {
            @Override
            List<Attempt> attempts(RevocationChecker checker, X509Certificate certificate, X509Certificate issuer,
                    List<byte[]> staples, Instant now) {
                Optional<byte[]> cached = checker.cache.get(ocspKey(certificate, issuer), byte[].class, now);
                return cached.map(response -> List.of(new Attempt("cached OCSP response",
                        () -> OcspResponses.judge(response, certificate, issuer, now, null)))).orElse(List.of());
            }
        },
        ONLINE_OCSP {
            @Override
            List<Attempt> attempts(RevocationChecker checker, X509Certificate certificate, X509Certificate issuer,
                    List<byte[]> staples, Instant now) {
                return ocspLocations(certificate).stream().map(location -> new Attempt("OCSP " + location,
                        () -> checker.askResponder(location, certificate, issuer))).toList();
            }
        },
        KNOWN_CRL {
            @Override
            List<Attempt> attempts(RevocationChecker checker, X509Certificate certificate, X509Certificate issuer,
                    List<byte[]> staples, Instant now) {
                return checker.settings.getKnownCrls().stream().filter(crl -> CrlChecks.isIssuedBy(crl, issuer))
                        .map(crl -> new Attempt("known CRL", () -> CrlChecks.judge(crl, certificate, issuer, now)))
                        .toList();
            }
        },
        CACHED_CRL {
            @Override
            List<Attempt> attempts(RevocationChecker checker, X509Certificate certificate, X509Certificate issuer,
                    List<byte[]> staples, Instant now) {
                List<Attempt> attempts = new ArrayList<>();
                for (String location : crlLocations(certificate)) {
                    checker.cache.get(crlKey(location), X509CRL.class, now).ifPresent(crl -> attempts.add(
                            new Attempt("cached CRL " + location, () -> CrlChecks.judge(crl, certificate, issuer, now))));
                }
                return attempts;
            }
        },
        ONLINE_CRL {
            @Override
            List<Attempt> attempts(RevocationChecker checker, X509Certificate certificate, X509Certificate issuer,
                    List<byte[]> staples, Instant now) {
                return crlLocations(certificate).stream().map(location -> new Attempt("CRL " + location,
                        () -> checker.downloadCrl(location, certificate, issuer))).toList();
            }
        };

        abstract List<Attempt> attempts(RevocationChecker checker, X509Certificate certificate, X509Certificate issuer,
                List<byte[]> staples, Instant now);
    }

    /** Asks one OCSP responder; the answer is judged at the time it arrives, not when validation started. */
    private SourceAnswer askResponder(String location, X509Certificate certificate, X509Certificate issuer) {
        if (!HttpFetcher.isFetchable(location)) {
            return SourceAnswer.none("skipped: only http: responders are asked");
        }
        try {
            OcspResponses.Request request = OcspResponses.request(certificate, issuer, settings.getOcspHashAlgorithm());
            byte[] response = http.post(location, OCSP_REQUEST, request.encoded());
            return remember(OcspResponses.judge(response, certificate, issuer, clock.instant(), request.nonce()),
                    ocspKey(certificate, issuer), response);
        } catch (IOException e) {
            return SourceAnswer.none("no answer: " + e.getMessage());
        }
    }

    /** Downloads one CRL; it is judged at the time it arrives, not when validation started. */
    private SourceAnswer downloadCrl(String location, X509Certificate certificate, X509Certificate issuer) {
        if (!HttpFetcher.isFetchable(location)) {
            return SourceAnswer.none("skipped: only http: CRL locations are fetched");
        }
        try {
            X509CRL crl = CrlChecks.parse(http.get(location));
            SourceAnswer answer = CrlChecks.judge(crl, certificate, issuer, clock.instant());
            if (answer.isDefinite()) {
                cache.put(crlKey(location), crl, answer.nextUpdate());
            }
            return answer;
        } catch (IOException e) {
            return SourceAnswer.none("no CRL: " + e.getMessage());
        }
    }

    /** Keeps a definite OCSP answer's response until its nextUpdate. */
    private SourceAnswer remember(SourceAnswer answer, String key, byte[] response) {
        if (answer.isDefinite()) {
            cache.put(key, response, answer.nextUpdate());
        }
        return answer;
    }

    private static String ocspKey(X509Certificate certificate, X509Certificate issuer) {
        try {
            byte[] issuerKey = MessageDigest.getInstance("SHA-256").digest(issuer.getPublicKey().getEncoded());
            return "ocsp:" + HexFormat.of().formatHex(issuerKey) + ":" + certificate.getSerialNumber().toString(16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String crlKey(String location) {
        return "crl:" + location;
    }

    static List<String> ocspLocations(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<String> locations = new ArrayList<>();
        if (value != null) {
            AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(value).getOctets());
            for (AccessDescription description : access.getAccessDescriptions()) {
                if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())) {
                    uri(description.getAccessLocation()).ifPresent(locations::add);
                }
            }
        }
        return locations;
    }

    static List<String> crlLocations(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<String> locations = new ArrayList<>();
        if (value != null) {
            CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                        uri(general).ifPresent(locations::add);
                    }
                }
            }
        }
        return locations;
    }

    private static Optional<String> uri(GeneralName name) {
        return name.getTagNo() == GeneralName.uniformResourceIdentifier
                ? Optional.of(name.getName().toString()) : Optional.empty();
    }
}
