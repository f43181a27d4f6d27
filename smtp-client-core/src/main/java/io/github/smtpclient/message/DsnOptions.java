package io.github.smtpclient.message;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.text.PrintableText;

/**
 * The delivery status notifications (RFC 3461) a composed message asks for: NOTIFY for every recipient or per
 * recipient, ORCPT per recipient, RET and ENVID. Immutable; each {@code with} method returns a copy. The values are
 * the raw path's own ({@link Envelope.DsnNotify}, {@link Envelope.DsnReturn}): the composer puts them into the
 * message's {@link Envelope}, and the engine writes them, or, for a server without DSN, leaves them out or refuses
 * the message as {@link io.github.smtpclient.TransferSettings#isDsnRequired()} says.
 *
 * <pre>{@code
 * MailMessage.builder()...
 *         .dsn(DsnOptions.notifying(DsnNotify.FAILURE, DsnNotify.DELAY)
 *                 .withNotify("ceo@example.com", DsnNotify.SUCCESS, DsnNotify.FAILURE)
 *                 .withReturn(DsnReturn.HDRS)
 *                 .withEnvelopeId("order-4711"))
 * }</pre>
 *
 * <p>Recipients are named by their bare address, ignoring case; a name the message does not have is refused when it
 * is prepared. A recipient without NOTIFY of its own takes the message's, else the delivery receipt's
 * (SUCCESS, FAILURE, DELAY, when {@link MailMessage#deliveryReceipt()} is set), else the server's default.
 */
public final class DsnOptions {

    /** The longest ENVID RFC 3461 section 4.4 allows, in characters. */
    public static final int MAX_ENVELOPE_ID_LENGTH = 100;

    private static final DsnOptions NONE = new DsnOptions(Set.of(), Map.of(), Map.of(), null, null);

    private final Set<Envelope.DsnNotify> notify;
    private final Map<String, Set<Envelope.DsnNotify>> notifyByRecipient;
    private final Map<String, String> originalRecipients;
    private final Envelope.DsnReturn dsnReturn;
    private final String envelopeId;

    private DsnOptions(Set<Envelope.DsnNotify> notify, Map<String, Set<Envelope.DsnNotify>> notifyByRecipient,
            Map<String, String> originalRecipients, Envelope.DsnReturn dsnReturn, String envelopeId) {
        this.notify = notify;
        this.notifyByRecipient = Map.copyOf(notifyByRecipient);
        this.originalRecipients = Map.copyOf(originalRecipients);
        this.dsnReturn = dsnReturn;
        this.envelopeId = envelopeId;
    }

    /** No DSN parameters: the server's defaults (the default of every message). */
    public static DsnOptions none() {
        return NONE;
    }

    /** NOTIFY for every recipient: {@code NEVER} alone, or any of SUCCESS, FAILURE and DELAY. */
    public static DsnOptions notifying(Envelope.DsnNotify... when) {
        return NONE.withNotify(when);
    }

    /**
     * This request with NOTIFY for every recipient that has none of its own.
     *
     * @throws IllegalArgumentException when {@code when} is empty, or combines NEVER with another value
     */
    public DsnOptions withNotify(Envelope.DsnNotify... when) {
        return new DsnOptions(checked(when, "every recipient"), notifyByRecipient, originalRecipients, dsnReturn,
                envelopeId);
    }

    /**
     * This request with NOTIFY for one recipient, which replaces the message's for it.
     *
     * @param recipient a bare address of the message's To, Cc or Bcc, for example {@code bob@example.com}
     * @throws IllegalArgumentException when {@code when} is empty, or combines NEVER with another value
     */
    public DsnOptions withNotify(String recipient, Envelope.DsnNotify... when) {
        Map<String, Set<Envelope.DsnNotify>> more = new LinkedHashMap<>(notifyByRecipient);
        more.put(key(recipient), checked(when, recipient));
        return new DsnOptions(notify, more, originalRecipients, dsnReturn, envelopeId);
    }

    /**
     * This request with the ORCPT of one recipient: the address the message was first sent to, when this send
     * forwards it. Sent as {@code rfc822;} xtext, or {@code utf-8;} (RFC 6533) for an address with UTF-8; a value
     * that names its address type ({@code rfc822;bob@example.com}) keeps it.
     *
     * @param recipient a bare address of the message's To, Cc or Bcc
     * @param original  the original recipient, a bare address
     * @throws IllegalArgumentException when {@code original} is blank or holds a control character or a space
     */
    public DsnOptions withOriginalRecipient(String recipient, String original) {
        Objects.requireNonNull(original, "original");
        if (original.isBlank() || original.codePoints().anyMatch(c -> c <= ' ' || c == 0x7f
                || (c >= 0x80 && c < 0xa0))) {
            throw new IllegalArgumentException("The original recipient (ORCPT) '" + PrintableText.excerpt(original)
                    + "' of " + recipient + " must be a bare address without spaces or control characters");
        }
        Map<String, String> more = new LinkedHashMap<>(originalRecipients);
        more.put(key(recipient), original);
        return new DsnOptions(notify, notifyByRecipient, more, dsnReturn, envelopeId);
    }

    /** This request with RET: what of the message a notification returns; null for the server's default. */
    public DsnOptions withReturn(Envelope.DsnReturn ret) {
        return new DsnOptions(notify, notifyByRecipient, originalRecipients, ret, envelopeId);
    }

    /**
     * This request with ENVID, an identifier that notifications quote back (xtext-encoded on the wire); null for
     * none.
     *
     * @throws IllegalArgumentException when it is empty, longer than {@value #MAX_ENVELOPE_ID_LENGTH} characters,
     *                                  or not printable US-ASCII
     */
    public DsnOptions withEnvelopeId(String id) {
        if (id != null && (id.isEmpty() || id.length() > MAX_ENVELOPE_ID_LENGTH
                || !id.chars().allMatch(c -> c >= ' ' && c < 0x7f))) {
            throw new IllegalArgumentException("The DSN envelope ID (ENVID) '" + PrintableText.excerpt(id) + "' must be"
                    + " 1 to " + MAX_ENVELOPE_ID_LENGTH + " printable US-ASCII characters (RFC 3461 section 4.4)");
        }
        return new DsnOptions(notify, notifyByRecipient, originalRecipients, dsnReturn, id);
    }

    /** NOTIFY for the recipients that have none of their own; empty for the server's default. */
    public Set<Envelope.DsnNotify> defaultNotify() {
        return notify;
    }

    /** NOTIFY for {@code recipient}: its own, else {@link #defaultNotify()}. */
    public Set<Envelope.DsnNotify> notifyFor(String recipient) {
        return notifyByRecipient.getOrDefault(key(recipient), notify);
    }

    /** The ORCPT of {@code recipient}, when one was given. */
    public Optional<String> originalRecipientFor(String recipient) {
        return Optional.ofNullable(originalRecipients.get(key(recipient)));
    }

    /** The recipients named by {@link #withNotify(String, Envelope.DsnNotify...)} or ORCPT, in lower case. */
    public Set<String> namedRecipients() {
        Set<String> named = new TreeSet<>(notifyByRecipient.keySet());
        named.addAll(originalRecipients.keySet());
        return Set.copyOf(named);
    }

    /** RET, when given. */
    public Optional<Envelope.DsnReturn> dsnReturn() {
        return Optional.ofNullable(dsnReturn);
    }

    /** ENVID, when given. */
    public Optional<String> envelopeId() {
        return Optional.ofNullable(envelopeId);
    }

    /** Whether nothing is asked for. */
    public boolean isEmpty() {
        return notify.isEmpty() && notifyByRecipient.isEmpty() && originalRecipients.isEmpty() && dsnReturn == null
                && envelopeId == null;
    }

    private static Set<Envelope.DsnNotify> checked(Envelope.DsnNotify[] when, String whose) {
        if (when.length == 0) {
            throw new IllegalArgumentException("DSN NOTIFY for " + whose + " needs at least one value (NEVER, or any"
                    + " of SUCCESS, FAILURE and DELAY)");
        }
        Set<Envelope.DsnNotify> set = EnumSet.noneOf(Envelope.DsnNotify.class);
        for (Envelope.DsnNotify value : when) {
            set.add(Objects.requireNonNull(value, "DSN NOTIFY value"));
        }
        if (set.contains(Envelope.DsnNotify.NEVER) && set.size() > 1) {
            throw new IllegalArgumentException("DSN NOTIFY=NEVER cannot be combined with other values for " + whose);
        }
        return Set.copyOf(set);
    }

    private static String key(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return recipient.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "DsnOptions[notify=" + notify + ", byRecipient=" + notifyByRecipient + ", orcpt=" + originalRecipients
                + ", ret=" + dsnReturn + ", envid=" + envelopeId + "]";
    }
}
