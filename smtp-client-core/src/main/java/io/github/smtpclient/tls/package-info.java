/**
 * TLS for smtp-client: the {@link io.github.smtpclient.tls.TlsMode} and {@link io.github.smtpclient.tls.TlsSettings}
 * an application configures, the {@link io.github.smtpclient.tls.TlsHandshaker} that layers TLS over a connected
 * socket with certificate and host name validation, and the {@link io.github.smtpclient.tls.TlsConnectionInfo} it
 * reports. The trust decision of every handshake passes through the listener's {@code certificateValidate}.
 */
package io.github.smtpclient.tls;
