/**
 * Connections for smtp-client: the {@link io.github.smtpclient.net.Connector} resolves the host (the JVM's resolver
 * or the client's own DNS resolver, {@link io.github.smtpclient.net.DnsSettings}), races its addresses as
 * {@link io.github.smtpclient.net.IpVersion} allows (RFC 8305), goes through a SOCKS, HTTP or HTTPS proxy when one is
 * set ({@link io.github.smtpclient.net.ProxySettings}), applies finite timeouts and speed limits, does TLS at once
 * for implicit TLS, and returns a {@link io.github.smtpclient.net.SocketWire}, the
 * {@link io.github.smtpclient.protocol.Wire} the protocol engine reads and writes. Nothing here parses SMTP.
 */
package io.github.smtpclient.net;
