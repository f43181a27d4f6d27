package io.github.smtpclient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the server said about itself in its EHLO reply: the reference's ServerInfo rows plus the other
 * extensions the engine uses. After STARTTLS the client forgets the previous instance and asks again, so a
 * man in the middle cannot plant capabilities before encryption.
 */
public final class ServerInfo {

    private static final ServerInfo NONE = new ServerInfo(false, List.of(), Map.of());

    private final boolean available;
    private final List<String> lines;
    private final Map<String, List<String>> extensions;
    /** RFC 9422 limits by upper-case name, parsed once: the engine asks for them on every transaction. */
    private final Map<String, OptionalInt> limits;
    /** Parsed once too: asked for every message. */
    private final OptionalLong maxMessageSize;

    private ServerInfo(boolean available, List<String> lines, Map<String, List<String>> extensions) {
        this.available = available;
        this.lines = List.copyOf(lines);
        this.extensions = Collections.unmodifiableMap(extensions);
        this.limits = limits(this.lines);
        this.maxMessageSize = parseMaxMessageSize(extensions);
    }

    /** No extensions: the server answered HELO only, or the client is not connected. */
    public static ServerInfo none() {
        return NONE;
    }

    /**
     * Parses a positive EHLO reply. The first line is the server's name; each further line is a keyword with
     * parameters. Blank lines (smtp-sink ends with one) are ignored; the obsolete {@code AUTH=} form is read as AUTH.
     */
    public static ServerInfo fromEhlo(Reply reply) {
        Map<String, List<String>> extensions = new LinkedHashMap<>();
        List<String> replyLines = reply.lines();
        for (int i = 1; i < replyLines.size(); i++) {
            String line = replyLines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("[ =]+");
            String keyword = words[0].toUpperCase(Locale.ROOT);
            List<String> params = new ArrayList<>(extensions.getOrDefault(keyword, List.of()));
            for (int w = 1; w < words.length; w++) {
                if (!params.contains(words[w])) {
                    params.add(words[w]);
                }
            }
            extensions.put(keyword, List.copyOf(params));
        }
        return new ServerInfo(true, replyLines, extensions);
    }

    /** Whether the server answered EHLO, so extensions are known (the reference's ServerInfoAvailable). */
    public boolean isAvailable() {
        return available;
    }

    /** The EHLO reply lines as received, the first being the server's greeting name. */
    public List<String> lines() {
        return lines;
    }

    /** Whether the server advertised the extension keyword (case-insensitive). */
    public boolean supports(String keyword) {
        return advertised(keyword.toUpperCase(Locale.ROOT));
    }

    /** {@link #supports} for a keyword in upper case already: the engine asks several for every message. */
    private boolean advertised(String upperCaseKeyword) {
        return extensions.containsKey(upperCaseKeyword);
    }

    /** The parameters the server gave for an extension, empty if none or not advertised. */
    public List<String> parameters(String keyword) {
        return extensions.getOrDefault(keyword.toUpperCase(Locale.ROOT), List.of());
    }

    /** Every advertised extension keyword with its parameters, in order. */
    public Map<String, List<String>> extensions() {
        return extensions;
    }

    /** SASL mechanism names the server offers, upper case, in its order. */
    public Set<String> authMechanisms() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : parameters("AUTH")) {
            names.add(name.toUpperCase(Locale.ROOT));
        }
        return names;
    }

    /** The reference's ServerInfoSaslSupported: AUTH is advertised. */
    public boolean isSaslSupported() {
        return advertised("AUTH");
    }

    /** The reference's ServerInfoAuthPlainSupported: AUTH PLAIN is advertised. */
    public boolean isAuthPlainSupported() {
        return authMechanisms().contains("PLAIN");
    }

    /** The reference's ServerInfoAuthLoginSupported: AUTH LOGIN is advertised. */
    public boolean isAuthLoginSupported() {
        return authMechanisms().contains("LOGIN");
    }

    /** RFC 3030 BINARYMIME. */
    public boolean isBinarySupported() {
        return advertised("BINARYMIME");
    }

    /** RFC 3030 CHUNKING (BDAT). */
    public boolean isChunkingSupported() {
        return advertised("CHUNKING");
    }

    /** RFC 3461 DSN. */
    public boolean isDsnSupported() {
        return advertised("DSN");
    }

    /** RFC 1870 SIZE. */
    public boolean isSizeSupported() {
        return advertised("SIZE");
    }

    /** The SIZE limit in bytes; empty when SIZE is not advertised or declares no limit ({@code SIZE} or {@code SIZE 0}). */
    public OptionalLong maxMessageSize() {
        return maxMessageSize;
    }

    private static OptionalLong parseMaxMessageSize(Map<String, List<String>> extensions) {
        List<String> params = extensions.getOrDefault("SIZE", List.of());
        if (params.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long size = Long.parseLong(params.get(0));
            return size > 0 ? OptionalLong.of(size) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** RFC 2034 ENHANCEDSTATUSCODES (the reference's ServerInfoStatusCodesSupported). */
    public boolean isEnhancedStatusCodesSupported() {
        return advertised("ENHANCEDSTATUSCODES");
    }

    /** RFC 2920 PIPELINING. */
    public boolean isPipeliningSupported() {
        return advertised("PIPELINING");
    }

    /** RFC 6152 8BITMIME. */
    public boolean isEightBitMimeSupported() {
        return advertised("8BITMIME");
    }

    /** RFC 6531 SMTPUTF8. */
    public boolean isSmtpUtf8Supported() {
        return advertised("SMTPUTF8");
    }

    /** RFC 3207 STARTTLS. */
    public boolean isStartTlsSupported() {
        return advertised("STARTTLS");
    }

    /** RFC 8689 REQUIRETLS. */
    public boolean isRequireTlsSupported() {
        return advertised("REQUIRETLS");
    }

    /** RFC 6710 MT-PRIORITY: the server takes a priority per message on MAIL FROM. */
    public boolean isMtPrioritySupported() {
        return advertised("MT-PRIORITY");
    }

    /** RFC 9422 LIMITS: whether the server advertised any limit. */
    public boolean isLimitsSupported() {
        return advertised("LIMITS");
    }

    /**
     * RFC 9422 RCPTMAX: the most recipients the server takes in one transaction; empty when not advertised or not a
     * positive number. The engine splits a message with more recipients over several transactions.
     */
    public OptionalInt maxRecipientsPerTransaction() {
        return limit("RCPTMAX");
    }

    /**
     * RFC 9422 MAILMAX: the most transactions the server takes in one session; empty when not advertised or not a
     * positive number. The engine starts no transaction beyond it on this connection (see {@link SmtpErrorCode#TRANSACTION_LIMIT_REACHED}).
     */
    public OptionalInt maxTransactionsPerSession() {
        return limit("MAILMAX");
    }

    /**
     * RFC 9422 RCPTDOMAINMAX: the most distinct recipient domains the server takes in one transaction; empty when not
     * advertised or not a positive number. The engine keeps each transaction within it.
     */
    public OptionalInt maxRecipientDomainsPerTransaction() {
        return limit("RCPTDOMAINMAX");
    }

    /**
     * One {@code NAME=number} limit of the LIMITS keyword (RFC 9422 section 4), names compared case-insensitively.
     * Read from the reply lines: {@link #parameters} splits at '=' for the old {@code AUTH=} form.
     */
    private OptionalInt limit(String name) {
        return limits.getOrDefault(name, OptionalInt.empty());
    }

    /** The first LIMITS line's values; the first value given for a name counts, a malformed one as no limit. */
    private static Map<String, OptionalInt> limits(List<String> lines) {
        for (int i = 1; i < lines.size(); i++) {
            String[] words = lines.get(i).trim().split(" +");
            if (words[0].equalsIgnoreCase("LIMITS")) {
                Map<String, OptionalInt> limits = new HashMap<>();
                for (int w = 1; w < words.length; w++) {
                    int equals = words[w].indexOf('=');
                    if (equals > 0) {
                        limits.putIfAbsent(words[w].substring(0, equals).toUpperCase(Locale.ROOT),
                                limitValue(words[w].substring(equals + 1)));
                    }
                }
                return limits;
            }
        }
        return Map.of();
    }

    private static OptionalInt limitValue(String value) {
        // RFC 9422: limit-value = 1*DIGIT (at most 7 digits).
        if (value.isEmpty() || value.length() > 7 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int limit = Integer.parseInt(value);
        return limit > 0 ? OptionalInt.of(limit) : OptionalInt.empty();
    }

    /** The server's name from the first EHLO line, if any. */
    public Optional<String> serverName() {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String first = lines.get(0).trim();
        int space = first.indexOf(' ');
        return Optional.of(space < 0 ? first : first.substring(0, space));
    }

    @Override
    public String toString() {
        return available ? "ServerInfo" + extensions : "ServerInfo[no extensions]";
    }
}
