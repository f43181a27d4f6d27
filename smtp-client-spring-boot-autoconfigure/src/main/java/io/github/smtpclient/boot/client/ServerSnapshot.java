package io.github.smtpclient.boot.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smtpclient.ServerInfo;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.tls.TlsConnectionInfo;

/**
 * What one probe of the server found.
 *
 * @param host       the server's host
 * @param port       the server's port
 * @param checkedAt  when the probe ended
 * @param serverInfo what the server announced in EHLO; {@link ServerInfo#none()} when the probe failed
 * @param tls        the TLS version, cipher suite and certificates, when the connection was encrypted
 * @param failure    why the probe failed; empty when the server answered EHLO (and authentication, if configured)
 */
public record ServerSnapshot(String host, int port, Instant checkedAt, ServerInfo serverInfo,
        Optional<TlsConnectionInfo> tls, Optional<SmtpException> failure) {

    /** Whether the server could be reached, secured and logged in to. */
    public boolean isUp() {
        return failure.isEmpty();
    }

    /** The advertised extensions, each as its keyword followed by its parameters, for example {@code AUTH PLAIN LOGIN}. */
    public List<String> capabilities() {
        List<String> capabilities = new ArrayList<>();
        for (Map.Entry<String, List<String>> extension : serverInfo.extensions().entrySet()) {
            List<String> words = new ArrayList<>();
            words.add(extension.getKey());
            words.addAll(extension.getValue());
            capabilities.add(String.join(" ", words));
        }
        return capabilities;
    }
}
