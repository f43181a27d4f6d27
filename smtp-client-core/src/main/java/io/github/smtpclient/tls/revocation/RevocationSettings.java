package io.github.smtpclient.tls.revocation;

import java.io.IOException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cert.ocsp.OCSPResp;

/**
 * How the revocation of the server's certificates is checked; reached as {@code client.tls().revocation()}. Off by
 * default ({@link RevocationCheck#NONE}). Mutable and not thread-safe: configure it before connecting; a
 * connection works on a {@link #copy()}.
 */
public final class RevocationSettings {

    /** The default time allowed for one OCSP or CRL exchange: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The default largest OCSP response or CRL accepted: 10 MiB. */
    public static final int DEFAULT_DOWNLOAD_LIMIT = 10 * 1024 * 1024;

    private RevocationCheck check = RevocationCheck.NONE;
    private boolean softFail;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int downloadLimit = DEFAULT_DOWNLOAD_LIMIT;
    private OcspHashAlgorithm ocspHashAlgorithm = OcspHashAlgorithm.SHA1;
    private List<X509CRL> knownCrls = List.of();
    private List<byte[]> knownOcspResponses = List.of();

    /**
     * Settings with the defaults each getter describes: no revocation checking; when switched on, hard fail, SHA-1
     * CertIDs, {@link #DEFAULT_TIMEOUT} and {@link #DEFAULT_DOWNLOAD_LIMIT}.
     */
    public RevocationSettings() {
    }

    /** Which sources are asked (the reference's TLSRevocationCheck). */
    public RevocationCheck getCheck() {
        return check;
    }

    /** Chooses the sources; {@link RevocationCheck#NONE} switches checking off. */
    public void setCheck(RevocationCheck check) {
        this.check = Objects.requireNonNull(check, "tls().revocation().check (use RevocationCheck.NONE to switch it off)");
    }

    /** Whether a certificate whose status cannot be established is accepted with a warning. */
    public boolean isSoftFail() {
        return softFail;
    }

    /**
     * With true, a certificate whose revocation status no source could establish (responder unreachable, status
     * unknown, no CRL) is accepted; the validation log records a warning and the listener gets a
     * {@link io.github.smtpclient.event.NotificationEvent.Kind#REVOCATION_UNKNOWN} notification. A revoked
     * certificate is refused either way. Soft fail protects against nothing when an attacker can block the
     * responder; keep it off where you can.
     */
    public void setSoftFail(boolean softFail) {
        this.softFail = softFail;
    }

    /** The time allowed for one OCSP or CRL exchange, connect included. */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Sets the time allowed for one OCSP request or CRL download, connect included.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public void setTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tls().revocation().timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** The largest OCSP response or CRL accepted, in bytes. */
    public int getDownloadLimit() {
        return downloadLimit;
    }

    /**
     * Caps the size of an OCSP response or CRL; a larger one is abandoned (and counts as no answer).
     *
     * @throws IllegalArgumentException if it is below 1 KiB
     */
    public void setDownloadLimit(int downloadLimit) {
        if (downloadLimit < 1024) {
            throw new IllegalArgumentException("tls().revocation().downloadLimit must be at least 1024 bytes, was "
                    + downloadLimit);
        }
        this.downloadLimit = downloadLimit;
    }

    /** The hash of the CertID in OCSP requests (the reference's OCSPHashAlgorithm). */
    public OcspHashAlgorithm getOcspHashAlgorithm() {
        return ocspHashAlgorithm;
    }

    /** Chooses the hash of the CertID in OCSP requests; SHA-1 by default, as RFC 5019 responders expect. */
    public void setOcspHashAlgorithm(OcspHashAlgorithm ocspHashAlgorithm) {
        this.ocspHashAlgorithm = Objects.requireNonNull(ocspHashAlgorithm, "tls().revocation().ocspHashAlgorithm");
    }

    /** CRLs supplied by the application, consulted before any download (the reference's KnownCRL* list). */
    public List<X509CRL> getKnownCrls() {
        return knownCrls;
    }

    /**
     * Supplies CRLs, for example for offline use. A CRL counts only for certificates of its issuer, only while it
     * is current (before its nextUpdate) and only if its signature verifies with the issuer's key.
     *
     * @throws IllegalArgumentException if the list or an element is null
     */
    public void setKnownCrls(List<X509CRL> knownCrls) {
        if (knownCrls == null || knownCrls.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tls().revocation().knownCrls must be a list without null elements");
        }
        this.knownCrls = List.copyOf(knownCrls);
    }

    /** DER OCSP responses supplied by the application (the reference's KnownOCSP* list); copies. */
    public List<byte[]> getKnownOcspResponses() {
        return knownOcspResponses.stream().map(byte[]::clone).toList();
    }

    /**
     * Supplies DER-encoded OCSP responses (as {@code openssl ocsp -respout} writes them), for example for offline
     * use. A response counts only if it names the certificate, is signed by its issuer or the issuer's delegated
     * responder, and is current.
     *
     * @throws IllegalArgumentException if an element is null or not an OCSP response
     */
    public void setKnownOcspResponses(List<byte[]> knownOcspResponses) {
        if (knownOcspResponses == null) {
            throw new IllegalArgumentException("tls().revocation().knownOcspResponses must be a list (List.of() for none)");
        }
        List<byte[]> copies = new ArrayList<>();
        for (int i = 0; i < knownOcspResponses.size(); i++) {
            byte[] response = knownOcspResponses.get(i);
            if (response == null) {
                throw new IllegalArgumentException("tls().revocation().knownOcspResponses[" + i + "] is null");
            }
            try {
                new OCSPResp(response);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("tls().revocation().knownOcspResponses[" + i + "] is not a DER OCSP "
                        + "response (" + e.getMessage() + "); give the bytes 'openssl ocsp -respout' writes", e);
            }
            copies.add(response.clone());
        }
        this.knownOcspResponses = List.copyOf(copies);
    }

    /** The responses without copying, for the checker. */
    List<byte[]> knownOcspResponsesShared() {
        return knownOcspResponses;
    }

    /** An independent copy; the lists are immutable and shared. */
    public RevocationSettings copy() {
        RevocationSettings copy = new RevocationSettings();
        copy.check = check;
        copy.softFail = softFail;
        copy.timeout = timeout;
        copy.downloadLimit = downloadLimit;
        copy.ocspHashAlgorithm = ocspHashAlgorithm;
        copy.knownCrls = knownCrls;
        copy.knownOcspResponses = knownOcspResponses;
        return copy;
    }

    @Override
    public String toString() {
        return "RevocationSettings[check=" + check + ", softFail=" + softFail + ", timeout=" + timeout
                + ", downloadLimit=" + downloadLimit + ", ocspHashAlgorithm=" + ocspHashAlgorithm + ", knownCrls="
                + knownCrls.size() + ", knownOcspResponses=" + knownOcspResponses.size() + "]";
    }
}
