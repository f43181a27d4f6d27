package com.example.shop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Test wiring, not application code: wraps whichever {@link JavaMailSender} the starter provides so that a test can
 * read the MimeMessages the application sent, and what their bytes are once sent (without Bcc, as both starters
 * send them). Uses nothing but Spring's interfaces, so it works on either starter.
 */
final class RecordingMailSender implements JavaMailSender {

    private final JavaMailSender delegate;
    private final List<MimeMessage> sent = new CopyOnWriteArrayList<>();

    private RecordingMailSender(JavaMailSender delegate) {
        this.delegate = delegate;
    }

    /** The bytes a sent message went out as: everything but its Bcc field. */
    static byte[] wireBytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes, new String[] { "Bcc", "Content-Length" });
        return bytes.toByteArray();
    }

    List<MimeMessage> sent() {
        return List.copyOf(sent);
    }

    /** Which starter's sender the application got. */
    String delegateType() {
        return delegate.getClass().getName();
    }

    @Override
    public MimeMessage createMimeMessage() {
        return delegate.createMimeMessage();
    }

    @Override
    public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
        return delegate.createMimeMessage(contentStream);
    }

    @Override
    public void send(MimeMessage... mimeMessages) throws MailException {
        delegate.send(mimeMessages);
        sent.addAll(List.of(mimeMessages));
    }

    @Override
    public void send(SimpleMailMessage... simpleMessages) throws MailException {
        delegate.send(simpleMessages);
    }

    /** Registers the wrapping. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        static BeanPostProcessor recordingMailSender() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof JavaMailSender sender && !(bean instanceof RecordingMailSender)
                            ? new RecordingMailSender(sender) : bean;
                }
            };
        }
    }
}
