package io.github.smtpclient.sample.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * Receives one message for the embedded server: the envelope, then the data, which goes to a temporary file (never
 * into memory, since attachments may be large) and is read back with Jakarta Mail for its subject and attachment
 * names before the file is deleted.
 */
final class RecordingMessageHandler implements MessageHandler {

    private static final Session SESSION = Session.getInstance(mimeProperties());

    private final ReceivedMessages store;
    private final List<String> recipients = new ArrayList<>();
    private String from = "";

    RecordingMessageHandler(ReceivedMessages store) {
        this.store = store;
    }

    @Override
    public void from(String from) {
        this.from = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        RefusedRecipients.check(recipient);
        recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws IOException, RejectException {
        Path file = Files.createTempFile("embedded-smtp-", ".eml");
        try {
            long size = Files.copy(data, file, StandardCopyOption.REPLACE_EXISTING);
            store.add(read(file, size));
        } finally {
            Files.deleteIfExists(file);
        }
        return null;
    }

    @Override
    public void done() {
    }

    private ReceivedMessage read(Path file, long size) throws IOException, RejectException {
        // A SharedFileInputStream lets Jakarta Mail walk the MIME parts without copying their content into memory.
        try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
            MimeMessage message = new MimeMessage(SESSION, in);
            List<String> attachments = new ArrayList<>();
            collectFileNames(message, attachments);
            return new ReceivedMessage(Instant.now(), from, recipients,
                    Objects.requireNonNullElse(message.getSubject(), ""), size, attachments);
        } catch (MessagingException e) {
            throw new RejectException(554, "5.6.0 The message cannot be parsed as MIME: " + e.getMessage());
        }
    }

    private static void collectFileNames(Part part, List<String> names) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectFileNames(multipart.getBodyPart(i), names);
            }
        } else if (part.getFileName() != null) {
            names.add(part.getFileName());
        }
    }

    private static Properties mimeProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.decodefilename", "true");
        return properties;
    }
}
