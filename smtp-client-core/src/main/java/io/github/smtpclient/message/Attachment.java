package io.github.smtpclient.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.smtpclient.text.PrintableText;

/**
 * A file carried by a message: its content (a file, bytes or a stream, read only while the message is written),
 * its file name and its media type. Immutable. An attachment with a content ID can be shown inside the HTML text,
 * which refers to it as {@code cid:<id>}; add it with {@link MailMessage.Builder#inline(Attachment)}.
 *
 * <pre>{@code
 * Attachment.fromFile(Path.of("report.pdf"))                    // application/pdf, guessed from the name
 * Attachment.fromBytes("logo.png", png).withContentId("logo")    // for <img src="cid:logo">
 * Attachment.fromStream("dump.bin", () -> openSomething())       // opened once per write
 * }</pre>
 */
public final class Attachment {

    /** Opens the content of a streamed attachment; called once each time the message is written. */
    @FunctionalInterface
    public interface Source {
        /** Opens a fresh stream over the content; the writer closes it. */
        InputStream open() throws IOException;
    }

    private final String fileName;
    private final String contentType;
    private final String contentId;
    private final Source source;
    private final byte[] bytes;
    private final Path file;

    private Attachment(String fileName, String contentType, String contentId, Source source, byte[] bytes, Path file) {
        this.fileName = checkFileName(fileName);
        this.contentType = contentType == null ? ContentTypes.guess(this.fileName) : ContentTypes.check(contentType);
        this.contentId = contentId == null ? null : checkContentId(contentId);
        this.source = source;
        this.bytes = bytes;
        this.file = file;
    }

    /** An attachment read from {@code file} when the message is written, named after it. */
    public static Attachment fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        return new Attachment(name == null ? "attachment" : name.toString(), null, null,
                () -> Files.newInputStream(file), null, file);
    }

    /** An attachment holding a copy of {@code data}. */
    public static Attachment fromBytes(String fileName, byte[] data) {
        byte[] copy = Objects.requireNonNull(data, "data").clone();
        return new Attachment(fileName, null, null, () -> new ByteArrayInputStream(copy), copy, null);
    }

    /** An attachment whose content {@code source} supplies each time the message is written; its size is unknown. */
    public static Attachment fromStream(String fileName, Source source) {
        return new Attachment(fileName, null, null, Objects.requireNonNull(source, "source"), null, null);
    }

    /** This attachment with another file name (the media type stays as it was). */
    public Attachment withFileName(String fileName) {
        return new Attachment(fileName, contentType, contentId, source, bytes, file);
    }

    /** This attachment with a media type instead of the one guessed from the file name, e.g. {@code image/png}. */
    public Attachment withContentType(String contentType) {
        return new Attachment(fileName, Objects.requireNonNull(contentType, "contentType"), contentId, source, bytes, file);
    }

    /** This attachment with a content ID, so HTML can show it as {@code cid:contentId}; given without angle brackets. */
    public Attachment withContentId(String contentId) {
        return new Attachment(fileName, contentType, Objects.requireNonNull(contentId, "contentId"), source, bytes, file);
    }

    /** The file name shown to the recipient. */
    public String fileName() {
        return fileName;
    }

    /** The media type, e.g. {@code application/pdf}. */
    public String contentType() {
        return contentType;
    }

    /** The content ID, without angle brackets, when there is one. */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    /** The content's size in bytes, when known without reading it (bytes and files; not streams). */
    public OptionalLong size() {
        if (bytes != null) {
            return OptionalLong.of(bytes.length);
        }
        if (file != null) {
            try {
                return OptionalLong.of(Files.size(file));
            } catch (IOException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** The content when it is held in memory. */
    Optional<byte[]> bytes() {
        return Optional.ofNullable(bytes);
    }

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    InputStream open() throws IOException {
        return source.open();
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + contentType + (contentId == null ? "" : ", cid:" + contentId) + "]";
    }

    private static String checkFileName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank() || fileName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Invalid attachment file name \"" + PrintableText.excerpt(fileName)
                    + "\": it must be non-blank and free of line breaks and control characters");
        }
        return fileName;
    }

    private static String checkContentId(String contentId) {
        String id = contentId.startsWith("<") && contentId.endsWith(">")
                ? contentId.substring(1, contentId.length() - 1) : contentId;
        if (id.isEmpty() || !id.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '<' && c != '>' && c != '"')) {
            throw new IllegalArgumentException("Invalid content ID \"" + PrintableText.excerpt(contentId)
                    + "\": use printable ASCII without spaces, such as logo@example.com");
        }
        return id;
    }
}
