package io.github.smtpclient.interop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One message as Postfix's virtual(8) stored it in a Maildir, split into the trace headers Postfix prepended and
 * the content the client sent.
 * <p>
 * Postfix stores what the client sent with CRLF turned into LF and dot-stuffing removed, after four header fields of
 * its own: {@code Return-Path}, {@code X-Original-To}, {@code Delivered-To} and {@code Received} (the last folded
 * over tab-indented lines). Nothing else is added or rewritten, so {@link #content()} can be compared byte for byte
 * with {@link #storedFormOf(byte[]) storedFormOf(sentBytes)}.
 *
 * @param file          the Maildir file
 * @param traceHeaders  the prepended header fields, each with its continuation lines, LF line ends kept
 * @param content       everything after the trace headers: the message as the client sent it, in stored form
 */
public record DeliveredMessage(Path file, List<String> traceHeaders, byte[] content) {

    private static final int EXCERPT_RADIUS = 30;
    private static final List<String> TRACE_FIELDS = List.of("Return-Path", "X-Original-To", "Delivered-To", "Received");

    public DeliveredMessage {
        traceHeaders = List.copyOf(traceHeaders);
    }

    /**
     * Splits a delivered file.
     *
     * @throws IllegalArgumentException if the file does not start with Postfix's four trace header fields
     */
    public static DeliveredMessage parse(Path file, byte[] stored) {
        List<String> traceHeaders = new ArrayList<>();
        int offset = 0;
        for (String field : TRACE_FIELDS) {
            int end = endOfField(stored, offset);
            String header = new String(stored, offset, end - offset, StandardCharsets.UTF_8);
            if (!header.regionMatches(true, 0, field + ":", 0, field.length() + 1)) {
                throw new IllegalArgumentException(file + ": expected Postfix's trace header " + field
                        + " at byte " + offset + " but found: " + firstLine(header));
            }
            traceHeaders.add(header);
            offset = end;
        }
        return new DeliveredMessage(file, traceHeaders, Arrays.copyOfRange(stored, offset, stored.length));
    }

    /**
     * What Postfix stores for a message the client sent as {@code sent} (before dot-stuffing): CRLF becomes LF, and a
     * last line without a line end gets one, as the client must end the data with CRLF before the final dot.
     */
    public static byte[] storedFormOf(byte[] sent) {
        ByteArrayOutputStream stored = new ByteArrayOutputStream(sent.length + 1);
        for (int i = 0; i < sent.length; i++) {
            boolean crBeforeLf = sent[i] == '\r' && i + 1 < sent.length && sent[i + 1] == '\n';
            if (!crBeforeLf) {
                stored.write(sent[i]);
            }
        }
        if (sent.length > 0 && sent[sent.length - 1] != '\n') {
            stored.write('\n');
        }
        return stored.toByteArray();
    }

    /**
     * How the stored content differs from what the client sent, for an assertion message that stays readable for
     * megabyte messages: the first differing offset with the bytes around it.
     *
     * @return empty when {@link #content()} equals {@link #storedFormOf(byte[]) storedFormOf(sent)}
     */
    public Optional<String> differenceFrom(byte[] sent) {
        byte[] expected = storedFormOf(sent);
        int offset = Arrays.mismatch(expected, content);
        if (offset < 0) {
            return Optional.empty();
        }
        return Optional.of(file + ": stored content (" + content.length + " bytes) differs from the sent message in stored"
                + " form (" + expected.length + " bytes) at byte " + offset + ":\n  expected ..."
                + excerpt(expected, offset) + "...\n  but was  ..." + excerpt(content, offset) + "...");
    }

    /** The {@code Received} field Postfix added: it tells whether TLS was used and whether the client authenticated. */
    public String received() {
        return traceHeaders.get(TRACE_FIELDS.indexOf("Received"));
    }

    /** The content as text, for assertions on headers; binary content should be compared with {@link #content()}. */
    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DeliveredMessage[" + file + ", " + content.length + " content bytes]";
    }

    /** The index just past a header field that starts at {@code start}: its line and any lines starting with SP/HTAB. */
    private static int endOfField(byte[] bytes, int start) {
        int end = start;
        do {
            int lineFeed = indexOf(bytes, (byte) '\n', end);
            end = lineFeed < 0 ? bytes.length : lineFeed + 1;
        } while (end < bytes.length && (bytes[end] == ' ' || bytes[end] == '\t'));
        return end;
    }

    private static String excerpt(byte[] bytes, int offset) {
        StringBuilder excerpt = new StringBuilder();
        for (int i = Math.max(0, offset - EXCERPT_RADIUS); i < Math.min(bytes.length, offset + EXCERPT_RADIUS); i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> excerpt.append("\\r");
                case '\n' -> excerpt.append("\\n");
                case '\t' -> excerpt.append("\\t");
                default -> excerpt.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
            }
        }
        return excerpt.toString();
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String firstLine(String text) {
        int lineFeed = text.indexOf('\n');
        return lineFeed < 0 ? text : text.substring(0, lineFeed);
    }
}
