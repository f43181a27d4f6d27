package io.github.smtpclient.message.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.testing.DkimReferenceVerifier;
import io.github.smtpclient.testing.Property;

class DkimSignerTests {

    private static final DkimKey RSA = DkimKey.of(generate("RSA", 2048));
    private static final DkimKey ED25519 = DkimKey.of(generate("Ed25519", 0));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T14:00:00Z"), ZoneOffset.UTC);
    private static final String MESSAGE = "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\n"
            + "Subject:  Hello   world \r\n\tfolded\r\nDate: Thu, 03 Dec 2026 14:00:00 +0000\r\n"
            + "Message-ID: <1@example.test>\r\nX-Unsigned: yes\r\n\r\nHello  there \r\n\r\nline\t\tx\r\n\r\n\r\n";

    @Test
    void rsaAndEd25519SignaturesVerifyWithTheJdkOverAnIndependentCanonicalForm() throws Exception {
        for (DkimCanonicalization header : DkimCanonicalization.values()) {
            for (DkimCanonicalization body : DkimCanonicalization.values()) {
                DkimSigner rsa = signer(RSA, "rsa").canonicalization(header, body).build();
                DkimSigner ed = signer(ED25519, "ed").canonicalization(header, body).build();
                byte[] signed = signed(List.of(rsa, ed), MESSAGE);

                List<DkimReferenceVerifier.Result> results = verify(signed);
                assertThat(results).as(header.tag() + "/" + body.tag()).hasSize(2)
                        .allSatisfy(result -> assertThat(result.passed()).as(result.toString()).isTrue());
                assertThat(results).extracting(DkimReferenceVerifier.Result::algorithm)
                        .containsExactly("rsa-sha256", "ed25519-sha256");
            }
        }
    }

    @Test
    void aChangedBodyOrSignedHeaderFailsAndAnUnsignedHeaderDoesNot() throws Exception {
        String signed = new String(signed(List.of(signer(RSA, "rsa").build()), MESSAGE), StandardCharsets.ISO_8859_1);

        assertThat(verify(signed.replace("Hello  there", "Hello  their").getBytes(StandardCharsets.ISO_8859_1)).get(0)
                .bodyHashMatches()).isFalse();
        assertThat(verify(signed.replace("Subject:  Hello", "Subject:  Jello").getBytes(StandardCharsets.ISO_8859_1))
                .get(0).passed()).isFalse();
        assertThat(verify(signed.replace("X-Unsigned: yes", "X-Unsigned: no").getBytes(StandardCharsets.ISO_8859_1))
                .get(0).passed()).isTrue();
        // Relaxed: whitespace and case changes survive.
        assertThat(verify(signed.replace("Hello  there ", "Hello there").replace("Subject:", "SUBJECT :")
                .getBytes(StandardCharsets.ISO_8859_1)).get(0).passed()).isTrue();
    }

    @Test
    void overSignedHeadersAreListedOnceMoreSoAnAddedOneBreaksTheSignature() throws Exception {
        String signed = new String(signed(List.of(signer(RSA, "rsa").build()), MESSAGE), StandardCharsets.ISO_8859_1);
        Map<String, String> tags = verify(signed.getBytes(StandardCharsets.ISO_8859_1)).get(0).tags();
        assertThat(tags.get("h")).isEqualTo("from:from:subject:subject:date:date:to:to:message-id:message-id");
        // A second Subject added on top, where mail readers show the first one: verifiers select bottom-up, so
        // only the over-signed extra "subject" in h= sees it.
        assertThat(verify(("Subject: Win a prize\r\n" + signed).getBytes(StandardCharsets.ISO_8859_1)).get(0)
                .passed()).isFalse();

        String plain = new String(signed(List.of(signer(RSA, "rsa").oversignedHeaders(Set.of()).build()), MESSAGE),
                StandardCharsets.ISO_8859_1);
        assertThat(verify(plain.getBytes(StandardCharsets.ISO_8859_1)).get(0).tags().get("h"))
                .isEqualTo("from:subject:date:to:message-id");
        // Without over-signing the same addition goes unnoticed: that is what over-signing is for.
        assertThat(verify(("Subject: Win a prize\r\n" + plain).getBytes(StandardCharsets.ISO_8859_1)).get(0)
                .passed()).isTrue();
    }

    @Test
    void optionalTagsAreWrittenWhenAsked() throws Exception {
        DkimSigner signer = signer(ED25519, "ed").bodyLengthTag(true).expiry(Duration.ofDays(2))
                .identity("news@mail.example.test").build();
        Map<String, String> tags = verify(signed(List.of(signer), MESSAGE)).get(0).tags();

        assertThat(tags).containsEntry("t", "1796306400").containsEntry("x", String.valueOf(1796306400L + 172800))
                .containsEntry("i", "news@mail.example.test")
                .containsEntry("l", String.valueOf(DkimReferenceVerifier.relaxedBody(
                        "Hello  there \r\n\r\nline\t\tx\r\n\r\n\r\n").length()))
                .containsEntry("d", "example.test").containsEntry("s", "ed").containsEntry("c", "relaxed/relaxed");
        assertThat(verify(signed(List.of(signer(RSA, "rsa").timestamp(false).build()), MESSAGE)).get(0).tags())
                .doesNotContainKeys("t", "x", "l", "i");
    }

    /**
     * Signing while the message streams in pieces gives exactly the signatures of signing the whole message at once,
     * for random messages (header fields with folding, bodies with every kind of line and whitespace) and random
     * write sizes.
     */
    @Test
    void streamingSigningEqualsSigningTheBufferedMessage() {
        Property.forAll(150, gen -> {
            StringBuilder message = new StringBuilder("From: a@example.test\r\n");
            int fields = gen.intBetween(0, 6);
            for (int i = 0; i < fields; i++) {
                message.append(gen.oneOf("To", "Subject", "Cc", "X-Other", "Date")).append(gen.oneOf(":", " :", ": "))
                        .append(gen.chars(40, "ab \t")).append(gen.oneOf("", "\r\n\tmore", "\r\n more  ")).append("\r\n");
            }
            message.append("\r\n").append(gen.chars(2000, "xy \t\r\n\r\n.")).toString();
            String wire = message.toString().replaceAll("\r\n|\r|\n", "\r\n");
            DkimKey key = gen.oneOf(RSA, ED25519);
            DkimSigner signer = signer(key, key == RSA ? "rsa" : "ed")
                    .canonicalization(gen.oneOf(DkimCanonicalization.values()), gen.oneOf(DkimCanonicalization.values()))
                    .bodyLengthTag(gen.anyBoolean()).build();
            byte[] data = wire.getBytes(StandardCharsets.ISO_8859_1);

            DkimSigning streamed = DkimSigning.of(List.of(signer));
            for (int at = 0; at < data.length; ) {
                int n = Math.min(data.length - at, 1 + gen.random().nextInt(gen.oneOf(3, 64, 700)));
                streamed.write(data, at, n);
                at += n;
            }
            byte[] fieldsStreamed = streamed.signatureFields();

            assertThat(new String(fieldsStreamed, StandardCharsets.US_ASCII))
                    .isEqualTo(new String(DkimSigning.sign(List.of(signer), data), StandardCharsets.US_ASCII));
            assertThat(verify(concat(fieldsStreamed, data))).singleElement()
                    .satisfies(result -> assertThat(result.passed()).as(result.toString()).isTrue());
        });
    }

    @Test
    void aMessageWithoutBodyOrHeaderIsSignedToo() throws Exception {
        DkimSigner signer = signer(RSA, "rsa").build();
        String headerOnly = "From: a@example.test\r\nSubject: x\r\n";
        assertThat(verify(signed(List.of(signer), headerOnly)).get(0).passed()).isTrue();
        assertThat(verify(signed(List.of(signer), headerOnly + "\r\n")).get(0).passed()).isTrue();
    }

    @Test
    void keysAreReadFromPemPkcs1DerAndDkimpySeeds(@TempDir Path dir) throws Exception {
        PrivateKey rsa = RSA.privateKey();
        String pkcs8 = pem("PRIVATE KEY", rsa.getEncoded());
        byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();

        assertThat(DkimKey.fromPem(pkcs8).privateKey()).isEqualTo(rsa);
        assertThat(DkimKey.fromPem("junk\n" + pem("RSA PRIVATE KEY", pkcs1)).privateKey().getEncoded())
                .isEqualTo(rsa.getEncoded());
        Files.write(dir.resolve("rsa.der"), rsa.getEncoded());
        assertThat(DkimKey.read(dir.resolve("rsa.der")).algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(DkimKey.read(dir.resolve("rsa.der")).dnsRecord()).isEqualTo(RSA.dnsRecord());
        assertThat(RSA.dnsRecord().orElseThrow()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");

        byte[] encoded = ED25519.privateKey().getEncoded();
        byte[] seed = java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        Files.writeString(dir.resolve("ed.key"), Base64.getEncoder().encodeToString(seed) + "\n");
        DkimKey fromSeed = DkimKey.read(dir.resolve("ed.key"));
        assertThat(fromSeed.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(fromSeed.dnsRecord()).isEqualTo(ED25519.dnsRecord());
        assertThat(ED25519.dnsRecord().orElseThrow()).startsWith("v=DKIM1; k=ed25519; p=").hasSize(22 + 44);
        assertThat(DkimKey.fromPem(pem("PRIVATE KEY", encoded)).algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        // A seed whose base64 starts with '0' (0x30, DER's SEQUENCE tag) is still read as a seed.
        byte[] zeroSeed = seed.clone();
        zeroSeed[0] = (byte) 0xD0;
        Files.writeString(dir.resolve("zero.key"), Base64.getEncoder().encodeToString(zeroSeed));
        assertThat(Files.readString(dir.resolve("zero.key"))).startsWith("0");
        assertThat(DkimKey.read(dir.resolve("zero.key")).algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
    }

    @Test
    void badKeysAndSettingsNameTheirField() {
        assertThatThrownBy(() -> DkimKey.of(generate("RSA", 512))).isInstanceOf(DkimConfigurationException.class)
                .hasMessageContaining("512 bits").extracting("field").isEqualTo("key");
        assertThatThrownBy(() -> DkimKey.of(generate("EC", 256))).extracting("field").isEqualTo("key");
        assertThatThrownBy(() -> DkimKey.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .hasMessageContaining("No private key").extracting("field").isEqualTo("key");
        assertThatThrownBy(() -> DkimKey.fromPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                + "-----END ENCRYPTED PRIVATE KEY-----")).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> signer(RSA, "s").algorithm(DkimAlgorithm.ED25519_SHA256).build())
                .hasMessageContaining("ed25519-sha256").extracting("field").isEqualTo("algorithm");
        assertThatThrownBy(() -> signer(RSA, null).build()).extracting("field").isEqualTo("selector");
        assertThatThrownBy(() -> signer(RSA, "bad selector").build()).extracting("field").isEqualTo("selector");
        assertThatThrownBy(() -> DkimSigner.builder().selector("s").key(RSA).build()).extracting("field")
                .isEqualTo("domain");
        assertThatThrownBy(() -> DkimSigner.builder().domain("example.test").selector("s").build())
                .extracting("field").isEqualTo("key");
        assertThatThrownBy(() -> signer(RSA, "s").signedHeaders(List.of("Subject")).build())
                .hasMessageContaining("From").extracting("field").isEqualTo("signedHeaders");
        assertThatThrownBy(() -> signer(RSA, "s").signedHeaders(List.of("From", "Bad Name")).build())
                .extracting("field").isEqualTo("signedHeaders");
        assertThatThrownBy(() -> signer(RSA, "s").identity("@other.test").build()).extracting("field")
                .isEqualTo("identity");
        assertThatThrownBy(() -> signer(RSA, "s").expiry(Duration.ZERO).build()).extracting("field")
                .isEqualTo("expiry");
        assertThatThrownBy(() -> DkimAlgorithm.of("rsa-sha1")).extracting("field").isEqualTo("algorithm");
    }

    @Test
    void anInternationalizedDomainIsSignedInItsAsciiForm() {
        assertThat(DkimSigner.builder().domain("bücher.example").selector("s").key(RSA).build().domain())
                .isEqualTo("xn--bcher-kva.example");
    }

    private static DkimSigner.Builder signer(DkimKey key, String selector) {
        return DkimSigner.builder().domain("example.test").selector(selector).key(key).clock(CLOCK);
    }

    private static byte[] signed(List<DkimSigner> signers, String message) throws Exception {
        byte[] data = message.getBytes(StandardCharsets.ISO_8859_1);
        return concat(DkimSigning.sign(signers, data), data);
    }

    private static List<DkimReferenceVerifier.Result> verify(byte[] message) throws Exception {
        return DkimReferenceVerifier.verify(message, Map.of("rsa", RSA.dnsRecord().orElseThrow(),
                "ed", ED25519.dnsRecord().orElseThrow()));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static PrivateKey generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
