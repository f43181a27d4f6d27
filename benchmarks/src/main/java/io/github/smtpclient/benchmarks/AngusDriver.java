package io.github.smtpclient.benchmarks;

import java.util.List;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Jakarta Mail (Angus Mail) at its best: one {@link Transport} per session, reused for every message, each
 * message parsed once from the pre-built bytes before timing starts.
 */
final class AngusDriver implements Driver<AngusDriver.Prepared> {

    /** A parsed message and its envelope. */
    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: array identity does not matter
    record Prepared(MimeMessage message, Address[] recipients) {
    }

    static Session mailSession(String from) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.from", from);
        properties.setProperty("mail.smtp.localhost", "bench.example.test");
        return Session.getInstance(properties);
    }

    static Prepared parse(TestMessage message) throws Exception {
        Session session = mailSession(message.sender());
        MimeMessage mime = message.isStreamed()
                ? new StreamedMimeMessage(session, message)
                : new MimeMessage(session, message.stream().get());
        Address[] recipients = new Address[message.recipients().size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = new InternetAddress(message.recipients().get(i));
        }
        return new Prepared(mime, recipients);
    }

    @Override
    public Prepared prepare(TestMessage message) throws Exception {
        return parse(message);
    }

    @Override
    @SuppressWarnings("try") // the sender's close() ends a Jakarta Mail Transport, which may throw anything
    public Driver.Sender<Prepared> open(String host, int port) throws Exception {
        Transport transport = mailSession(TestMessages.SENDER).getTransport("smtp");
        transport.connect(host, port, null, null);
        return new Driver.Sender<>() {
            @Override
            public void send(List<Prepared> messages) throws Exception {
                for (Prepared prepared : messages) {
                    transport.sendMessage(prepared.message(), prepared.recipients());
                }
            }

            @Override
            public void close() throws Exception {
                transport.close();
            }
        };
    }
}
