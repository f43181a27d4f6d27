package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import jakarta.activation.DataSource;

import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.converter.EmailConverter;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;

/**
 * Simple Java Mail with its default mailer: it builds a MIME message from its {@link Email} for every send and,
 * without its batch module, connects for every send. A streamed test message becomes an attachment that Simple
 * Java Mail encodes itself (it cannot send pre-built bytes without parsing them).
 */
final class SimpleJavaMailDriver implements Driver<Email> {

    private Mailer mailer;

    @Override
    public Email prepare(TestMessage message) throws Exception {
        if (!message.isStreamed()) {
            return EmailConverter.mimeMessageToEmail(AngusDriver.parse(message).message());
        }
        return EmailBuilder.startingBlank()
                .from(message.sender())
                .toMultiple(message.recipients())
                .withSubject("smtp-client benchmark message")
                .withPlainText("A large attachment.")
                .withAttachment("data.bin", new GeneratedDataSource(message))
                .buildEmail();
    }

    @Override
    public synchronized Sender<Email> open(String host, int port) {
        if (mailer == null) {
            mailer = MailerBuilder.withSMTPServer(host, port).withTransportStrategy(TransportStrategy.SMTP).buildMailer();
        }
        Mailer shared = mailer;
        return new Sender<>() {
            @Override
            @SuppressWarnings("FutureReturnValueIgnored") // a synchronous mailer: it throws on failure, done on return
            public void send(List<Email> messages) {
                for (Email email : messages) {
                    shared.sendMail(email);
                }
            }

            @Override
            public void close() {
                // The mailer holds no connection between sends.
            }
        };
    }

    /** The streamed message's bytes as an attachment's content, opened afresh on every read. */
    private record GeneratedDataSource(TestMessage message) implements DataSource {

        @Override
        public InputStream getInputStream() {
            return message.stream().get();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return "application/octet-stream";
        }

        @Override
        public String getName() {
            return "data.bin";
        }
    }
}
