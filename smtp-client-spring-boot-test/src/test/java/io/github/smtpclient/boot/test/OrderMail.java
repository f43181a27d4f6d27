package io.github.smtpclient.boot.test;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Application code as it is written for spring-boot-starter-mail: a confirmation with an attachment. */
class OrderMail {

    private final JavaMailSender mailSender;

    OrderMail(JavaMailSender mailSender) {
        this.mailSender = mailSender;
    }

    void confirm(String customer, String order) throws MessagingException {
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true);
        helper.setFrom("shop@example.test");
        helper.setTo(customer);
        helper.setBcc("orders@example.test");
        helper.setSubject("Order " + order);
        helper.setText("<p>Thank you for order " + order + ".</p>", true);
        helper.addAttachment(order + ".txt", new ByteArrayResource(("order " + order).getBytes()), "text/plain");
        mailSender.send(message);
    }
}
