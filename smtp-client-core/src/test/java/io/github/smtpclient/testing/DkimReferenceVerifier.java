package io.github.smtpclient.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DKIM verifier written for the tests from RFC 6376 and RFC 8463 alone, sharing no code with the signer: the whole
 * message in memory, canonicalized with regular expressions, checked with the JDK's {@link Signature}. Tells whether
 * every {@code DKIM-Signature} of a message verifies against the given public keys (by selector).
 */
public final class DkimReferenceVerifier {

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private DkimReferenceVerifier() {
    }

    /** The result of one signature. */
    public record Result(String selector, String algorithm, boolean bodyHashMatches, boolean signatureValid,
            Map<String, String> tags) {

        /** Whether the signature verifies. */
        public boolean passed() {
            return bodyHashMatches && signatureValid;
        }
    }

    /** Verifies every signature of {@code message} (CRLF or LF-only line breaks) with the records by selector. */
    public static List<Result> verify(byte[] message, Map<String, String> dnsRecordsBySelector) throws Exception {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        if (!text.contains("\r\n")) {
            text = text.replace("\n", "\r\n");
        }
        int blank = text.startsWith("\r\n") ? -2 : text.indexOf("\r\n\r\n");
        String header = blank == -1 ? text : text.substring(0, blank + 2);
        String body = blank == -1 ? "" : text.substring(blank + 4);
        List<String> fields = fields(header);
        List<Result> results = new ArrayList<>();
        for (String field : fields) {
            if (field.regionMatches(true, 0, "DKIM-Signature:", 0, 15)) {
                results.add(verifyOne(field, fields, body, dnsRecordsBySelector));
            }
        }
        return results;
    }

    private static Result verifyOne(String sigField, List<String> fields, String body, Map<String, String> records)
            throws Exception {
        Map<String, String> tags = tags(sigField.substring(sigField.indexOf(':') + 1));
        String[] c = tags.getOrDefault("c", "simple/simple").split("/");
        boolean relaxedHeader = c[0].equals("relaxed");
        boolean relaxedBody = c.length > 1 && c[1].equals("relaxed");
        String canonicalBody = relaxedBody ? relaxedBody(body) : simpleBody(body);
        if (tags.containsKey("l")) {
            canonicalBody = canonicalBody.substring(0, Integer.parseInt(tags.get("l")));
        }
        byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(canonicalBody.getBytes(StandardCharsets.ISO_8859_1));
        boolean bodyOk = Base64.getEncoder().encodeToString(bodyHash).equals(tags.get("bh"));

        StringBuilder data = new StringBuilder();
        boolean[] used = new boolean[fields.size()];
        for (String name : tags.get("h").split(":")) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                String f = fields.get(i);
                if (!used[i] && f.substring(0, Math.max(0, f.indexOf(':'))).strip().equalsIgnoreCase(name)) {
                    used[i] = true;
                    data.append(relaxedHeader ? relaxedHeader(f) : f);
                    break;
                }
            }
        }
        String unended = sigField.substring(0, sigField.length() - 2);
        Matcher b = Pattern.compile("([;\\s]b=)[^;]*").matcher(unended);
        String stripped = (b.find() ? unended.substring(0, b.start()) + b.group(1) + unended.substring(b.end())
                : unended) + "\r\n";
        String own = relaxedHeader ? relaxedHeader(stripped) : stripped;
        data.append(own, 0, own.length() - 2);
        byte[] signed = data.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] signature = Base64.getDecoder().decode(tags.get("b"));
        String record = records.get(tags.get("s"));
        String p = tags(record).get("p");
        byte[] keyBytes = Base64.getDecoder().decode(p);
        boolean valid;
        if (tags.get("a").equals("rsa-sha256")) {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(keyBytes));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signed);
            valid = verifier.verify(signature);
        } else {
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + keyBytes.length];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(keyBytes, 0, spki, ED25519_SPKI_PREFIX.length, keyBytes.length);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(MessageDigest.getInstance("SHA-256").digest(signed));
            valid = verifier.verify(signature);
        }
        return new Result(tags.get("s"), tags.get("a"), bodyOk, valid, tags);
    }

    /** RFC 6376 3.4.3. */
    public static String simpleBody(String body) {
        return body.replaceAll("(\r\n)*\\z", "") + "\r\n";
    }

    /** RFC 6376 3.4.4. */
    public static String relaxedBody(String body) {
        String reduced = body.replaceAll("[ \t]+\r\n", "\r\n").replaceAll("[ \t]+", " ").replaceAll("(\r\n)*\\z", "");
        return reduced.isEmpty() ? "" : reduced + "\r\n";
    }

    /** RFC 6376 3.4.2, for a field ended by CRLF. */
    public static String relaxedHeader(String field) {
        String unfolded = field.substring(0, field.length() - 2).replaceAll("\r\n(?=[ \t])", "");
        int colon = unfolded.indexOf(':');
        String name = unfolded.substring(0, colon).replaceAll("[ \t]+", "").toLowerCase(Locale.ROOT);
        String value = unfolded.substring(colon + 1).replaceAll("[ \t]+", " ").replaceAll("^ | $", "");
        return name + ":" + value + "\r\n";
    }

    private static List<String> fields(String header) {
        List<String> fields = new ArrayList<>();
        for (String line : header.split("(?<=\r\n)")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    private static Map<String, String> tags(String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : value.split(";")) {
            int equals = spec.indexOf('=');
            if (equals > 0) {
                tags.put(spec.substring(0, equals).strip(), spec.substring(equals + 1).replaceAll("[ \t\r\n]+", ""));
            }
        }
        return tags;
    }
}
