package io.github.smtpclient.outbox.internal;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.MessageContent;

/**
 * What the store keeps about a message besides its bytes: what the SMTP transaction must declare before the data.
 *
 * @param envelope  MAIL FROM and RCPT TO, with DSN parameters
 * @param messageId the Message-ID header, or null
 * @param subject   the Subject header, or null
 * @param encoding  what the content may contain (decides BODY=)
 * @param smtpUtf8  whether the content needs SMTPUTF8
 */
record StoredHeader(Envelope envelope, String messageId, String subject, MessageContent.Encoding encoding,
        boolean smtpUtf8) {
}
