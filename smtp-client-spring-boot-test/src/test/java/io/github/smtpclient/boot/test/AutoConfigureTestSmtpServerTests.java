package io.github.smtpclient.boot.test;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One annotation: the application's JavaMailSender sends to the in-process server, whatever its own configuration
 * names (here a spring.mail host that does not exist, as an application moved from spring-boot-starter-mail has),
 * and the test reads what arrived.
 */
@SpringBootTest(properties = { "spring.mail.host=smtp.invalid", "spring.mail.username=shop",
        "spring.mail.password=secret" })
@AutoConfigureTestSmtpServer
class AutoConfigureTestSmtpServerTests {

    @Autowired
    private OrderMail orderMail;

    @Autowired
    private TestSmtpServer smtp;

    @Test
    void theApplicationsMailArrivesWithItsEnvelopeAndLogin() throws Exception {
        orderMail.confirm("bob@example.test", "A-17");

        ReceivedMail mail = smtp.awaitMessage();
        assertThat(mail.sender()).isEqualTo("shop@example.test");
        assertThat(mail.recipients()).containsExactly("bob@example.test", "orders@example.test");
        assertThat(mail.authenticated()).contains("shop");
        assertThat(mail.text()).doesNotContain("orders@example.test");
        MimeMessage message = mail.mimeMessage();
        assertThat(message.getSubject()).isEqualTo("Order A-17");
        assertThat(((Multipart) message.getContent()).getBodyPart(1).getFileName()).isEqualTo("A-17.txt");
    }

    @Test
    void eachTestStartsWithNoMessages() {
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void aRecipientTheServerRefusesReachesTheApplicationAsAMailSendException() {
        smtp.refuseRecipients("bob@example.test");
        assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> orderMail.confirm("bob@example.test", "B-2"))
                .withMessageContaining("bob@example.test");
        assertThat(smtp.messages()).singleElement()
                .satisfies(mail -> assertThat(mail.recipients()).containsExactly("orders@example.test"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

        @Bean
        OrderMail orderMail(org.springframework.mail.javamail.JavaMailSender mailSender) {
            return new OrderMail(mailSender);
        }
    }
}
