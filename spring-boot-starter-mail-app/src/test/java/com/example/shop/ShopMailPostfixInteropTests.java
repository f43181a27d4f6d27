package com.example.shop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import io.github.smtpclient.interop.DeliveredMessage;
import io.github.smtpclient.interop.EnabledIfPostfixTestbed;
import io.github.smtpclient.interop.PostfixTestbed;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop, unchanged, against the real Postfix test bed with STARTTLS and AUTH ({@code scripts/testbed/start.sh}):
 * the order confirmation (HTML, plain text, inline logo, attached invoice, Bcc to the archive) lands in the
 * customer's and the archive's Maildirs byte for byte as sent, over TLS, as the authenticated user.
 *
 * <p>The environment supplies what a deployment supplies: {@code MAIL_*} variables for application.yml's
 * placeholders, and a JVM trust store holding the test bed's private CA (as operators install a company CA); so
 * the same test runs on spring-boot-starter-mail too ({@code -Dstarter.mail}, see the pom).
 */
@EnabledIfPostfixTestbed
@SpringBootTest(classes = { ShopApplication.class, RecordingMailSender.Configuration.class })
class ShopMailPostfixInteropTests {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);

    @Autowired
    private OrderConfirmationMailer mailer;

    @Autowired
    private JavaMailSender mailSender;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) throws IOException, GeneralSecurityException {
        PostfixTestbed testbed = PostfixTestbed.detect().orElseThrow();
        trustOnlyTheTestbedCa(testbed);
        registry.add("MAIL_HOST", testbed::host);
        registry.add("MAIL_PORT", testbed::starttlsPort);
        registry.add("MAIL_USERNAME", testbed::user);
        registry.add("MAIL_PASSWORD", testbed::password);
        registry.add("ARCHIVE_ADDRESS", testbed::secondUser);
    }

    /** The JVM's default trust store becomes one holding the test bed's CA, before any TLS is set up. */
    private static void trustOnlyTheTestbedCa(PostfixTestbed testbed) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("testbed-ca", testbed.caCertificate());
        Path file = Files.createTempFile("shop-truststore", ".p12");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        System.setProperty("javax.net.ssl.trustStore", file.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    @Test
    void theOrderConfirmationArrivesByteForByteOverStarttlsAsTheAuthenticatedUser(PostfixTestbed testbed)
            throws Exception {
        String order = "A-" + UUID.randomUUID().toString().substring(0, 8);

        mailer.confirm(testbed.user(), "Zoë", order);

        assertThat(((RecordingMailSender) mailSender).delegateType()).as("the starter under test")
                .isEqualTo(System.getProperty("expected.mail.sender"));
        MimeMessage sent = ((RecordingMailSender) mailSender).sent().get(0);
        byte[] wire = RecordingMailSender.wireBytes(sent);
        DeliveredMessage toCustomer = testbed.awaitDelivery(testbed.user(), sent.getMessageID(), DELIVERY_TIMEOUT);
        DeliveredMessage toArchive = testbed.awaitDelivery(testbed.secondUser(), sent.getMessageID(), DELIVERY_TIMEOUT);
        for (DeliveredMessage delivered : new DeliveredMessage[] { toCustomer, toArchive }) {
            assertThat(delivered.differenceFrom(wire)).as(((RecordingMailSender) mailSender).delegateType()).isEmpty();
            assertThat(delivered.received()).contains("using TLSv1.", "Authenticated sender: " + testbed.user(),
                    "with ESMTPSA");
            assertThat(delivered.contentAsString()).doesNotContain("Bcc:", testbed.secondUser() + ">");
        }

        MimeMessage arrived = new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(toCustomer.content()));
        assertThat(arrived.getSubject()).isEqualTo("Your order " + order + " – thank you, Zoë");
        Multipart mixed = (Multipart) arrived.getContent();
        Multipart related = (Multipart) mixed.getBodyPart(0).getContent();
        Multipart alternative = (Multipart) related.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContent()).asString().contains("Hello Zoë,");
        assertThat(alternative.getBodyPart(1).getContentType()).containsIgnoringCase("text/html")
                .containsIgnoringCase("charset=UTF-8");
        BodyPart logo = related.getBodyPart(1);
        assertThat(logo.getHeader("Content-ID")).containsExactly("<logo>");
        assertThat(bytes(logo.getInputStream())).isEqualTo(resource("mail/logo.png"));
        BodyPart invoice = mixed.getBodyPart(1);
        assertThat(invoice.getFileName()).isEqualTo("invoice-" + order + ".pdf");
        assertThat(bytes(invoice.getInputStream())).isEqualTo(resource("mail/invoice.pdf"));
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
