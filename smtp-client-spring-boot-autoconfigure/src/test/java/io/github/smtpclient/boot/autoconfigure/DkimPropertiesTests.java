package io.github.smtpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.dkim.DkimAlgorithm;
import io.github.smtpclient.message.dkim.DkimCanonicalization;
import io.github.smtpclient.message.dkim.DkimKey;
import io.github.smtpclient.message.dkim.DkimSigner;
import io.github.smtpclient.testing.DkimReferenceVerifier;
import io.github.smtpclient.testing.InProcessSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;

/** {@code smtp.client.dkim.*} turned into the signers of every client, and bad values named at start-up. */
class DkimPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class, SslAutoConfiguration.class))
            .withPropertyValues("smtp.client.host=smtp.example.test");

    @TempDir
    Path temp;

    private Path rsaKey;
    private Path edKey;

    @BeforeEach
    void writeKeys() throws Exception {
        rsaKey = temp.resolve("rsa.private");
        Files.writeString(rsaKey, pem(generate("RSA", 2048)));
        PrivateKey ed = generate("Ed25519", 0);
        byte[] encoded = ed.getEncoded();
        edKey = temp.resolve("ed.key");
        Files.writeString(edKey, Base64.getEncoder().encodeToString(
                Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)) + "\n");
    }

    @Test
    void withoutDkimKeysNothingIsSigned() {
        contextRunner.run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(client.dkim().isEnabled()).isFalse();
            }
        });
    }

    @Test
    void theMainAndAdditionalSignaturesBecomeSigners() {
        contextRunner.withPropertyValues("smtp.client.dkim.domain=example.com", "smtp.client.dkim.selector=rsa2026",
                "smtp.client.dkim.private-key=file:" + rsaKey, "smtp.client.dkim.algorithm=rsa-sha256",
                "smtp.client.dkim.header-canonicalization=simple", "smtp.client.dkim.spool=true",
                "smtp.client.dkim.signed-headers=From,Subject",
                "smtp.client.dkim.additional-signatures[0].selector=ed2026",
                "smtp.client.dkim.additional-signatures[0].private-key=file:" + edKey).run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.dkim().isSpool()).isTrue();
                        assertThat(client.dkim().getSigners()).hasSize(2);
                        DkimSigner rsa = client.dkim().getSigners().get(0);
                        assertThat(rsa.domain()).isEqualTo("example.com");
                        assertThat(rsa.selector()).isEqualTo("rsa2026");
                        assertThat(rsa.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
                        assertThat(rsa.headerCanonicalization()).isEqualTo(DkimCanonicalization.SIMPLE);
                        assertThat(rsa.bodyCanonicalization()).isEqualTo(DkimCanonicalization.RELAXED);
                        assertThat(rsa.signedHeaders()).startsWith("From", "Subject");
                        DkimSigner ed = client.dkim().getSigners().get(1);
                        assertThat(ed.domain()).isEqualTo("example.com");
                        assertThat(ed.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
                    }
                });
    }

    @Test
    void aMissingSelectorIsNamed() {
        contextRunner.withPropertyValues("smtp.client.dkim.domain=example.com",
                "smtp.client.dkim.private-key=file:" + rsaKey).run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.dkim.selector").hasMessageContaining("selector (s=)"));
    }

    @Test
    void aKeyThatDoesNotFitTheAlgorithmOrIsTooShortIsNamed() throws Exception {
        contextRunner.withPropertyValues("smtp.client.dkim.domain=example.com", "smtp.client.dkim.selector=s",
                "smtp.client.dkim.private-key=file:" + edKey, "smtp.client.dkim.algorithm=rsa-sha256")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("smtp.client.dkim.algorithm").hasMessageContaining("Ed25519"));
        Path weak = temp.resolve("weak.pem");
        Files.writeString(weak, pem(generate("RSA", 512)));
        contextRunner.withPropertyValues("smtp.client.dkim.domain=example.com", "smtp.client.dkim.selector=s",
                "smtp.client.dkim.additional-signatures[0].selector=t",
                "smtp.client.dkim.additional-signatures[0].private-key=file:" + weak,
                "smtp.client.dkim.private-key=file:" + rsaKey)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("smtp.client.dkim.additional-signatures[0].private-key")
                        .hasMessageContaining("512 bits"));
        contextRunner.withPropertyValues("smtp.client.dkim.domain=example.com", "smtp.client.dkim.selector=s",
                "smtp.client.dkim.private-key=file:" + temp.resolve("missing.pem"))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("smtp.client.dkim.private-key").hasMessageContaining("cannot be read"));
    }

    /** Through the beans an application uses: the pooled sender and Spring's JavaMailSender (a streamed MimeMessage). */
    @Test
    void theSenderBeansSignWhatTheyDeliver() throws Exception {
        try (InProcessSmtpServer server = InProcessSmtpServer.startPlain()) {
            contextRunner.withPropertyValues("smtp.client.host=localhost", "smtp.client.port=" + server.port(),
                    "smtp.client.tls.mode=none", "smtp.client.dkim.domain=example.com",
                    "smtp.client.dkim.selector=rsa", "smtp.client.dkim.private-key=file:" + rsaKey,
                    "smtp.client.dkim.additional-signatures[0].selector=ed",
                    "smtp.client.dkim.additional-signatures[0].private-key=file:" + edKey).run(context -> {
                        context.getBean(SmtpMailSender.class).sendMessage(MailMessage.builder().from("a@example.com")
                                .to("b@example.com").subject("pooled").plainText("signed by the starter").build());
                        JavaMailSender mail = context.getBean(JavaMailSender.class);
                        MimeMessage mime = mail.createMimeMessage();
                        mime.setFrom(new InternetAddress("a@example.com"));
                        mime.setRecipient(Message.RecipientType.TO, new InternetAddress("b@example.com"));
                        mime.setSubject("Jakarta Mail");
                        mime.setText("signed too");
                        mail.send(mime);
                    });
            Map<String, String> records = Map.of("rsa", DkimKey.read(rsaKey).dnsRecord().orElseThrow(),
                    "ed", DkimKey.read(edKey).dnsRecord().orElseThrow());
            assertThat(server.received()).hasSize(2).allSatisfy(received -> {
                try {
                    assertThat(DkimReferenceVerifier.verify(received.data(), records)).hasSize(2)
                            .allSatisfy(result -> assertThat(result.passed()).as(result.toString()).isTrue());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    private static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static PrivateKey generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
            generator.initialize(bits);
        }
        return generator.generateKeyPair().getPrivate();
    }
}
