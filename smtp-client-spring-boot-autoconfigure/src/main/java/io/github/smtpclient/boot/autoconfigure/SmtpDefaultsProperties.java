package io.github.smtpclient.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The {@code smtp.client.defaults.*} properties: header fields for messages that do not set their own.
 */
public class SmtpDefaultsProperties {

    /** From address for messages that have none. For instance, 'App <noreply@example.com>'. */
    private @Nullable String from;

    /** Reply-To address for messages that have none. */
    private @Nullable String replyTo;

    /** X-Mailer header value for messages that have none. */
    private @Nullable String mailer;

    public @Nullable String getFrom() {
        return from;
    }

    public void setFrom(@Nullable String from) {
        this.from = from;
    }

    public @Nullable String getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(@Nullable String replyTo) {
        this.replyTo = replyTo;
    }

    public @Nullable String getMailer() {
        return mailer;
    }

    public void setMailer(@Nullable String mailer) {
        this.mailer = mailer;
    }
}
