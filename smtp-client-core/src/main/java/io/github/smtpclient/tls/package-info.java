/**
 * TLS for smtp-client: the {@link io.github.smtpclient.tls.TlsMode} and {@link io.github.smtpclient.tls.TlsSettings}
 * an application configures, the {@link io.github.smtpclient.tls.TlsHandshaker} that layers TLS over a connected
 * socket on the chosen {@link io.github.smtpclient.tls.TlsEngine} (Bouncy Castle's TLS API by default, or JSSE), the
 * {@link io.github.smtpclient.tls.TlsSessionCache} sessions resume from, and the
 * {@link io.github.smtpclient.tls.TlsConnectionInfo} it reports. Both engines judge the server's chain with the one
 * validator of {@code io.github.smtpclient.tls.validation} (revocation in {@code tls.revocation}), and the verdict of
 * every handshake passes through the listener's {@code certificateValidate}.
 */
package io.github.smtpclient.tls;
