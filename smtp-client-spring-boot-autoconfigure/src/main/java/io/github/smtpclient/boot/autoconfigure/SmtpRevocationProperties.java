package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.tls.revocation.OcspHashAlgorithm;
import io.github.smtpclient.tls.revocation.RevocationCheck;

import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The {@code smtp.client.tls.revocation.*} properties: revocation checking of the server's certificates;
 * drives {@code client.tls().revocation()}.
 */
public class SmtpRevocationProperties {

    /** Which sources answer whether a server certificate is revoked: NONE, OCSP, CRL, OCSP_THEN_CRL or ANY. */
    private RevocationCheck check = RevocationCheck.NONE;

    /** Whether a certificate whose revocation status no source can establish is accepted, with a warning notification. */
    private boolean softFail;

    /** Time allowed for one OCSP request or CRL download, connect included. */
    private Duration timeout = Duration.ofSeconds(5);

    /** Largest OCSP response or CRL accepted. */
    private DataSize downloadLimit = DataSize.ofMegabytes(10);

    /** Hash of the CertID in OCSP requests: SHA1 (what most responders expect), SHA256, SHA384 or SHA512. */
    private OcspHashAlgorithm ocspHashAlgorithm = OcspHashAlgorithm.SHA1;

    /** PEM or DER CRL files consulted before any download, for example for offline use. */
    private List<Resource> knownCrls = new ArrayList<>();

    /** DER OCSP response files, as 'openssl ocsp -respout' writes them, consulted before any request. */
    private List<Resource> knownOcspResponses = new ArrayList<>();

    public RevocationCheck getCheck() {
        return check;
    }

    public void setCheck(RevocationCheck check) {
        this.check = check;
    }

    public boolean isSoftFail() {
        return softFail;
    }

    public void setSoftFail(boolean softFail) {
        this.softFail = softFail;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public DataSize getDownloadLimit() {
        return downloadLimit;
    }

    public void setDownloadLimit(DataSize downloadLimit) {
        this.downloadLimit = downloadLimit;
    }

    public OcspHashAlgorithm getOcspHashAlgorithm() {
        return ocspHashAlgorithm;
    }

    public void setOcspHashAlgorithm(OcspHashAlgorithm ocspHashAlgorithm) {
        this.ocspHashAlgorithm = ocspHashAlgorithm;
    }

    public List<Resource> getKnownCrls() {
        return knownCrls;
    }

    public void setKnownCrls(List<Resource> knownCrls) {
        this.knownCrls = knownCrls;
    }

    public List<Resource> getKnownOcspResponses() {
        return knownOcspResponses;
    }

    public void setKnownOcspResponses(List<Resource> knownOcspResponses) {
        this.knownOcspResponses = knownOcspResponses;
    }
}
