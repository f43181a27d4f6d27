package io.github.smtpclient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SMTP envelope of one message: the reverse-path for MAIL FROM and the forward-paths for RCPT TO, with
 * the optional delivery status notification parameters of RFC 3461. Addresses are bare
 * ({@code user@example.com}), without angle brackets or display names.
 */
public final class Envelope {

    /** What a delivery status notification returns of the message (RFC 3461 {@code RET}). */
    public enum DsnReturn {
        /** The whole message. */
        FULL,
        /** Only the headers. */
        HDRS
    }

    /** When a delivery status notification is wanted for a recipient (RFC 3461 {@code NOTIFY}). */
    public enum DsnNotify {
        /** No notification at all; cannot be combined with the others. */
        NEVER,
        /** When the message was delivered. */
        SUCCESS,
        /** When delivery failed. */
        FAILURE,
        /** When delivery is delayed. */
        DELAY
    }

    /**
     * One forward-path.
     *
     * @param address           the mailbox, for example {@code user@example.com}
     * @param dsnNotify         when to send a DSN for this recipient; empty for the server's default
     * @param originalRecipient the original recipient (RFC 3461 {@code ORCPT}, as {@code rfc822;address}), or null
     */
    public record Recipient(String address, Set<DsnNotify> dsnNotify, String originalRecipient) {
        /** Checks the address is given and that {@code NEVER} stands alone. */
        public Recipient {
            Objects.requireNonNull(address, "address");
            dsnNotify = dsnNotify.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dsnNotify));
            if (dsnNotify.contains(DsnNotify.NEVER) && dsnNotify.size() > 1) {
                throw new IllegalArgumentException("DSN NOTIFY=NEVER cannot be combined with other values for " + address);
            }
        }

        /** A recipient with no DSN parameters. */
        public static Recipient of(String address) {
            return new Recipient(address, Set.of(), null);
        }
    }

    private final String sender;
    private final List<Recipient> recipients;
    private final DsnReturn dsnReturn;
    private final String envelopeId;
    private final RecipientPolicy recipientPolicy;

    private Envelope(Builder builder) {
        this.sender = Objects.requireNonNull(builder.sender, "sender (use \"\" for the null reverse-path <>)");
        this.recipients = List.copyOf(builder.recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        this.dsnReturn = builder.dsnReturn;
        this.envelopeId = builder.envelopeId;
        this.recipientPolicy = builder.recipientPolicy;
    }

    /** An envelope from {@code sender} to {@code recipients}, without DSN parameters. */
    public static Envelope of(String sender, String... recipients) {
        return of(sender, List.of(recipients));
    }

    /** An envelope from {@code sender} to {@code recipients}, without DSN parameters. */
    public static Envelope of(String sender, Collection<String> recipients) {
        Builder builder = builder().sender(sender);
        recipients.forEach(builder::recipient);
        return builder.build();
    }

    /** A builder for an envelope with DSN parameters; {@link #of(String, String...)} is enough without. */
    public static Builder builder() {
        return new Builder();
    }

    /** The reverse-path; empty for the null reverse-path {@code <>} used by bounces. */
    public String sender() {
        return sender;
    }

    /** The forward-paths, in the order RCPT TO is sent; never empty. */
    public List<Recipient> recipients() {
        return recipients;
    }

    /** RFC 3461 {@code RET}, when requested. */
    public Optional<DsnReturn> dsnReturn() {
        return Optional.ofNullable(dsnReturn);
    }

    /** RFC 3461 {@code ENVID}, when given. */
    public Optional<String> envelopeId() {
        return Optional.ofNullable(envelopeId);
    }

    /**
     * What the send of this message does when the server refuses some of its recipients; empty means the client's
     * setting ({@link TransferSettings#getRecipientPolicy()}).
     */
    public Optional<RecipientPolicy> recipientPolicy() {
        return Optional.ofNullable(recipientPolicy);
    }

    /** Whether any DSN parameter is set, so the server must offer DSN. */
    public boolean requestsDsn() {
        if (dsnReturn != null || envelopeId != null) {
            return true;
        }
        for (Recipient recipient : recipients) {
            if (!recipient.dsnNotify().isEmpty() || recipient.originalRecipient() != null) {
                return true;
            }
        }
        return false;
    }

    /** A builder starting from this envelope. */
    public Builder toBuilder() {
        Builder builder = builder().sender(sender).dsnReturn(dsnReturn).envelopeId(envelopeId)
                .recipientPolicy(recipientPolicy);
        recipients.forEach(builder::recipient);
        return builder;
    }

    @Override
    public String toString() {
        return "Envelope[from=<" + sender + ">, to=" + recipients.stream().map(Recipient::address).toList() + "]";
    }

    /** Builds an {@link Envelope}. */
    public static final class Builder {
        private String sender;
        private final List<Recipient> recipients = new ArrayList<>();
        private DsnReturn dsnReturn;
        private String envelopeId;
        private RecipientPolicy recipientPolicy;

        private Builder() {
        }

        /** Sets the reverse-path; {@code ""} is the null reverse-path {@code <>}. */
        public Builder sender(String sender) {
            this.sender = sender;
            return this;
        }

        /** Adds a recipient without DSN parameters. */
        public Builder recipient(String address) {
            return recipient(Recipient.of(address));
        }

        /** Adds a recipient. */
        public Builder recipient(Recipient recipient) {
            recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /** Sets RFC 3461 {@code RET}; null for none. */
        public Builder dsnReturn(DsnReturn dsnReturn) {
            this.dsnReturn = dsnReturn;
            return this;
        }

        /** Sets RFC 3461 {@code ENVID}; null for none. */
        public Builder envelopeId(String envelopeId) {
            this.envelopeId = envelopeId;
            return this;
        }

        /**
         * Delivers this message to every recipient or to none ({@link RecipientPolicy#ALL_OR_NOTHING}), or to those
         * the server accepts ({@link RecipientPolicy#PARTIAL}), whatever the client's setting; null follows the
         * client's {@link TransferSettings#getRecipientPolicy()}.
         */
        public Builder recipientPolicy(RecipientPolicy recipientPolicy) {
            this.recipientPolicy = recipientPolicy;
            return this;
        }

        /** The envelope; it needs a sender and at least one recipient. */
        public Envelope build() {
            return new Envelope(this);
        }
    }
}
