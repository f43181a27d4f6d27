/**
 * The message layer: mailboxes, raw RFC 5322 messages read for sending as they are, and (composed messages)
 * the streaming MIME writer. It knows nothing of SMTP connections; it depends only on the root package's value
 * types ({@link io.github.smtpclient.Envelope}, {@link io.github.smtpclient.SmtpException}).
 */
package io.github.smtpclient.message;
