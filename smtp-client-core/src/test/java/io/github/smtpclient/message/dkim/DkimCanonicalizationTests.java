package io.github.smtpclient.message.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.DkimReferenceVerifier;
import io.github.smtpclient.testing.Property;

class DkimCanonicalizationTests {

    /** RFC 6376 3.4.5, the message of the example. */
    private static final String EXAMPLE_HEADER = "A: X\r\nB : Y\t\r\n\tZ  \r\n";
    private static final String EXAMPLE_BODY = " C \r\nD \t E\r\n\r\n\r\n";

    @Test
    void relaxedHeadersAsInRfc6376Example() {
        HeaderFields fields = HeaderFields.parse(bytes(EXAMPLE_HEADER), EXAMPLE_HEADER.length());
        List<HeaderFields.Field> selected = fields.select(List.of("a", "b"));

        assertThat(selected).extracting(f -> HeaderFields.canonical(f.text(), DkimCanonicalization.RELAXED))
                .containsExactly("a:X\r\n", "b:Y Z\r\n");
    }

    @Test
    void simpleHeadersStayAsTheyAre() {
        HeaderFields fields = HeaderFields.parse(bytes(EXAMPLE_HEADER), EXAMPLE_HEADER.length());

        assertThat(fields.select(List.of("b", "a")))
                .extracting(f -> HeaderFields.canonical(f.text(), DkimCanonicalization.SIMPLE))
                .containsExactly("B : Y\t\r\n\tZ  \r\n", "A: X\r\n");
    }

    @Test
    void relaxedBodyAsInRfc6376Example() throws Exception {
        assertThat(bodyHash(DkimCanonicalization.RELAXED, EXAMPLE_BODY)).isEqualTo(sha256(" C\r\nD E\r\n"));
    }

    @Test
    void simpleBodyAsInRfc6376Example() throws Exception {
        assertThat(bodyHash(DkimCanonicalization.SIMPLE, EXAMPLE_BODY)).isEqualTo(sha256(" C \r\nD \t E\r\n"));
    }

    /** The well-known hashes of an empty body: simple is one CRLF, relaxed is nothing (RFC 6376 3.4.3, 3.4.4). */
    @Test
    void emptyBodyHashes() {
        assertThat(bodyHash(DkimCanonicalization.SIMPLE, "")).isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
        assertThat(bodyHash(DkimCanonicalization.RELAXED, "")).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(bodyHash(DkimCanonicalization.SIMPLE, "\r\n\r\n")).isEqualTo(bodyHash(DkimCanonicalization.SIMPLE, ""));
        assertThat(bodyHash(DkimCanonicalization.RELAXED, " \t\r\n\r\n")).isEqualTo(bodyHash(DkimCanonicalization.RELAXED, ""));
    }

    @Test
    void aBodyWithoutFinalLineBreakGetsOne() throws Exception {
        assertThat(bodyHash(DkimCanonicalization.SIMPLE, "abc")).isEqualTo(sha256("abc\r\n"));
        assertThat(bodyHash(DkimCanonicalization.RELAXED, "a  b \t")).isEqualTo(sha256("a b \r\n"));
    }

    /**
     * The streaming canonicalizer, fed in random pieces, hashes what the test's own whole-body reference (regular
     * expressions over the RFC's rules) canonicalizes: CRLF split across writes, runs of whitespace across writes,
     * trailing empty lines that turn out not to be trailing.
     */
    @Test
    void streamingBodyHashEqualsTheWholeBodyReference() {
        Property.forAll(400, gen -> {
            String body = gen.chars(300, "ab \t\r\n\r\n\r\n. ");
            // The data gate has turned bare CR and LF into CRLF by the time the body is hashed.
            String wire = body.replaceAll("\r\n|\r|\n", "\r\n");
            for (DkimCanonicalization canonicalization : DkimCanonicalization.values()) {
                BodyHasher hasher = new BodyHasher(canonicalization);
                byte[] data = bytes(wire);
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, 1 + gen.random().nextInt(7));
                    hasher.write(data, at, n);
                    at += n;
                }
                String expected = canonicalization == DkimCanonicalization.RELAXED
                        ? DkimReferenceVerifier.relaxedBody(wire) : DkimReferenceVerifier.simpleBody(wire);
                assertThat(Base64.getEncoder().encodeToString(hasher.finish())).as(canonicalization.tag())
                        .isEqualTo(sha256(expected));
                assertThat(hasher.length()).isEqualTo(expected.length());
            }
        });
    }

    @Test
    void relaxedHeaderEqualsTheReference() {
        Property.forAll(300, gen -> {
            String name = gen.oneOf("Subject", "X-Test", "to", "FROM");
            String value = gen.chars(60, "ab \t:;=").replace("\r", "");
            String field = name + gen.oneOf("", " ", "\t") + ":" + value + gen.oneOf("", "\r\n\t folded  ") + "\r\n";
            assertThat(HeaderFields.canonical(field, DkimCanonicalization.RELAXED))
                    .isEqualTo(DkimReferenceVerifier.relaxedHeader(field));
        });
    }

    private static String bodyHash(DkimCanonicalization canonicalization, String body) {
        BodyHasher hasher = new BodyHasher(canonicalization);
        hasher.write(bytes(body), 0, body.length());
        return Base64.getEncoder().encodeToString(hasher.finish());
    }

    private static String sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes(text)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
