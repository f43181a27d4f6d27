package io.github.smtpclient.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.EsmtpParameter;
import io.github.smtpclient.Hint;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.RequireTlsPolicy;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.ServerInfo;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.text.PrintableText;

/**
 * Builds the MAIL FROM and RCPT TO lines of one transaction from an envelope and what the server offers:
 * SIZE, BODY, SMTPUTF8, the DSN parameters, AUTH, MT-PRIORITY and REQUIRETLS (RFC 1870, 6152, 3030, 6531, 3461,
 * 4954, 6710, 8689), then the envelope's further parameters. Refuses, before anything is sent, an envelope this
 * server cannot take; and records what the message asked for and goes without ({@link #downgrades()}). This is the
 * one place that writes DSN parameters, for raw and composed messages alike.
 */
final class EnvelopeCommands {

    /** An ORCPT value that names its RFC 3461 addr-type (an atom) before the address. */
    private static final Pattern TYPED_ADDRESS = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*);(.+)");

    private final String mailFrom;
    private final List<String> rcptTo;
    private final Set<SendResult.Downgrade> downgrades;

    private EnvelopeCommands(String mailFrom, List<String> rcptTo, Set<SendResult.Downgrade> downgrades) {
        this.mailFrom = mailFrom;
        this.rcptTo = rcptTo;
        this.downgrades = downgrades;
    }

    /**
     * @param authenticated whether this session authenticated, without which {@code AUTH=} is not sent
     * @param secure        whether the connection is encrypted
     * @param settings      the session's defaults for DSN and REQUIRETLS, and whether its TLS was validated
     */
    static EnvelopeCommands plan(Envelope envelope, MessageContent content, ServerInfo server, boolean bdat,
            boolean authenticated, boolean secure, SessionSettings settings, SmtpListener listener)
            throws SmtpException {
        Set<SendResult.Downgrade> downgrades = EnumSet.noneOf(SendResult.Downgrade.class);
        boolean requireTls = requireTls(envelope.requireTls().orElse(settings.requireTls()), server, secure, settings,
                listener, downgrades);
        checkAddress(envelope.sender(), "envelope sender", true);
        boolean utf8 = content.needsSmtpUtf8() || !isAscii(envelope.sender());
        for (Envelope.Recipient recipient : envelope.recipients()) {
            checkAddress(recipient.address(), "envelope recipient", false);
            utf8 |= !isAscii(recipient.address());
        }
        if (utf8 && !server.isSmtpUtf8Supported()) {
            throw new SmtpException(SmtpErrorCode.EXTENSION_NOT_SUPPORTED, "The envelope or message has internationalised"
                    + " (UTF-8) addresses but the server does not offer SMTPUTF8; use ASCII addresses for this server");
        }
        // Sized for the parameters most commands carry, so the builder does not grow on every message.
        StringBuilder mail = new StringBuilder(envelope.sender().length() + 96).append("MAIL FROM:<")
                .append(envelope.sender()).append('>');
        long size = content.size();
        if (size >= 0 && server.isSizeSupported()) {
            if (server.maxMessageSize().isPresent() && size > server.maxMessageSize().getAsLong()) {
                throw new SmtpException(SmtpErrorCode.MESSAGE_TOO_LARGE, "The message is " + size + " bytes but the"
                        + " server accepts at most " + server.maxMessageSize().getAsLong() + " bytes");
            }
            mail.append(" SIZE=").append(size);
        }
        appendBody(mail, content.encoding(), server, bdat);
        if (utf8) {
            mail.append(" SMTPUTF8");
        }
        boolean dsn = dsn(envelope, server, settings, listener, downgrades);
        if (dsn) {
            envelope.dsnReturn().ifPresent(ret -> mail.append(" RET=").append(ret.name()));
            envelope.envelopeId().ifPresent(id -> mail.append(" ENVID=").append(xtext(id)));
        }
        appendAuthAndPriority(mail, envelope, server, authenticated, listener, downgrades);
        if (requireTls) {
            mail.append(" REQUIRETLS");
        }
        appendParameters(mail, envelope.mailParameters());
        List<String> rcpts = new ArrayList<>(envelope.recipients().size());
        for (Envelope.Recipient recipient : envelope.recipients()) {
            StringBuilder rcpt = new StringBuilder(recipient.address().length() + 48).append("RCPT TO:<")
                    .append(recipient.address()).append('>');
            if (dsn && !recipient.dsnNotify().isEmpty()) {
                rcpt.append(" NOTIFY=").append(String.join(",", recipient.dsnNotify().stream()
                        .sorted().map(Enum::name).toList()));
            }
            if (dsn && recipient.originalRecipient() != null) {
                rcpt.append(" ORCPT=").append(originalRecipient(recipient.originalRecipient(), utf8));
            }
            appendParameters(rcpt, recipient.parameters());
            rcpts.add(rcpt.toString());
        }
        return new EnvelopeCommands(mail.toString(), List.copyOf(rcpts),
                downgrades.isEmpty() ? Set.of() : Set.copyOf(downgrades));
    }

    /**
     * RFC 3461: DSN parameters only to a server that offers DSN. Without, a message whose DSN parameters are required
     * is refused here; any other goes without them, and the listener and the result are told.
     */
    private static boolean dsn(Envelope envelope, ServerInfo server, SessionSettings settings, SmtpListener listener,
            Set<SendResult.Downgrade> downgrades) throws SmtpException {
        if (!envelope.requestsDsn() || server.isDsnSupported()) {
            return envelope.requestsDsn();
        }
        if (envelope.dsnRequired().orElse(settings.dsnRequired())) {
            throw new SmtpException(SmtpErrorCode.EXTENSION_NOT_SUPPORTED, "The message sets DSN parameters (NOTIFY,"
                    + " ORCPT, RET or ENVID), which are required, but the server does not offer DSN; nothing was sent")
                    .withHint(Hint.of("Send it through a server that offers DSN, or set {} to send it without.",
                            Setting.DSN_REQUIRED.to("false")));
        }
        listener.notification(new NotificationEvent(NotificationEvent.Kind.DSN_NOT_AVAILABLE,
                "A delivery status notification was requested but the server does not offer DSN; sending without"));
        downgrades.add(SendResult.Downgrade.DSN);
        return false;
    }

    /**
     * RFC 8689 section 4.1: REQUIRETLS only to a server that advertises it, over TLS whose certificate was validated.
     * When it cannot be sent, REQUIRE refuses the message here, before MAIL; OPPORTUNISTIC sends it without and says
     * so.
     */
    private static boolean requireTls(RequireTlsPolicy policy, ServerInfo server, boolean secure,
            SessionSettings settings, SmtpListener listener, Set<SendResult.Downgrade> downgrades)
            throws SmtpException {
        if (policy == RequireTlsPolicy.NONE) {
            return false;
        }
        String missing = !secure ? "the connection is not encrypted"
                : !settings.tlsVerified().getAsBoolean() ? "the server's certificate was not validated with its host"
                        + " name (validation or the host name check is off, or a listener accepted a failed chain)"
                : !server.isRequireTlsSupported() ? "the server does not advertise REQUIRETLS" : null;
        if (missing == null) {
            return true;
        }
        if (policy == RequireTlsPolicy.REQUIRE) {
            throw new SmtpException(SmtpErrorCode.REQUIRETLS_NOT_AVAILABLE, "The message requires REQUIRETLS (RFC"
                    + " 8689) but " + missing + "; nothing was sent")
                    .withHint(Hint.of("Send it over TLS with certificate validation to a server that offers REQUIRETLS,"
                            + " or set {} to send it without.", Setting.REQUIRE_TLS.to("OPPORTUNISTIC")));
        }
        listener.notification(new NotificationEvent(NotificationEvent.Kind.REQUIRETLS_NOT_AVAILABLE, "REQUIRETLS was"
                + " asked for but " + missing + "; sending without it"));
        downgrades.add(SendResult.Downgrade.REQUIRETLS);
        return false;
    }

    /**
     * The ORCPT value (RFC 3461 section 4.2, addr-type ";" xtext): {@code rfc822;} and the xtext of an ASCII mailbox,
     * or for a mailbox with UTF-8 the {@code utf-8;} address type of RFC 6533 section 3: raw UTF-8
     * (utf-8-addr-unitext) in a transaction that declares SMTPUTF8, {@code \x{HEX}} for each non-ASCII character
     * (utf-8-addr-xtext) otherwise. In both UTF-8 forms '+', '=', '\' and anything below '!' become {@code \x{HEX}}
     * too. A value that already names its address type ({@code rfc822;bob@example.com}: no mailbox has a ';' before
     * its '@' outside quotes) keeps it, and only the address after it is encoded.
     */
    static String originalRecipient(String value, boolean smtpUtf8) {
        Matcher typed = TYPED_ADDRESS.matcher(value);
        String type = typed.matches() ? typed.group(1) : null;
        String address = type == null ? value : typed.group(2);
        if (type != null && !type.equalsIgnoreCase("utf-8") && !type.equalsIgnoreCase("rfc822")) {
            return type + ";" + xtext(address);
        }
        if (isAscii(address) && !"utf-8".equalsIgnoreCase(type)) {
            return "rfc822;" + xtext(address);
        }
        StringBuilder out = new StringBuilder(address.length() + 16).append("utf-8;");
        address.codePoints().forEach(c -> {
            boolean plain = c > ' ' && c != '+' && c != '=' && c != '\\' && c != 0x7f && (c < 0x80 || smtpUtf8);
            if (plain) {
                out.appendCodePoint(c);
            } else {
                out.append("\\x{").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append('}');
            }
        });
        return out.toString();
    }

    /**
     * Declares what the content is, never less: 8-bit data needs 8BITMIME (or BINARYMIME over BDAT), binary data
     * BINARYMIME over BDAT. A server without what the content needs gets nothing of the transaction: the message
     * is refused here, before MAIL.
     */
    private static void appendBody(StringBuilder mail, MessageContent.Encoding encoding, ServerInfo server, boolean bdat)
            throws SmtpException {
        boolean binaryMime = bdat && server.isBinarySupported();
        switch (encoding) {
            case SEVEN_BIT -> {
            }
            case EIGHT_BIT -> {
                if (server.isEightBitMimeSupported()) {
                    mail.append(" BODY=8BITMIME");
                } else if (binaryMime) {
                    mail.append(" BODY=BINARYMIME");
                } else {
                    throw new SmtpException(SmtpErrorCode.EXTENSION_NOT_SUPPORTED, "The message has 8-bit data, which"
                            + " needs the 8BITMIME extension, but the server does not offer it (nor CHUNKING with"
                            + " BINARYMIME in binary mode). Send it 7-bit: encode 8-bit parts as quoted-printable or"
                            + " base64");
                }
            }
            case BINARY -> {
                if (!binaryMime) {
                    throw new SmtpException(SmtpErrorCode.EXTENSION_NOT_SUPPORTED, "The message has binary content,"
                            + " which needs CHUNKING and BINARYMIME and binary mode enabled; the server or the"
                            + " settings do not allow it. Send it base64-encoded instead");
                }
                mail.append(" BODY=BINARYMIME");
            }
        }
    }

    /**
     * RFC 4954 section 5: {@code AUTH=} means something only in an authenticated session with a server that offers
     * AUTH, so it is sent only then. RFC 6710: MT-PRIORITY only to a server that advertises it; without, the message
     * goes at the server's default priority and the listener is told.
     */
    private static void appendAuthAndPriority(StringBuilder mail, Envelope envelope, ServerInfo server,
            boolean authenticated, SmtpListener listener, Set<SendResult.Downgrade> downgrades) throws SmtpException {
        if (envelope.authorizedIdentity().isPresent() && authenticated && server.isSaslSupported()) {
            String identity = envelope.authorizedIdentity().get();
            checkAddress(identity, "AUTH= identity", true);
            mail.append(" AUTH=").append(identity.isEmpty() ? "<>" : xtext(identity));
        }
        if (envelope.mtPriority().isPresent()) {
            if (server.isMtPrioritySupported()) {
                mail.append(" MT-PRIORITY=").append(envelope.mtPriority().getAsInt());
            } else {
                listener.notification(new NotificationEvent(NotificationEvent.Kind.MT_PRIORITY_NOT_AVAILABLE,
                        "An MT-PRIORITY was set but the server does not offer MT-PRIORITY; sending without"));
                downgrades.add(SendResult.Downgrade.MT_PRIORITY);
            }
        }
    }

    /** The envelope's further parameters, checked against the esmtp-keyword/esmtp-value grammar when made. */
    private static void appendParameters(StringBuilder command, List<EsmtpParameter> parameters) {
        for (EsmtpParameter parameter : parameters) {
            command.append(' ').append(parameter.toCommandText());
        }
    }

    String mailFrom() {
        return mailFrom;
    }

    List<String> rcptTo() {
        return rcptTo;
    }

    /**
     * The octets of MAIL and every RCPT on the wire, each with its CRLF, at most: counted as UTF-8 at up to three octets
     * a character (a surrogate pair takes four), so no encoding is made to count them.
     */
    long wireLength() {
        long length = utf8Bound(mailFrom);
        for (String rcpt : rcptTo) {
            length += utf8Bound(rcpt);
        }
        return length;
    }

    private static long utf8Bound(String line) {
        long octets = 2;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            octets += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return octets;
    }

    /** What the message asked for and this transaction goes without. */
    Set<SendResult.Downgrade> downgrades() {
        return downgrades;
    }

    /**
     * A path must be a bare address: anything that could close the angle brackets or start a parameter would let
     * an address smuggle ESMTP parameters into the command. The local part is an RFC 5321 Dot-string, or a
     * Quoted-string, which may hold spaces ({@code "john doe"@example.com}) but, like the rest, no control
     * character and no angle bracket.
     */
    static void checkAddress(String address, String field, boolean mayBeNull) throws SmtpException {
        if (address.isEmpty()) {
            if (mayBeNull) {
                return;
            }
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The " + field + " is empty; give an address");
        }
        int i = address.startsWith("\"") ? quotedStringEnd(address, field) : 0;
        for (; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '<' || c == '>' || c <= ' ' || c == 0x7f || c == '"') {
                throw badCharacter(address, field, c, i);
            }
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The " + field + " '" + PrintableText.excerpt(address)
                    + "' is not an address of the form local-part@domain");
        }
    }

    /** RFC 5321 Quoted-string: qtextSMTP and quoted-pairSMTP (and UTF-8 for SMTPUTF8); returns the index after it. */
    private static int quotedStringEnd(String address, String field) throws SmtpException {
        for (int i = 1; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < ' ' || c == 0x7f || c == '<' || c == '>') {
                throw badCharacter(address, field, c, i);
            }
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && ++i < address.length()) {
                char quoted = address.charAt(i);
                if (quoted < ' ' || quoted > '~' || quoted == '<' || quoted == '>') {
                    throw badCharacter(address, field, quoted, i);
                }
            }
        }
        throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The " + field + " '" + PrintableText.excerpt(address)
                + "' has a quoted local part without its closing '\"'");
    }

    private static SmtpException badCharacter(String address, String field, char c, int position) {
        return new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The " + field + " '" + PrintableText.excerpt(address)
                + "' contains " + describe(c) + " at position " + position + "; give a bare address such as"
                + " user@example.com (no display name, no angle brackets)");
    }

    private static String describe(char c) {
        return c == ' ' ? "a space outside quotes" : c < ' ' || c == 0x7f
                ? String.format(Locale.ROOT, "control character 0x%02X", (int) c) : "'" + c + "'";
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3461 section 4: xtext, "+XX" for '+', '=' and anything outside '!'..'~'. */
    static String xtext(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < '!' || c > '~' || c == '+' || c == '=') {
                out.append('+').append(String.format(Locale.ROOT, "%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
