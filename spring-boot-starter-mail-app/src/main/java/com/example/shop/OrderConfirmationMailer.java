package com.example.shop;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Mails an order confirmation: HTML with a plain-text alternative, the shop's logo inline, the invoice attached, a
 * blind copy to the order archive. Plain spring-boot-starter-mail code.
 */
@Service
public class OrderConfirmationMailer {

    private final JavaMailSender mailSender;
    private final String from;
    private final String archive;

    /** Sends through the application's JavaMailSender, from the shop's address, with a blind copy to the archive. */
    public OrderConfirmationMailer(JavaMailSender mailSender, @Value("${shop.mail.from}") String from,
            @Value("${shop.mail.archive}") String archive) {
        this.mailSender = mailSender;
        this.from = from;
        this.archive = archive;
    }

    /** Mails the confirmation of {@code order} to {@code customer}, greeting them by {@code name}. */
    public void confirm(String customer, String name, String order) throws MessagingException {
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED);
        helper.setFrom(from);
        helper.setTo(customer);
        helper.setBcc(archive);
        helper.setSubject("Your order " + order + " – thank you, " + name);
        helper.setText("Hello " + name + ",\n\nthank you for your order " + order + ". Your invoice is attached.\n",
                "<html><body><img src=\"cid:logo\" alt=\"Example Shop\"><p>Hello " + name + ",</p><p>thank you for"
                        + " your order <b>" + order + "</b>. Your invoice is attached.</p></body></html>");
        helper.addInline("logo", new ClassPathResource("mail/logo.png"), "image/png");
        helper.addAttachment("invoice-" + order + ".pdf", new ClassPathResource("mail/invoice.pdf"));
        mailSender.send(message);
    }
}
