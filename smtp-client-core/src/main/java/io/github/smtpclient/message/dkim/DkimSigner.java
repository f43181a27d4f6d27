package io.github.smtpclient.message.dkim;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One DKIM signature (RFC 6376) a message gets: who signs ({@code d=} domain and {@code s=} selector), with what key
 * and algorithm, which header fields, canonicalized how. Immutable and thread-safe; build it once and sign any
 * number of messages with it, through {@link DkimSettings} on a client or {@link DkimSigning} directly.
 *
 * <pre>{@code
 * DkimSigner signer = DkimSigner.builder()
 *         .domain("example.com").selector("mail2026")
 *         .key(DkimKey.read(Path.of("/etc/dkim/mail2026.private")))
 *         .build();                       // rsa-sha256 (from the key), relaxed/relaxed, the default headers
 * }</pre>
 *
 * <p>The defaults follow opendkim and MimeKit: {@link #DEFAULT_SIGNED_HEADERS} are signed where present, and
 * {@link #DEFAULT_OVERSIGNED_HEADERS} are over-signed (listed once more in {@code h=} than they occur, so a field of
 * that name added later breaks the signature); {@code t=} is written, {@code x=} and {@code l=} are not.
 */
public final class DkimSigner {

    /** Header fields signed where the message has them (RFC 6376 5.4.1's list, as opendkim signs by default). */
    public static final List<String> DEFAULT_SIGNED_HEADERS = List.of("From", "Reply-To", "Subject", "Date", "To",
            "Cc", "Resent-Date", "Resent-From", "Resent-To", "Resent-Cc", "In-Reply-To", "References", "List-Id",
            "List-Help", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Subscribe", "List-Post", "List-Owner",
            "List-Archive", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-ID",
            "Content-Description", "Sender");

    /** Header fields signed once more than they occur, so none can be added: From, Subject, To, Date, Message-ID. */
    public static final Set<String> DEFAULT_OVERSIGNED_HEADERS = Set.of("From", "Subject", "To", "Date",
            "Message-ID");

    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?)*");
    private static final Pattern SELECTOR = Pattern.compile(
            "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*");
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+");
    private static final int FOLD_AT = 72;

    private final String domain;
    private final String selector;
    private final DkimKey key;
    private final DkimCanonicalization headerCanonicalization;
    private final DkimCanonicalization bodyCanonicalization;
    private final List<String> signedHeaders;
    private final Set<String> oversignedHeaders;
    private final String identity;
    private final boolean bodyLengthTag;
    private final boolean timestamp;
    private final Duration expiry;
    private final Clock clock;

    private DkimSigner(Builder builder, String domain, List<String> signedHeaders) {
        this.domain = domain;
        this.selector = builder.selector;
        this.key = builder.key;
        this.headerCanonicalization = builder.headerCanonicalization;
        this.bodyCanonicalization = builder.bodyCanonicalization;
        this.signedHeaders = List.copyOf(signedHeaders);
        this.oversignedHeaders = lowerCase(builder.oversignedHeaders);
        this.identity = builder.identity;
        this.bodyLengthTag = builder.bodyLengthTag;
        this.timestamp = builder.timestamp;
        this.expiry = builder.expiry;
        this.clock = builder.clock;
    }

    /** A builder with the defaults: relaxed/relaxed, the default signed and over-signed headers, {@code t=}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The signing domain, the {@code d=} tag (an internationalized name in its ASCII form). */
    public String domain() {
        return domain;
    }

    /** The selector, the {@code s=} tag: the key is published at {@code <selector>._domainkey.<domain>}. */
    public String selector() {
        return selector;
    }

    /** The key that signs. */
    public DkimKey key() {
        return key;
    }

    /** The algorithm, the {@code a=} tag, which the key decides. */
    public DkimAlgorithm algorithm() {
        return key.algorithm();
    }

    /** How header fields are canonicalized, the first half of {@code c=}. */
    public DkimCanonicalization headerCanonicalization() {
        return headerCanonicalization;
    }

    /** How the body is canonicalized, the second half of {@code c=}. */
    public DkimCanonicalization bodyCanonicalization() {
        return bodyCanonicalization;
    }

    /** The names of the header fields signed where present, in {@code h=} order. */
    public List<String> signedHeaders() {
        return signedHeaders;
    }

    /** The names, in lower case, signed once more than they occur (also when absent). */
    public Set<String> oversignedHeaders() {
        return oversignedHeaders;
    }

    /**
     * The {@code h=} list for a message with these header fields: each signed name once per field of that name
     * (bottom-up, as RFC 6376 5.4.2 selects them), and over-signed names once more.
     */
    List<String> headerList(HeaderFields fields) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : signedHeaders) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!seen.add(lower)) {
                continue;
            }
            int times = fields.count(name) + (oversignedHeaders.contains(lower) ? 1 : 0);
            for (int i = 0; i < times; i++) {
                names.add(lower);
            }
        }
        return names;
    }

    /**
     * The whole {@code DKIM-Signature} field, folded, ended by CRLF, for a message with {@code fields} whose body
     * canonicalized to {@code bodyLength} bytes hashing to {@code bodyHash}.
     */
    String signatureField(HeaderFields fields, byte[] bodyHash, long bodyLength) throws GeneralSecurityException {
        List<String> names = headerList(fields);
        StringBuilder field = new StringBuilder(512);
        field.append("DKIM-Signature: v=1; a=").append(algorithm().tag()).append("; c=")
                .append(headerCanonicalization.tag()).append('/').append(bodyCanonicalization.tag())
                .append("; d=").append(domain).append("; s=").append(selector).append(';');
        StringBuilder optional = new StringBuilder();
        long now = clock.instant().getEpochSecond();
        if (timestamp || expiry != null) {
            optional.append(" t=").append(now).append(';');
        }
        if (expiry != null) {
            optional.append(" x=").append(now + Math.max(1, expiry.toSeconds())).append(';');
        }
        if (identity != null) {
            optional.append(" i=").append(identity).append(';');
        }
        if (bodyLengthTag) {
            optional.append(" l=").append(bodyLength).append(';');
        }
        if (optional.length() > 0) {
            field.append("\r\n\t").append(optional, 1, optional.length());
        }
        field.append("\r\n\th=");
        int lineLength = 3;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) + (i + 1 < names.size() ? ":" : ";");
            if (lineLength + name.length() > FOLD_AT) {
                field.append("\r\n\t");
                lineLength = 1;
            }
            field.append(name);
            lineLength += name.length();
        }
        field.append("\r\n\tbh=").append(Base64.getEncoder().encodeToString(bodyHash)).append(";\r\n\tb=");
        String unsigned = field.toString();

        StringBuilder data = new StringBuilder(2048);
        for (HeaderFields.Field signed : fields.select(names)) {
            data.append(HeaderFields.canonical(signed.text(), headerCanonicalization));
        }
        String own = HeaderFields.canonical(unsigned, headerCanonicalization);
        data.append(headerCanonicalization == DkimCanonicalization.RELAXED
                ? own.substring(0, own.length() - 2) : own);
        String signature = Base64.getEncoder().encodeToString(sign(data.toString()
                .getBytes(StandardCharsets.ISO_8859_1)));

        StringBuilder signed = new StringBuilder(unsigned);
        int first = Math.min(signature.length(), FOLD_AT - 3);
        signed.append(signature, 0, first);
        for (int at = first; at < signature.length(); at += FOLD_AT) {
            signed.append("\r\n\t").append(signature, at, Math.min(signature.length(), at + FOLD_AT));
        }
        return signed.append("\r\n").toString();
    }

    private byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature;
        if (algorithm() == DkimAlgorithm.RSA_SHA256) {
            signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.privateKey());
            signature.update(data);
        } else {
            // RFC 8463 3: Ed25519 signs the SHA-256 of the header data, not the data itself.
            signature = Signature.getInstance("Ed25519");
            signature.initSign(key.privateKey());
            signature.update(BodyHasher.sha256().digest(data));
        }
        return signature.sign();
    }

    @Override
    public String toString() {
        return "DkimSigner[d=" + domain + ", s=" + selector + ", a=" + algorithm().tag() + ", c="
                + headerCanonicalization.tag() + "/" + bodyCanonicalization.tag() + "]";
    }

    private static Set<String> lowerCase(Set<String> names) {
        Set<String> lower = new LinkedHashSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return Set.copyOf(lower);
    }

    /** Builds a {@link DkimSigner}; {@link #build()} checks every setting and names the one that is wrong. */
    public static final class Builder {

        private String domain;
        private String selector;
        private DkimKey key;
        private DkimAlgorithm algorithm;
        private DkimCanonicalization headerCanonicalization = DkimCanonicalization.RELAXED;
        private DkimCanonicalization bodyCanonicalization = DkimCanonicalization.RELAXED;
        private List<String> signedHeaders = DEFAULT_SIGNED_HEADERS;
        private Set<String> oversignedHeaders = DEFAULT_OVERSIGNED_HEADERS;
        private String identity;
        private boolean bodyLengthTag;
        private boolean timestamp = true;
        private Duration expiry;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The signing domain ({@code d=}), required; an internationalized name is written in its ASCII form. */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /** The selector ({@code s=}), required. */
        public Builder selector(String selector) {
            this.selector = selector;
            return this;
        }

        /** The private key, required; it decides the algorithm. */
        public Builder key(DkimKey key) {
            this.key = key;
            return this;
        }

        /**
         * The algorithm the key must have, as a check (a configuration naming both); unset, the key decides.
         */
        public Builder algorithm(DkimAlgorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /** Header and body canonicalization together, e.g. {@code simple/simple}. Default relaxed/relaxed. */
        public Builder canonicalization(DkimCanonicalization header, DkimCanonicalization body) {
            this.headerCanonicalization = Objects.requireNonNull(header, "header");
            this.bodyCanonicalization = Objects.requireNonNull(body, "body");
            return this;
        }

        /** The header canonicalization alone. Default relaxed. */
        public Builder headerCanonicalization(DkimCanonicalization canonicalization) {
            this.headerCanonicalization = Objects.requireNonNull(canonicalization, "canonicalization");
            return this;
        }

        /** The body canonicalization alone. Default relaxed. */
        public Builder bodyCanonicalization(DkimCanonicalization canonicalization) {
            this.bodyCanonicalization = Objects.requireNonNull(canonicalization, "canonicalization");
            return this;
        }

        /** The header fields signed where present, in order; must include From. Default {@link #DEFAULT_SIGNED_HEADERS}. */
        public Builder signedHeaders(List<String> names) {
            this.signedHeaders = List.copyOf(names);
            return this;
        }

        /**
         * The header fields over-signed (signed once more than they occur, so none can be added). Names not among
         * the signed headers are signed as well. Default {@link #DEFAULT_OVERSIGNED_HEADERS}; empty for none.
         */
        public Builder oversignedHeaders(Set<String> names) {
            this.oversignedHeaders = Set.copyOf(names);
            return this;
        }

        /** The agent or user identifier ({@code i=}), e.g. {@code @example.com} or {@code news@mail.example.com}. */
        public Builder identity(String identity) {
            this.identity = identity;
            return this;
        }

        /**
         * Whether the body length ({@code l=}) is written. Off by default: it lets anyone append to the body
         * without breaking the signature, so only lists that add footers want it.
         */
        public Builder bodyLengthTag(boolean bodyLengthTag) {
            this.bodyLengthTag = bodyLengthTag;
            return this;
        }

        /** Whether the signing time ({@code t=}) is written. Default true (always when an expiry is set). */
        public Builder timestamp(boolean timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** How long the signature is valid: {@code x=} is the signing time plus this. Unset: no expiry. */
        public Builder expiry(Duration expiry) {
            this.expiry = expiry;
            return this;
        }

        /** The clock of {@code t=} and {@code x=}. Default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The signer.
         *
         * @throws DkimConfigurationException naming the wrong setting: {@code domain}, {@code selector} or
         *                                    {@code key} missing or malformed, an {@code algorithm} the key does
         *                                    not have, {@code signedHeaders} without From or with a malformed name,
         *                                    an {@code identity} outside the domain, an {@code expiry} not positive
         */
        public DkimSigner build() {
            if (domain == null || domain.isBlank()) {
                throw new DkimConfigurationException("domain", "The DKIM signing domain (d=) is missing: set the"
                        + " domain whose DNS publishes the key, e.g. example.com");
            }
            String ascii;
            try {
                ascii = IDN.toASCII(domain.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                ascii = domain;
            }
            if (!DOMAIN.matcher(ascii).matches()) {
                throw new DkimConfigurationException("domain", "The DKIM signing domain \"" + domain
                        + "\" is not a domain name: give one such as example.com");
            }
            if (selector == null || selector.isBlank()) {
                throw new DkimConfigurationException("selector", "The DKIM selector (s=) is missing: set the label"
                        + " under which the key is published, <selector>._domainkey." + ascii);
            }
            if (!SELECTOR.matcher(selector).matches()) {
                throw new DkimConfigurationException("selector", "The DKIM selector \"" + selector
                        + "\" is not a DNS label: use letters, digits, hyphens and dots, e.g. mail2026");
            }
            if (key == null) {
                throw new DkimConfigurationException("key", "The DKIM private key is missing: set one with"
                        + " DkimKey.read(path) or DkimKey.of(privateKey)");
            }
            if (algorithm != null && algorithm != key.algorithm()) {
                throw new DkimConfigurationException("algorithm", "The algorithm is " + algorithm.tag()
                        + " but the key is an " + key.algorithm().keyAlgorithm() + " key, which signs "
                        + key.algorithm().tag() + ": give a matching key or algorithm");
            }
            checkNames("signedHeaders", signedHeaders);
            checkNames("oversignedHeaders", oversignedHeaders);
            if (signedHeaders.stream().noneMatch("From"::equalsIgnoreCase)) {
                throw new DkimConfigurationException("signedHeaders", "The signed headers must include From"
                        + " (RFC 6376 5.4): add it to " + signedHeaders);
            }
            if (identity != null && !identityWithin(identity, ascii)) {
                throw new DkimConfigurationException("identity", "The DKIM identity (i=) \"" + identity
                        + "\" must be an address at " + ascii + " or one of its subdomains, e.g. @" + ascii);
            }
            if (expiry != null && (expiry.isNegative() || expiry.isZero())) {
                throw new DkimConfigurationException("expiry", "The DKIM expiry must be positive, was " + expiry);
            }
            List<String> all = new ArrayList<>(signedHeaders);
            for (String name : oversignedHeaders) {
                if (all.stream().noneMatch(name::equalsIgnoreCase)) {
                    all.add(name);
                }
            }
            return new DkimSigner(this, ascii, all);
        }

        private static void checkNames(String field, Collection<String> names) {
            for (String name : names) {
                if (name == null || !FIELD_NAME.matcher(name).matches()) {
                    throw new DkimConfigurationException(field, "\"" + name + "\" is not a header field name"
                            + " (printable ASCII without colon or space)");
                }
            }
        }

        private static boolean identityWithin(String identity, String domain) {
            int at = identity.lastIndexOf('@');
            if (at < 0 || identity.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == ';')) {
                return false;
            }
            String host = identity.substring(at + 1).toLowerCase(Locale.ROOT);
            return host.equals(domain) || host.endsWith("." + domain);
        }
    }
}
