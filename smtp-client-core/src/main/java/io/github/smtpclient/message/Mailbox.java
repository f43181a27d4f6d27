package io.github.smtpclient.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.smtpclient.text.PrintableText;


/**
 * One e-mail mailbox: an optional display name and an address ({@code local-part@domain}), immutable.
 *
 * <p>{@link #parse(String)} and {@link #parseList(String)} read the RFC 5322 syntax found in {@code From},
 * {@code To} and similar headers: display names (quoted or not, UTF-8 allowed), quoted local parts, comments,
 * groups (their members are returned, the group name is dropped), and the harmless obsolete forms. Invalid input
 * raises an {@link IllegalArgumentException} whose message names the bad address and says what is wrong.
 *
 * <pre>{@code
 * Mailbox.parse("\"Doe, John\" <john.doe@example.com>")  // display name "Doe, John"
 * Mailbox.parseList("Team: a@example.com, b@example.com;, c@example.com")  // three mailboxes
 * Mailbox.of("Jane", "jane@example.com")
 * }</pre>
 */
public final class Mailbox {

    private final String displayName;
    private final String localPart;
    private final String domain;
    /** Derived once: every send writes the address into the envelope and the header fields. */
    private final String address;
    private final boolean asciiLocalPart;
    private final boolean asciiDomain;

    private Mailbox(String displayName, String localPart, String domain) {
        this.displayName = displayName;
        this.localPart = localPart;
        this.domain = domain;
        this.address = quoteLocalPartIfNeeded(localPart) + "@" + domain;
        this.asciiLocalPart = isAscii(localPart);
        this.asciiDomain = isAscii(domain);
    }

    /**
     * The one way a mailbox is made, so every address accepted anywhere (envelope, From, Reply-To, a raw message's
     * headers) is free of control characters: the parser lets a quoted local part or a domain literal carry any
     * character, and RFC 5321 allows none of these on the wire.
     */
    static Mailbox create(String displayName, String localPart, String domain) {
        checkNoControl(localPart, "local part", localPart, domain);
        checkNoControl(domain, "domain", localPart, domain);
        return new Mailbox(checkDisplayName(displayName), localPart, domain);
    }

    private static void checkNoControl(String part, String name, String localPart, String domain) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("Invalid e-mail address \"" + PrintableText.excerpt(quoteLocalPartIfNeeded(
                        localPart) + "@" + domain) + "\": its " + name + " contains the control character "
                        + String.format(java.util.Locale.ROOT, "0x%02X", (int) c) + ", which no address may carry");
            }
        }
    }

    /**
     * A mailbox without display name.
     *
     * @param address an address such as {@code user@example.com}; angle brackets are allowed
     * @throws IllegalArgumentException when the address is not a valid RFC 5322 address
     */
    public static Mailbox of(String address) {
        return of(null, address);
    }

    /**
     * A mailbox with a display name.
     *
     * @param displayName the name shown to people, any Unicode text without line breaks; null or blank for none
     * @param address     an address such as {@code user@example.com}; angle brackets are allowed
     * @throws IllegalArgumentException when the address is invalid or the name contains a control character
     */
    public static Mailbox of(String displayName, String address) {
        Objects.requireNonNull(address, "address");
        Mailbox parsed = AddressParser.parseMailbox(address);
        if (parsed.displayName != null && address.indexOf('<') >= 0) {
            throw new IllegalArgumentException("Invalid e-mail address \"" + PrintableText.excerpt(address)
                    + "\": give the display name separately, or use Mailbox.parse");
        }
        return create(displayName, parsed.localPart, parsed.domain);
    }

    /**
     * Parses one mailbox: {@code user@example.com}, {@code Name <user@example.com>} or
     * {@code "Quoted, Name" <user@example.com>}.
     *
     * @throws IllegalArgumentException when the text is not exactly one valid mailbox
     */
    public static Mailbox parse(String text) {
        return AddressParser.parseMailbox(Objects.requireNonNull(text, "text"));
    }

    /**
     * Parses an RFC 5322 address list, the value of a {@code To}, {@code Cc}, {@code Bcc}, {@code From} or
     * {@code Reply-To} header. Group members are returned in order and group names dropped; an empty group
     * ({@code undisclosed-recipients:;}) contributes nothing, so the result may be empty.
     *
     * @throws IllegalArgumentException naming the first invalid address
     */
    public static List<Mailbox> parseList(String headerValue) {
        return List.copyOf(AddressParser.parseList(Objects.requireNonNull(headerValue, "headerValue")));
    }

    /** The display name, unquoted and unescaped, when there is one. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** The local part, unquoted: for {@code "john doe"@example.com} it is {@code john doe}. */
    public String localPart() {
        return localPart;
    }

    /** The domain as written: a host name (possibly internationalised) or an address literal like {@code [192.0.2.1]}. */
    public String domain() {
        return domain;
    }

    /**
     * The address as it goes into SMTP commands: {@code local-part@domain}, the local part quoted only when it
     * is not a dot-atom ({@code "john doe"@example.com}).
     */
    public String address() {
        return address;
    }

    /** Whether the local part or the domain contains non-ASCII characters (RFC 6531 internationalised address). */
    public boolean isInternational() {
        return !asciiLocalPart || !asciiDomain;
    }

    boolean hasAsciiLocalPart() {
        return asciiLocalPart;
    }

    boolean hasAsciiDomain() {
        return asciiDomain;
    }

    /**
     * The mailbox in RFC 5322 form, {@code Name <local@domain>}, with the name quoted when needed and left
     * unencoded (for display and logs; the message writer encodes non-ASCII names).
     */
    @Override
    public String toString() {
        if (displayName == null) {
            return address();
        }
        return quotePhraseIfNeeded(displayName) + " <" + address() + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mailbox that && Objects.equals(displayName, that.displayName)
                && localPart.equals(that.localPart) && domain.equals(that.domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(displayName, localPart, domain);
    }

    static String quoteLocalPartIfNeeded(String localPart) {
        return isDotAtom(localPart) ? localPart : quote(localPart);
    }

    static String quotePhraseIfNeeded(String phrase) {
        for (String word : phrase.split(" ", -1)) {
            if (!isDotAtom(word)) {
                return quote(phrase);
            }
        }
        return phrase;
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static boolean isDotAtom(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '.' && !AddressParser.isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String checkDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return null;
        }
        for (int i = 0; i < displayName.length(); i++) {
            char c = displayName.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new IllegalArgumentException("Invalid display name \"" + PrintableText.excerpt(displayName)
                        + "\": it contains a line break or control character");
            }
        }
        return displayName.strip();
    }
}
