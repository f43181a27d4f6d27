package io.github.smtpclient.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Builds the benchmark's messages: a ~1 KB text message, and multipart messages with a base64 attachment. */
final class TestMessages {

    static final String SENDER = "sender@example.test";
    static final String BOUNDARY = "=_benchmark_boundary_0";

    private static final String LINE = "The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs.";

    private TestMessages() {
    }

    static List<String> recipients(int count) {
        List<String> recipients = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            recipients.add("rcpt" + i + "@example.test");
        }
        return recipients;
    }

    /** A plain text message of about {@code size} bytes. */
    static TestMessage text(int size, int recipientCount) {
        List<String> recipients = recipients(recipientCount);
        StringBuilder message = new StringBuilder(headers(recipients, "text/plain; charset=us-ascii", "7bit"));
        while (message.length() + LINE.length() + 2 <= size) {
            message.append(LINE).append("\r\n");
        }
        return TestMessage.ofBytes(SENDER, recipients, ascii(message));
    }

    /** A multipart message with a short text part and an attachment of {@code rawSize} random bytes in base64. */
    static TestMessage attachment(int rawSize) {
        byte[] raw = new byte[rawSize];
        new Random(42).nextBytes(raw);
        ByteArrayOutputStream message = new ByteArrayOutputStream(rawSize / 3 * 4 + rawSize / 38 + 2048);
        List<String> recipients = recipients(1);
        message.writeBytes(attachmentHead(recipients));
        message.writeBytes(Base64.getMimeEncoder().encode(raw));
        message.writeBytes(attachmentTail());
        return TestMessage.ofBytes(SENDER, recipients, message.toByteArray());
    }

    /** Like {@link #attachment}, but produced on the fly, never held: {@code rawSize} may be gigabytes. */
    static TestMessage streamedAttachment(long rawSize) {
        List<String> recipients = recipients(1);
        byte[] head = attachmentHead(recipients);
        byte[] block = GeneratedMimeStream.base64Block();
        long blocks = (rawSize + GeneratedMimeStream.RAW_BLOCK - 1) / GeneratedMimeStream.RAW_BLOCK;
        byte[] tail = attachmentTail();
        long size = head.length + blocks * block.length + tail.length;
        return TestMessage.ofStream(SENDER, recipients, size, () -> new GeneratedMimeStream(head, block, blocks, tail));
    }

    private static byte[] attachmentHead(List<String> recipients) {
        String head = headers(recipients, "multipart/mixed; boundary=\"" + BOUNDARY + "\"", null)
                + "--" + BOUNDARY + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + LINE + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] attachmentTail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String headers(List<String> recipients, String contentType, String transferEncoding) {
        return "From: Benchmark <" + SENDER + ">\r\n"
                + "To: " + String.join(", ", recipients) + "\r\n"
                + "Subject: smtp-client benchmark message\r\n"
                + "Date: Sun, 29 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <benchmark.0@example.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n")
                + "\r\n";
    }

    private static byte[] ascii(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
