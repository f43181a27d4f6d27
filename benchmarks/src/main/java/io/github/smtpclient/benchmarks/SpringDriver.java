package io.github.smtpclient.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Spring's {@link JavaMailSenderImpl} as {@code spring-boot-starter-mail} configures it from {@code spring.mail.host}
 * and {@code spring.mail.port}: every {@code send} opens a new connection and says QUIT after the message.
 * The sender is shared by all sessions, as the one bean is in an application.
 */
final class SpringDriver implements Driver<MimeMessage> {

    private JavaMailSenderImpl sender;

    @Override
    public MimeMessage prepare(TestMessage message) throws Exception {
        return AngusDriver.parse(message).message();
    }

    @Override
    public synchronized Sender<MimeMessage> open(String host, int port) {
        if (sender == null) {
            sender = new JavaMailSenderImpl();
            sender.setHost(host);
            sender.setPort(port);
            sender.setProtocol("smtp");
            sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        }
        JavaMailSenderImpl shared = sender;
        return new Sender<>() {
            @Override
            public void send(List<MimeMessage> messages) {
                for (MimeMessage message : messages) {
                    shared.send(message);
                }
            }

            @Override
            public void close() {
                // Nothing stays open between sends.
            }
        };
    }
}
