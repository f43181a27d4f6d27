package io.github.smtpclient.message;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.smtpclient.RequireTlsPolicy;
import io.github.smtpclient.text.PrintableText;

/**
 * A message to compose, immutable and thread-safe: every Msg* property of the reference component. Build one with
 * {@link #builder()}, or fill a {@link MessageDraft} the reference's way; both give the same bytes. Turn it into
 * wire bytes with {@link MimeWriter#prepare(MailMessage, MimeOptions)}.
 *
 * <pre>{@code
 * MailMessage message = MailMessage.builder()
 *         .from("Alice <alice@example.com>")
 *         .to("bob@example.com", "Carol <carol@example.com>")
 *         .subject("Quarterly report")
 *         .plainText("See the attachment.")
 *         .htmlText("<p>See the attachment. <img src=\"cid:logo\"></p>")
 *         .inline(Attachment.fromFile(logo).withContentId("logo"))
 *         .attach(Attachment.fromFile(report))
 *         .build();
 * }</pre>
 *
 * <p>Values are checked as they are set: an invalid address or a line break in a header value throws
 * {@link IllegalArgumentException} naming the field, so no value can add a header.
 */
public final class MailMessage {

    private static final Set<String> OWN_HEADERS = Set.of("from", "sender", "to", "cc", "bcc", "reply-to",
            "return-path", "subject", "date", "message-id", "in-reply-to", "references", "keywords", "comments",
            "x-mailer", "x-priority", "importance", "priority", "disposition-notification-to", "mime-version",
            "tls-required");

    /**
     * A header the message's own fields do not cover, such as {@code X-Campaign}.
     *
     * @param name  the field name
     * @param value the value, any text without line breaks; non-ASCII is encoded
     */
    public record Header(String name, String value) {
        /** Checks the name is printable ASCII and not one the message writes from its own fields. */
        public Header {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':')) {
                throw new IllegalArgumentException("Invalid header name \"" + PrintableText.excerpt(name)
                        + "\": use printable ASCII without spaces or ':'");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (OWN_HEADERS.contains(lower) || lower.startsWith("content-")) {
                throw new IllegalArgumentException("The " + name + " header is written from the message's own "
                        + "fields; set it through MailMessage.Builder instead of as a custom header");
            }
            checkLine(name, Objects.requireNonNull(value, "value"));
        }
    }

    private final Builder b;
    /**
     * The MIME tree last written for this message, kept for the next send to a server with the same options: its
     * parts are immutable and open their sources afresh for every write, so only the header block is made anew.
     */
    private volatile MimeStructure.Cached structure;

    private MailMessage(Builder builder) {
        this.b = builder.copy();
    }

    /** The MIME tree for {@code options}, made once per kind of server this message goes to. */
    MimePart structure(MimeOptions options) {
        MimeStructure.Cached cached = structure;
        if (cached == null || !cached.fits(options)) {
            cached = MimeStructure.cached(this, options);
            structure = cached;
        }
        return cached.part();
    }

    /** A builder for a new message. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this message's values. */
    public Builder toBuilder() {
        return b.copy();
    }

    /** The authors ({@code From}); more than one needs a {@link #sender()}. */
    public List<Mailbox> from() {
        return b.from;
    }

    /** The mailbox that actually sent the message ({@code Sender}), when it differs from the author. */
    public Optional<Mailbox> sender() {
        return Optional.ofNullable(b.sender);
    }

    /** The primary recipients ({@code To}, the reference's MsgSendTo). */
    public List<Mailbox> to() {
        return b.to;
    }

    /** The copied recipients ({@code Cc}). */
    public List<Mailbox> cc() {
        return b.cc;
    }

    /** The blind-copied recipients: in the envelope, never in the written header. */
    public List<Mailbox> bcc() {
        return b.bcc;
    }

    /** Where replies go ({@code Reply-To}). */
    public List<Mailbox> replyTo() {
        return b.replyTo;
    }

    /** Where bounces go: the envelope sender ({@code MAIL FROM}); no Return-Path header is written (RFC 5321 4.4). */
    public Optional<Mailbox> returnPath() {
        return Optional.ofNullable(b.returnPath);
    }

    /** The subject, when set. */
    public Optional<String> subject() {
        return Optional.ofNullable(b.subject);
    }

    /** The origination date; the current time when the message is prepared if unset. */
    public Optional<ZonedDateTime> date() {
        return Optional.ofNullable(b.date);
    }

    /** The Message-ID, with angle brackets; generated from the client's domain when unset. */
    public Optional<String> messageId() {
        return Optional.ofNullable(b.messageId);
    }

    /** The Message-IDs this message replies to ({@code In-Reply-To}), with angle brackets. */
    public List<String> inReplyTo() {
        return b.inReplyTo;
    }

    /** The Message-IDs of the thread ({@code References}), with angle brackets. */
    public List<String> references() {
        return b.references;
    }

    /** The keywords ({@code Keywords}), in order. */
    public List<String> keywords() {
        return b.keywords;
    }

    /** The {@code Comments} header, when set. */
    public Optional<String> comments() {
        return Optional.ofNullable(b.comments);
    }

    /** The sending software, written as {@code X-Mailer}. */
    public Optional<String> mailer() {
        return Optional.ofNullable(b.mailer);
    }

    /** The priority, when set; none writes no priority headers. */
    public Optional<Priority> priority() {
        return Optional.ofNullable(b.priority);
    }

    /** Whether a read receipt is asked for ({@code Disposition-Notification-To}, RFC 8098). */
    public boolean readReceipt() {
        return b.readReceipt;
    }

    /** Whether a delivery receipt is asked for (DSN {@code NOTIFY=SUCCESS,FAILURE,DELAY}, RFC 3461). */
    public boolean deliveryReceipt() {
        return b.deliveryReceipt;
    }

    /** The delivery status notifications asked for (RFC 3461); {@link DsnOptions#none()} by default. */
    public DsnOptions dsn() {
        return b.dsn;
    }

    /** Whether this message asks for RFC 8689 REQUIRETLS; empty for the client's setting. */
    public Optional<RequireTlsPolicy> requireTls() {
        return Optional.ofNullable(b.requireTls);
    }

    /** Whether the message carries {@code TLS-Required: No} (RFC 8689 section 5). */
    public boolean tlsOptional() {
        return b.tlsOptional;
    }

    /** The plain-text body, when set. */
    public Optional<String> plainText() {
        return Optional.ofNullable(b.plainText);
    }

    /** The HTML body, when set. */
    public Optional<String> htmlText() {
        return Optional.ofNullable(b.htmlText);
    }

    /** The attachments, in order (the reference's MsgAttachmentCount is their number). */
    public List<Attachment> attachments() {
        return b.attachments;
    }

    /** The images the HTML text shows by {@code cid:} reference. */
    public List<Attachment> inlineImages() {
        return b.inline;
    }

    /** The custom headers, in order. */
    public List<Header> headers() {
        return b.headers;
    }

    /** Whether the content is never to be logged; see {@link Builder#sensitive(boolean)}. */
    public boolean sensitive() {
        return b.sensitive;
    }

    @Override
    public String toString() {
        return "MailMessage[from=" + b.from + ", to=" + b.to + ", subject=" + b.subject + ", attachments="
                + b.attachments.size() + "]";
    }

    static String checkLine(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("The " + field + " value \"" + PrintableText.excerpt(value)
                        + "\" contains a line break; header values must be a single line");
            }
        }
        return value;
    }

    /** Builds a {@link MailMessage}; every setter replaces the previous value. Not thread-safe. */
    public static final class Builder {
        private List<Mailbox> from = List.of();
        private Mailbox sender;
        private List<Mailbox> to = List.of();
        private List<Mailbox> cc = List.of();
        private List<Mailbox> bcc = List.of();
        private List<Mailbox> replyTo = List.of();
        private Mailbox returnPath;
        private String subject;
        private ZonedDateTime date;
        private String messageId;
        private List<String> inReplyTo = List.of();
        private List<String> references = List.of();
        private List<String> keywords = List.of();
        private String comments;
        private String mailer;
        private Priority priority;
        private boolean readReceipt;
        private boolean deliveryReceipt;
        private String plainText;
        private String htmlText;
        private List<Attachment> attachments = List.of();
        private List<Attachment> inline = List.of();
        private List<Header> headers = List.of();
        private boolean sensitive;
        private DsnOptions dsn = DsnOptions.none();
        private RequireTlsPolicy requireTls;
        private boolean tlsOptional;

        private Builder() {
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.from = from;
            copy.sender = sender;
            copy.to = to;
            copy.cc = cc;
            copy.bcc = bcc;
            copy.replyTo = replyTo;
            copy.returnPath = returnPath;
            copy.subject = subject;
            copy.date = date;
            copy.messageId = messageId;
            copy.inReplyTo = inReplyTo;
            copy.references = references;
            copy.keywords = keywords;
            copy.comments = comments;
            copy.mailer = mailer;
            copy.priority = priority;
            copy.readReceipt = readReceipt;
            copy.deliveryReceipt = deliveryReceipt;
            copy.plainText = plainText;
            copy.htmlText = htmlText;
            copy.attachments = attachments;
            copy.inline = inline;
            copy.headers = headers;
            copy.sensitive = sensitive;
            copy.dsn = dsn;
            copy.requireTls = requireTls;
            copy.tlsOptional = tlsOptional;
            return copy;
        }

        /** Sets the authors from address lists such as {@code "Alice <a@example.com>, b@example.com"}. */
        public Builder from(String... addresses) {
            from = parse(addresses);
            return this;
        }

        /** Sets the authors. */
        public Builder from(List<Mailbox> mailboxes) {
            from = List.copyOf(mailboxes);
            return this;
        }

        /** Sets the Sender mailbox; null for none. */
        public Builder sender(String mailbox) {
            sender = mailbox == null ? null : Mailbox.parse(mailbox);
            return this;
        }

        /** Sets the Sender mailbox; null for none. */
        public Builder sender(Mailbox mailbox) {
            sender = mailbox;
            return this;
        }

        /** Sets the To recipients from address lists. */
        public Builder to(String... addresses) {
            to = parse(addresses);
            return this;
        }

        /** Sets the To recipients. */
        public Builder to(List<Mailbox> mailboxes) {
            to = List.copyOf(mailboxes);
            return this;
        }

        /** Sets the Cc recipients from address lists. */
        public Builder cc(String... addresses) {
            cc = parse(addresses);
            return this;
        }

        /** Sets the Cc recipients. */
        public Builder cc(List<Mailbox> mailboxes) {
            cc = List.copyOf(mailboxes);
            return this;
        }

        /** Sets the Bcc recipients from address lists. */
        public Builder bcc(String... addresses) {
            bcc = parse(addresses);
            return this;
        }

        /** Sets the Bcc recipients, which are never written into the message. */
        public Builder bcc(List<Mailbox> mailboxes) {
            bcc = List.copyOf(mailboxes);
            return this;
        }

        /** Sets the Reply-To mailboxes from address lists. */
        public Builder replyTo(String... addresses) {
            replyTo = parse(addresses);
            return this;
        }

        /** Sets the Reply-To mailboxes. */
        public Builder replyTo(List<Mailbox> mailboxes) {
            replyTo = List.copyOf(mailboxes);
            return this;
        }

        /** Sets the bounce address (envelope sender); null for the default (Sender, else the first From). */
        public Builder returnPath(String address) {
            returnPath = address == null ? null : Mailbox.parse(address);
            return this;
        }

        /** Sets the subject, any text without line breaks (non-ASCII is encoded); null for none. */
        public Builder subject(String subject) {
            this.subject = subject == null ? null : checkLine("Subject", subject);
            return this;
        }

        /** Sets the origination date; null for the time the message is prepared. */
        public Builder date(ZonedDateTime date) {
            this.date = date;
            return this;
        }

        /** Sets the Message-ID, such as {@code <123@example.com>} (brackets optional); null to generate one. */
        public Builder messageId(String messageId) {
            this.messageId = messageId == null ? null : MessageIds.parseOne("Message-ID", messageId);
            return this;
        }

        /** Sets In-Reply-To from Message-IDs separated by spaces or commas. */
        public Builder inReplyTo(String messageIds) {
            inReplyTo = messageIds == null ? List.of() : MessageIds.parseList("In-Reply-To", messageIds);
            return this;
        }

        /** Sets References from Message-IDs separated by spaces or commas. */
        public Builder references(String messageIds) {
            references = messageIds == null ? List.of() : MessageIds.parseList("References", messageIds);
            return this;
        }

        /** Sets the keywords; blank ones are left out. */
        public Builder keywords(String... keywords) {
            List<String> checked = new ArrayList<>();
            for (String keyword : keywords) {
                if (!checkLine("Keywords", keyword).isBlank()) {
                    checked.add(keyword.strip());
                }
            }
            this.keywords = List.copyOf(checked);
            return this;
        }

        /** Sets the {@code Comments} header, text without line breaks; null for none. */
        public Builder comments(String comments) {
            this.comments = comments == null ? null : checkLine("Comments", comments);
            return this;
        }

        /** Sets the sending software's name, written as {@code X-Mailer}. */
        public Builder mailer(String mailer) {
            this.mailer = mailer == null ? null : checkLine("X-Mailer", mailer);
            return this;
        }

        /** Sets the priority; null for none. */
        public Builder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        /** Asks the recipients' mail programs to confirm when the message is read. */
        public Builder readReceipt(boolean requested) {
            this.readReceipt = requested;
            return this;
        }

        /**
         * Asks the servers for delivery status notifications (the reference's MsgDeliveryReceipt): NOTIFY=SUCCESS,
         * FAILURE,DELAY for every recipient without NOTIFY of its own in {@link #dsn(DsnOptions)}. A server without
         * DSN gets the message without it and a DSN_NOT_AVAILABLE notification, whatever
         * {@link io.github.smtpclient.TransferSettings#isDsnRequired()} says.
         */
        public Builder deliveryReceipt(boolean requested) {
            this.deliveryReceipt = requested;
            return this;
        }

        /**
         * Sets the delivery status notifications asked for (RFC 3461 NOTIFY, ORCPT, RET, ENVID); null for none. A
         * server without DSN gets the message without them, or refuses it before MAIL, as
         * {@link io.github.smtpclient.TransferSettings#isDsnRequired()} says.
         */
        public Builder dsn(DsnOptions dsn) {
            this.dsn = dsn == null ? DsnOptions.none() : dsn;
            return this;
        }

        /**
         * Asks for RFC 8689 REQUIRETLS for this message, or not ({@link RequireTlsPolicy#NONE}), whatever the
         * client's {@link io.github.smtpclient.TransferSettings#getRequireTls()}; null follows the client.
         */
        public Builder requireTls(RequireTlsPolicy policy) {
            this.requireTls = policy;
            return this;
        }

        /**
         * Writes {@code TLS-Required: No} (RFC 8689 section 5): the sender asks the servers on the way to deliver the
         * message even where their TLS policy (MTA-STS, DANE) would refuse an insecure hop. Such a message does not
         * take the client's REQUIRETLS default; asking for REQUIRETLS on the message as well is refused when it is
         * prepared.
         */
        public Builder tlsOptional(boolean optional) {
            this.tlsOptional = optional;
            return this;
        }

        /** Sets the plain-text body; null for none. */
        public Builder plainText(String text) {
            this.plainText = text;
            return this;
        }

        /** Sets the HTML body; null for none. With a plain-text body too, both are sent as alternatives. */
        public Builder htmlText(String html) {
            this.htmlText = html;
            return this;
        }

        /** Adds an attachment. */
        public Builder attach(Attachment attachment) {
            attachments = append(attachments, Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /** Replaces all attachments. */
        public Builder attachments(List<Attachment> attachments) {
            this.attachments = List.copyOf(attachments);
            return this;
        }

        /** Adds an image shown by the HTML text through {@code cid:}; it must have a content ID. */
        public Builder inline(Attachment image) {
            Objects.requireNonNull(image, "image");
            if (image.contentId().isEmpty()) {
                throw new IllegalArgumentException("The inline attachment " + image.fileName()
                        + " has no content ID; add one with withContentId(\"...\") and refer to it as cid:...");
            }
            inline = append(inline, image);
            return this;
        }

        /** Replaces all inline images. */
        public Builder inlineImages(List<Attachment> images) {
            inline = List.of();
            images.forEach(this::inline);
            return this;
        }

        /** Adds a custom header. */
        public Builder header(String name, String value) {
            headers = append(headers, new Header(name, value));
            return this;
        }

        /** Replaces all custom headers. */
        public Builder headers(List<Header> headers) {
            this.headers = List.copyOf(headers);
            return this;
        }

        /**
         * Marks the message's content as sensitive (one-time codes, password resets, personal data): the client's
         * protocol log then never shows its data, whatever the log level. Nothing of this is written to the message.
         */
        public Builder sensitive(boolean sensitive) {
            this.sensitive = sensitive;
            return this;
        }

        /** The message. */
        public MailMessage build() {
            return new MailMessage(this);
        }

        private static List<Mailbox> parse(String... addresses) {
            List<Mailbox> mailboxes = new ArrayList<>();
            Arrays.stream(addresses).filter(Objects::nonNull).forEach(a -> mailboxes.addAll(Mailbox.parseList(a)));
            return List.copyOf(mailboxes);
        }

        private static <T> List<T> append(List<T> list, T element) {
            List<T> copy = new ArrayList<>(list);
            copy.add(element);
            return List.copyOf(copy);
        }
    }
}
