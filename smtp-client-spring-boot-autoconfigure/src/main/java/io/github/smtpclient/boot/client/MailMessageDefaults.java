package io.github.smtpclient.boot.client;

import java.util.List;
import java.util.Optional;

import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.Mailbox;
import org.jspecify.annotations.Nullable;

/**
 * The application's default From, Reply-To and X-Mailer ({@code smtp.client.defaults.*}), for messages that set none.
 * Start messages with {@link #builder()}, or complete finished ones with {@link #applyTo(MailMessage)}.
 */
public final class MailMessageDefaults {

    private final List<Mailbox> from;
    private final List<Mailbox> replyTo;
    private final @Nullable String mailer;

    /**
     * @param from    address list for From, such as {@code App <noreply@example.com>}, or {@code null}
     * @param replyTo address list for Reply-To, or {@code null}
     * @param mailer  X-Mailer value, or {@code null}
     * @throws IllegalArgumentException if an address list cannot be parsed
     */
    public MailMessageDefaults(@Nullable String from, @Nullable String replyTo, @Nullable String mailer) {
        this.from = from == null ? List.of() : Mailbox.parseList(from);
        this.replyTo = replyTo == null ? List.of() : Mailbox.parseList(replyTo);
        this.mailer = mailer;
    }

    /** The default From mailboxes; empty when none is configured. */
    public List<Mailbox> from() {
        return from;
    }

    /** The default Reply-To mailboxes; empty when none is configured. */
    public List<Mailbox> replyTo() {
        return replyTo;
    }

    /** The default X-Mailer value, when one is configured. */
    public Optional<String> mailer() {
        return Optional.ofNullable(mailer);
    }

    /** A builder holding the defaults. */
    public MailMessage.Builder builder() {
        return fill(MailMessage.builder(), true, true, true);
    }

    /** The message with the defaults filled in where it has no value of its own; the message itself if none is missing. */
    public MailMessage applyTo(MailMessage message) {
        boolean needsFrom = message.from().isEmpty() && !from.isEmpty();
        boolean needsReplyTo = message.replyTo().isEmpty() && !replyTo.isEmpty();
        boolean needsMailer = message.mailer().isEmpty() && mailer != null;
        if (!needsFrom && !needsReplyTo && !needsMailer) {
            return message;
        }
        return fill(message.toBuilder(), needsFrom, needsReplyTo, needsMailer).build();
    }

    private MailMessage.Builder fill(MailMessage.Builder builder, boolean withFrom, boolean withReplyTo,
            boolean withMailer) {
        if (withFrom && !from.isEmpty()) {
            builder.from(from);
        }
        if (withReplyTo && !replyTo.isEmpty()) {
            builder.replyTo(replyTo);
        }
        if (withMailer && mailer != null) {
            builder.mailer(mailer);
        }
        return builder;
    }
}
