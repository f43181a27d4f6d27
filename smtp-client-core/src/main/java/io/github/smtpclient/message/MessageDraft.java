package io.github.smtpclient.message;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;

import io.github.smtpclient.RequireTlsPolicy;

/**
 * A message filled in property by property, the way the reference component's Msg* properties work: addresses as
 * comma-separated strings, every setter replacing the previous value. Not thread-safe; take an immutable
 * {@link #toMailMessage()} snapshot to send. A draft and a {@link MailMessage} built with the same values give the
 * same bytes. Each setter checks its value at once and throws {@link IllegalArgumentException} naming it.
 */
public final class MessageDraft {

    private MailMessage message = MailMessage.builder().build();

    /** An empty draft. */
    public MessageDraft() {
    }

    /** An immutable snapshot of this draft. */
    public MailMessage toMailMessage() {
        return message;
    }

    /** Empties every property. */
    public void clear() {
        message = MailMessage.builder().build();
    }

    /** The From mailboxes as a comma-separated list (MsgFrom). */
    public String getFrom() {
        return format(message.from());
    }

    /** Sets the From mailboxes from address lists such as {@code "Alice <a@example.com>, b@example.com"}. */
    public void setFrom(String... addresses) {
        message = message.toBuilder().from(addresses).build();
    }

    /** MsgSender. */
    public String getSender() {
        return message.sender().map(Mailbox::toString).orElse("");
    }

    /** Sets MsgSender, the mailbox in the Sender header; blank for none. */
    public void setSender(String mailbox) {
        message = message.toBuilder().sender(blankToNull(mailbox)).build();
    }

    /** The To recipients (MsgSendTo). */
    public String getSendTo() {
        return format(message.to());
    }

    /** Sets the To recipients; each argument may hold several addresses separated by commas. */
    public void setSendTo(String... addresses) {
        message = message.toBuilder().to(addresses).build();
    }

    /** MsgCc. */
    public String getCc() {
        return format(message.cc());
    }

    /** Sets the Cc recipients; each argument may hold several addresses separated by commas. */
    public void setCc(String... addresses) {
        message = message.toBuilder().cc(addresses).build();
    }

    /** MsgBcc: envelope recipients never written into the message. */
    public String getBcc() {
        return format(message.bcc());
    }

    /** Sets the Bcc recipients, which are never written into the message. */
    public void setBcc(String... addresses) {
        message = message.toBuilder().bcc(addresses).build();
    }

    /** MsgReplyTo. */
    public String getReplyTo() {
        return format(message.replyTo());
    }

    /** Sets the Reply-To addresses. */
    public void setReplyTo(String... addresses) {
        message = message.toBuilder().replyTo(addresses).build();
    }

    /** MsgReturnPath: the envelope sender. */
    public String getReturnPath() {
        return message.returnPath().map(Mailbox::address).orElse("");
    }

    /** Sets the bounce address (envelope sender); blank for the default: the Sender, else the first From. */
    public void setReturnPath(String address) {
        message = message.toBuilder().returnPath(blankToNull(address)).build();
    }

    /** MsgSubject. */
    public String getSubject() {
        return message.subject().orElse("");
    }

    /** Sets the subject; empty for none. */
    public void setSubject(String subject) {
        message = message.toBuilder().subject(emptyToNull(subject)).build();
    }

    /** MsgDate; null until set, and then the send time is used. */
    public ZonedDateTime getDate() {
        return message.date().orElse(null);
    }

    /** Sets the Date header; null to use the time of sending. */
    public void setDate(ZonedDateTime date) {
        message = message.toBuilder().date(date).build();
    }

    /** MsgID, with angle brackets; empty until set, and then one is generated. */
    public String getMessageId() {
        return message.messageId().orElse("");
    }

    /** Sets the Message-ID; blank to have one generated. */
    public void setMessageId(String messageId) {
        message = message.toBuilder().messageId(blankToNull(messageId)).build();
    }

    /** MsgInReplyTo. */
    public String getInReplyTo() {
        return String.join(" ", message.inReplyTo());
    }

    /** Sets In-Reply-To: the Message-IDs of the messages this one answers, separated by spaces. */
    public void setInReplyTo(String messageIds) {
        message = message.toBuilder().inReplyTo(messageIds).build();
    }

    /** MsgReferences. */
    public String getReferences() {
        return String.join(" ", message.references());
    }

    /** Sets References: the Message-IDs of the thread, separated by spaces. */
    public void setReferences(String messageIds) {
        message = message.toBuilder().references(messageIds).build();
    }

    /** MsgKeywords, comma-separated. */
    public String getKeywords() {
        return String.join(", ", message.keywords());
    }

    /** Sets the Keywords, separated by commas. */
    public void setKeywords(String keywords) {
        message = message.toBuilder().keywords(keywords == null ? new String[0] : keywords.split(",")).build();
    }

    /** MsgComments. */
    public String getComments() {
        return message.comments().orElse("");
    }

    /** Sets the Comments header; blank for none. */
    public void setComments(String comments) {
        message = message.toBuilder().comments(blankToNull(comments)).build();
    }

    /** MsgMailer, written as X-Mailer. */
    public String getMailer() {
        return message.mailer().orElse("");
    }

    /** Sets the X-Mailer header; blank for none. */
    public void setMailer(String mailer) {
        message = message.toBuilder().mailer(blankToNull(mailer)).build();
    }

    /** MsgPriority; null for none. */
    public Priority getPriority() {
        return message.priority().orElse(null);
    }

    /** Sets the priority; null for none. */
    public void setPriority(Priority priority) {
        message = message.toBuilder().priority(priority).build();
    }

    /** MsgReadReceipt. */
    public boolean isReadReceipt() {
        return message.readReceipt();
    }

    /** Sets whether a read receipt is requested (Disposition-Notification-To). */
    public void setReadReceipt(boolean requested) {
        message = message.toBuilder().readReceipt(requested).build();
    }

    /** MsgDeliveryReceipt. */
    public boolean isDeliveryReceipt() {
        return message.deliveryReceipt();
    }

    /** Sets whether a delivery receipt is requested (DSN, when the server offers it). */
    public void setDeliveryReceipt(boolean requested) {
        message = message.toBuilder().deliveryReceipt(requested).build();
    }

    /** The delivery status notifications asked for (RFC 3461 NOTIFY, ORCPT, RET, ENVID). */
    public DsnOptions getDsn() {
        return message.dsn();
    }

    /** Sets the delivery status notifications asked for; null for none. See {@link MailMessage.Builder#dsn}. */
    public void setDsn(DsnOptions dsn) {
        message = message.toBuilder().dsn(dsn).build();
    }

    /** Whether the message asks for RFC 8689 REQUIRETLS; null for the client's setting. */
    public RequireTlsPolicy getRequireTls() {
        return message.requireTls().orElse(null);
    }

    /** Sets whether the message asks for REQUIRETLS; null for the client's setting. See {@link MailMessage.Builder#requireTls}. */
    public void setRequireTls(RequireTlsPolicy policy) {
        message = message.toBuilder().requireTls(policy).build();
    }

    /** Whether the message carries {@code TLS-Required: No} (RFC 8689 section 5). */
    public boolean isTlsOptional() {
        return message.tlsOptional();
    }

    /** Sets whether the message carries {@code TLS-Required: No}; see {@link MailMessage.Builder#tlsOptional}. */
    public void setTlsOptional(boolean optional) {
        message = message.toBuilder().tlsOptional(optional).build();
    }

    /** MsgPlainText. */
    public String getPlainText() {
        return message.plainText().orElse("");
    }

    /** Sets the plain-text body; empty for none. */
    public void setPlainText(String text) {
        message = message.toBuilder().plainText(emptyToNull(text)).build();
    }

    /** MsgHtmlText. */
    public String getHtmlText() {
        return message.htmlText().orElse("");
    }

    /** Sets the HTML body; empty for none. */
    public void setHtmlText(String html) {
        message = message.toBuilder().htmlText(emptyToNull(html)).build();
    }

    /** MsgAttachmentCount. */
    public int getAttachmentCount() {
        return message.attachments().size();
    }

    /** The attachments, in order. */
    public List<Attachment> getAttachments() {
        return message.attachments();
    }

    /** Adds an attachment. */
    public void addAttachment(Attachment attachment) {
        message = message.toBuilder().attach(attachment).build();
    }

    /** Removes every attachment. */
    public void clearAttachments() {
        message = message.toBuilder().attachments(List.of()).build();
    }

    /** Adds an image the HTML text shows as {@code cid:} plus the image's content ID. */
    public void addInlineImage(Attachment image) {
        message = message.toBuilder().inline(image).build();
    }

    /** Adds a custom header. */
    public void addHeader(String name, String value) {
        message = message.toBuilder().header(name, value).build();
    }

    private static String format(List<Mailbox> mailboxes) {
        return mailboxes.stream().map(Mailbox::toString).collect(Collectors.joining(", "));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
