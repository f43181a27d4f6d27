package io.github.smtpclient.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

/**
 * A text/plain or text/html body in UTF-8. The text is put in canonical form (every line break CRLF, a final
 * CRLF) and encoded while the message is prepared, since it is in memory anyway; so its size is known.
 */
final class TextPart implements MimePart {

    private final String headers;
    private final byte[] body;
    private final TransferEncoding encoding;

    TextPart(String subtype, String text, MimeOptions options) {
        byte[] canonical = canonical(text.getBytes(StandardCharsets.UTF_8));
        this.encoding = TransferEncoding.forText(canonical, options);
        this.body = encode(canonical, encoding);
        this.headers = HeaderFolder.fold("Content-Type", MimeParameters.header("text/" + subtype, "charset", "UTF-8"))
                + HeaderFolder.fold("Content-Transfer-Encoding", List.of(encoding.token()));
    }

    /**
     * The text in canonical form: every line break (CRLF, a bare CR, a bare LF) written as CRLF, and a final CRLF
     * unless the text is empty. Counted first, so the common text that is canonical already is not copied.
     */
    static byte[] canonical(byte[] text) {
        if (text.length == 0) {
            return text;
        }
        int added = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                i++;
            } else if (text[i] == '\r' || text[i] == '\n') {
                added++;
            }
        }
        byte last = text[text.length - 1];
        boolean endsWithBreak = last == '\r' || last == '\n';
        if (added == 0 && endsWithBreak) {
            return text;
        }
        byte[] out = new byte[text.length + added + (endsWithBreak ? 0 : 2)];
        int o = 0;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '\r' || b == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[o++] = b;
            }
        }
        if (!endsWithBreak) {
            out[o++] = '\r';
            out[o] = '\n';
        }
        return out;
    }

    private static byte[] encode(byte[] canonical, TransferEncoding encoding) {
        switch (encoding) {
            case QUOTED_PRINTABLE:
                ByteArrayOutputStream out = new ByteArrayOutputStream(canonical.length * 11 / 10 + 16);
                try (QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(out)) {
                    qp.write(canonical);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return withFinalLineBreak(out.toByteArray());
            case BASE64:
                return withFinalLineBreak(Base64.getMimeEncoder().encode(canonical));
            default:
                return canonical;
        }
    }

    private static byte[] withFinalLineBreak(byte[] encoded) {
        int n = encoded.length;
        if (n == 0 || (n >= 2 && encoded[n - 2] == '\r' && encoded[n - 1] == '\n')) {
            return encoded;
        }
        byte[] result = Arrays.copyOf(encoded, n + 2);
        result[n] = '\r';
        result[n + 1] = '\n';
        return result;
    }

    @Override
    public String headers() {
        return headers;
    }

    @Override
    public void writeBody(OutputStream out) throws IOException {
        out.write(body);
    }

    @Override
    public OptionalLong bodySize() {
        return OptionalLong.of(body.length);
    }

    @Override
    public BodyType bodyType() {
        return encoding.bodyType();
    }
}
