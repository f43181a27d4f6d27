package io.github.smtpclient.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;

/**
 * The {@code smtp.client.proxy.tls.*} properties: the TLS to an HTTPS proxy; drives
 * {@code client.proxy().tls()}, independent of {@code smtp.client.tls.*}.
 */
public class SmtpProxyTlsProperties {

    /** PEM files of certificates to trust for the proxy in addition to the JDK's trust store, such as a private CA. */
    private List<Resource> trustedCertificates = new ArrayList<>();

    /** Whether the JDK's default trust store is trusted for the proxy; false trusts only 'trusted-certificates'. */
    private boolean useSystemTrust = true;

    /** Whether the proxy's certificate chain and host name are checked; false lets anyone on the path impersonate the proxy. */
    private boolean validateCertificates = true;

    /** Whether the proxy's certificate must name the proxy host. */
    private boolean verifyHostname = true;

    public List<Resource> getTrustedCertificates() {
        return trustedCertificates;
    }

    public void setTrustedCertificates(List<Resource> trustedCertificates) {
        this.trustedCertificates = trustedCertificates;
    }

    public boolean isUseSystemTrust() {
        return useSystemTrust;
    }

    public void setUseSystemTrust(boolean useSystemTrust) {
        this.useSystemTrust = useSystemTrust;
    }

    public boolean isValidateCertificates() {
        return validateCertificates;
    }

    public void setValidateCertificates(boolean validateCertificates) {
        this.validateCertificates = validateCertificates;
    }

    public boolean isVerifyHostname() {
        return verifyHostname;
    }

    public void setVerifyHostname(boolean verifyHostname) {
        this.verifyHostname = verifyHostname;
    }
}
