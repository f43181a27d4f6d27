package io.github.smtpclient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The SMTP envelope of one message: the reverse-path for MAIL FROM and the forward-paths for RCPT TO, with
 * the optional delivery status notification parameters of RFC 3461, the {@code AUTH=} identity of RFC 4954, the
 * MT-PRIORITY of RFC 6710 and further parameters ({@link EsmtpParameter}). Addresses are bare
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

    /** The lowest MT-PRIORITY (RFC 6710). */
    public static final int MIN_MT_PRIORITY = -9;
    /** The highest MT-PRIORITY (RFC 6710). */
    public static final int MAX_MT_PRIORITY = 9;

    /**
     * One forward-path.
     *
     * @param address           the mailbox, for example {@code user@example.com}
     * @param dsnNotify         when to send a DSN for this recipient; empty for the server's default
     * @param originalRecipient the original recipient (RFC 3461 {@code ORCPT}), a bare mailbox, or null: sent as
     *                          {@code rfc822;} and the xtext of an ASCII mailbox, or as RFC 6533 {@code utf-8;} for a
     *                          mailbox with UTF-8 (raw UTF-8 in an SMTPUTF8 transaction, {@code \x{HEX}} escapes
     *                          otherwise); a value naming its address type ({@code x400;...}) keeps it and has only
     *                          the address encoded
     * @param parameters        further RCPT TO parameters, sent in this order after the client's own
     */
    public record Recipient(String address, Set<DsnNotify> dsnNotify, String originalRecipient,
            List<EsmtpParameter> parameters) {
        /** Checks the address is given, that {@code NEVER} stands alone and that no parameter is given twice. */
        public Recipient {
            Objects.requireNonNull(address, "address");
            dsnNotify = dsnNotify.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dsnNotify));
            if (dsnNotify.contains(DsnNotify.NEVER) && dsnNotify.size() > 1) {
                throw new IllegalArgumentException("DSN NOTIFY=NEVER cannot be combined with other values for " + address);
            }
            parameters = EsmtpParameter.copyDistinct(parameters, () -> "RCPT TO:<" + address + ">");
        }

        /** A recipient with DSN parameters and no further RCPT TO parameters. */
        public Recipient(String address, Set<DsnNotify> dsnNotify, String originalRecipient) {
            this(address, dsnNotify, originalRecipient, List.of());
        }

        /** This recipient with a further RCPT TO parameter, after those it has. */
        public Recipient withParameter(EsmtpParameter parameter) {
            List<EsmtpParameter> more = new ArrayList<>(parameters);
            more.add(Objects.requireNonNull(parameter, "parameter"));
            return new Recipient(address, dsnNotify, originalRecipient, more);
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
    private final String authorizedIdentity;
    private final Integer mtPriority;
    private final List<EsmtpParameter> mailParameters;
    private final RequireTlsPolicy requireTls;
    private final Boolean dsnRequired;

    private Envelope(Builder builder) {
        this.sender = Objects.requireNonNull(builder.sender, "sender (use \"\" for the null reverse-path <>)");
        this.recipients = List.copyOf(builder.recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        this.dsnReturn = builder.dsnReturn;
        this.envelopeId = builder.envelopeId;
        this.recipientPolicy = builder.recipientPolicy;
        this.authorizedIdentity = builder.authorizedIdentity;
        this.mtPriority = builder.mtPriority;
        this.mailParameters = EsmtpParameter.copyDistinct(builder.mailParameters, () -> "MAIL FROM");
        this.requireTls = builder.requireTls;
        this.dsnRequired = builder.dsnRequired;
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

    /**
     * The RFC 4954 {@code AUTH=} identity of MAIL FROM, when given: a bare mailbox, or {@code ""} for
     * {@code AUTH=<>} (the submitter is not known). It is sent only when the server offers AUTH and this session
     * authenticated; otherwise it is left out, as RFC 4954 section 5 has the server ignore it then.
     */
    public Optional<String> authorizedIdentity() {
        return Optional.ofNullable(authorizedIdentity);
    }

    /**
     * The RFC 6710 MT-PRIORITY, -9 (lowest) to 9 (highest), when given. It is sent as {@code MT-PRIORITY=n} when the
     * server advertises MT-PRIORITY; otherwise the message is sent without it and the listener gets a
     * {@link io.github.smtpclient.event.NotificationEvent.Kind#MT_PRIORITY_NOT_AVAILABLE} notification.
     */
    public OptionalInt mtPriority() {
        return mtPriority == null ? OptionalInt.empty() : OptionalInt.of(mtPriority);
    }

    /** Further MAIL FROM parameters, sent in this order after the client's own. */
    public List<EsmtpParameter> mailParameters() {
        return mailParameters;
    }

    /**
     * Whether this message asks for RFC 8689 REQUIRETLS, and how strictly; empty means the client's setting
     * ({@link TransferSettings#getRequireTls()}).
     */
    public Optional<RequireTlsPolicy> requireTls() {
        return Optional.ofNullable(requireTls);
    }

    /**
     * Whether this message's DSN parameters must be sent, so that a server without DSN refuses the message before
     * MAIL, or may be left out with a notice; empty means the client's setting
     * ({@link TransferSettings#isDsnRequired()}).
     */
    public Optional<Boolean> dsnRequired() {
        return Optional.ofNullable(dsnRequired);
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
                .recipientPolicy(recipientPolicy).authorizedIdentity(authorizedIdentity).mtPriority(mtPriority)
                .requireTls(requireTls).dsnRequired(dsnRequired);
        mailParameters.forEach(builder::mailParameter);
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
        private String authorizedIdentity;
        private Integer mtPriority;
        private final List<EsmtpParameter> mailParameters = new ArrayList<>();
        private RequireTlsPolicy requireTls;
        private Boolean dsnRequired;

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

        /**
         * Sets the RFC 4954 {@code AUTH=} identity of MAIL FROM: the mailbox that submitted the message, or {@code ""}
         * for {@code AUTH=<>} (not known); null for none. It is xtext-encoded on the wire, and sent only when the
         * server offers AUTH and the session authenticated (otherwise left out, without notice).
         */
        public Builder authorizedIdentity(String identity) {
            this.authorizedIdentity = identity;
            return this;
        }

        /**
         * Sets the RFC 6710 MT-PRIORITY, -9 (lowest) to 9 (highest); null for none. Sent only when the server
         * advertises MT-PRIORITY; otherwise the message goes without it and a
         * {@link io.github.smtpclient.event.NotificationEvent.Kind#MT_PRIORITY_NOT_AVAILABLE} notification says so.
         *
         * @throws IllegalArgumentException when the priority is outside -9..9
         */
        public Builder mtPriority(Integer priority) {
            if (priority != null && (priority < MIN_MT_PRIORITY || priority > MAX_MT_PRIORITY)) {
                throw new IllegalArgumentException("MT-PRIORITY must be " + MIN_MT_PRIORITY + " to " + MAX_MT_PRIORITY
                        + ", was " + priority);
            }
            this.mtPriority = priority;
            return this;
        }

        /**
         * Adds a further MAIL FROM parameter for an extension the client does not implement; see
         * {@link EsmtpParameter} for what is accepted. A keyword given twice is refused at {@link #build()}.
         */
        public Builder mailParameter(EsmtpParameter parameter) {
            mailParameters.add(Objects.requireNonNull(parameter, "parameter"));
            return this;
        }

        /**
         * Asks for RFC 8689 REQUIRETLS ({@code MAIL FROM:<...> REQUIRETLS}) for this message, or not
         * ({@link RequireTlsPolicy#NONE}), whatever the client's setting; null follows the client's
         * {@link TransferSettings#getRequireTls()}. See {@link RequireTlsPolicy} for when it is sent.
         */
        public Builder requireTls(RequireTlsPolicy policy) {
            this.requireTls = policy;
            return this;
        }

        /**
         * Whether this message's DSN parameters must reach the server: true refuses the message before MAIL when the
         * server does not offer DSN ({@link SmtpErrorCode#EXTENSION_NOT_SUPPORTED}), false sends it without them
         * (a {@link io.github.smtpclient.event.NotificationEvent.Kind#DSN_NOT_AVAILABLE} notification and
         * {@link SendResult.Downgrade#DSN} in the result); null follows the client's
         * {@link TransferSettings#isDsnRequired()}.
         */
        public Builder dsnRequired(Boolean required) {
            this.dsnRequired = required;
            return this;
        }

        /** The envelope; it needs a sender and at least one recipient. */
        public Envelope build() {
            return new Envelope(this);
        }
    }
}
