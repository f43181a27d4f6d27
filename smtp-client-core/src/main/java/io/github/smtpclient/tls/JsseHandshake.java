package io.github.smtpclient.tls;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One handshake on a shared {@link JsseContext}: its verdict, and whether the server asked for a client
 * certificate.
 *
 * @param verdict             the trust decision
 * @param clientAuthRequested set when JSSE asks for a client certificate
 */
record JsseHandshake(HandshakeVerdict verdict, AtomicBoolean clientAuthRequested) {

    JsseHandshake(HandshakeVerdict verdict) {
        this(verdict, new AtomicBoolean());
    }
}
