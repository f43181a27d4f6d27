package io.github.smtpclient.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * One handshake's destination.
 *
 * @param host          the host name (or address) connected to
 * @param port          the port connected to
 * @param sniHostName   the SNI override, or {@code null}
 * @param implicitTls   whether this is implicit TLS (changes only the advice in error messages)
 * @param timeoutMillis the socket's read timeout, for messages
 */
record HandshakeRequest(String host, int port, String sniHostName, boolean implicitTls, int timeoutMillis) {

    /** The names the server's certificate may be issued for: the host, and the SNI name when it differs. */
    List<String> referenceNames() {
        List<String> names = new ArrayList<>(List.of(host));
        if (sniHostName != null && !sniHostName.equalsIgnoreCase(host)) {
            names.add(sniHostName);
        }
        return names;
    }
}
