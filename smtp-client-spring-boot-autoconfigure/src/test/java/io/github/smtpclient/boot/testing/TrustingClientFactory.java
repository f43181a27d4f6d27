package io.github.smtpclient.boot.testing;

import java.util.List;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.testing.TestCertificates;

/** Clients for a loopback test server, trusting its test CA, as the auto-configuration would make them. */
public record TrustingClientFactory(int port, TestCertificates certificates) implements SmtpClientFactory {

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public void configure(SmtpClient client) {
        client.tls().setTrustedCertificates(List.of(certificates.caCertificate()));
    }
}
