/**
 * smtp-client: {@link io.github.smtpclient.SmtpClient} (one connection, shaped like the reference SMTPClient class)
 * and {@link io.github.smtpclient.SmtpMailSender} (thread-safe and pooled, for applications), with the values they
 * share: {@link io.github.smtpclient.Envelope}, {@link io.github.smtpclient.Reply},
 * {@link io.github.smtpclient.SendResult} and the one exception type, {@link io.github.smtpclient.SmtpException}.
 * Subpackages hold settings and internals by concern: {@code auth}, {@code tls}, {@code net}, {@code protocol},
 * {@code message}, {@code pool}, {@code event}.
 */
package io.github.smtpclient;
