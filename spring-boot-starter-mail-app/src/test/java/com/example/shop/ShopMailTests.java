package com.example.shop;

import java.util.List;

import io.github.smtpclient.boot.test.AutoConfigureTestSmtpServer;
import io.github.smtpclient.boot.test.ReceivedMail;
import io.github.smtpclient.boot.test.TestSmtpServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop after the swap, in every build: the smtp-client starter provides its JavaMailSender from the unchanged
 * spring.mail.* configuration, and the order confirmation reaches an in-process server byte for byte, with the
 * archive's blind copy in the envelope only.
 */
@SpringBootTest(classes = { ShopApplication.class, RecordingMailSender.Configuration.class },
        properties = { "MAIL_USERNAME=shop", "MAIL_PASSWORD=secret" })
@AutoConfigureTestSmtpServer
class ShopMailTests {

    @Autowired
    private OrderConfirmationMailer mailer;

    @Autowired
    private JavaMailSender mailSender;

    @Autowired
    private TestSmtpServer smtp;

    @Test
    void theOrderConfirmationIsSentByTheSmtpClientStarterExactlyAsComposed() throws Exception {
        mailer.confirm("zoe@example.test", "Zoë", "A-1");

        RecordingMailSender recording = (RecordingMailSender) mailSender;
        assertThat(recording.delegateType()).isEqualTo(System.getProperty("expected.mail.sender"))
                .isEqualTo("io.github.smtpclient.boot.mail.SmtpJavaMailSender");
        MimeMessage sent = recording.sent().get(0);
        ReceivedMail received = smtp.awaitMessage();
        assertThat(received.sender()).isEqualTo("shop@example.test");
        assertThat(received.recipients()).isEqualTo(List.of("zoe@example.test", "orders@example.test"));
        assertThat(received.authenticated()).contains("shop");
        assertThat(received.data()).isEqualTo(RecordingMailSender.wireBytes(sent));
        assertThat(received.mimeMessage().getSubject()).isEqualTo("Your order A-1 – thank you, Zoë");
    }
}
