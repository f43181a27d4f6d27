/**
 * Connections for smtp-client: the {@link io.github.smtpclient.net.Connector} opens a TCP socket with finite
 * timeouts (TLS at once for implicit TLS) and returns a {@link io.github.smtpclient.net.SocketWire}, the
 * {@link io.github.smtpclient.protocol.Wire} the protocol engine reads and writes. Nothing here parses SMTP.
 */
package io.github.smtpclient.net;
