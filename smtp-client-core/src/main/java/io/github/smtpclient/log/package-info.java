/**
 * The built-in protocol log: {@link io.github.smtpclient.log.LogSettings} ({@code client.log()}: level, filters,
 * details) and {@link io.github.smtpclient.log.WireLog}, the {@link io.github.smtpclient.event.SmtpListener} adapter
 * that writes the SMTP conversation, secrets masked, to the SLF4J logger {@code io.github.smtpclient.wire}.
 */
package io.github.smtpclient.log;
