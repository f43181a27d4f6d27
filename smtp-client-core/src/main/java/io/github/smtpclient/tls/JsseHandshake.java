package io.github.smtpclient.tls;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One handshake on a shared {@link JsseContext}: its verdict, and whether the server asked for a client
 * certificate.
 *
 * @param verdict             the trust decision
 * @param clientCertificate   the certificate to present, or {@code null}
 * @param clientAuthRequested set when JSSE asks for a client certificate
 */
record JsseHandshake(HandshakeVerdict verdict, ClientCertificate clientCertificate, AtomicBoolean clientAuthRequested) {

    JsseHandshake(HandshakeVerdict verdict, ClientCertificate clientCertificate) {
        this(verdict, clientCertificate, new AtomicBoolean());
    }
}
