package io.github.smtpclient.event;

import io.github.smtpclient.ConnectionInfo;

/**
 * The connection to the server (or through the proxy to it) is open, before the greeting is read: which address won
 * the connect race, through which proxy, with which TLS when it is implicit.
 *
 * @param connection the connection as it is now (no bytes have crossed yet)
 */
public record ConnectedEvent(ConnectionInfo connection) {
}
