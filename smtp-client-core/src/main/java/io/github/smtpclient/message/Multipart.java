package io.github.smtpclient.message;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * A multipart entity (RFC 2046 section 5.1): its parts between boundary lines. The boundary is 128 random bits
 * after {@code =_}, a sequence that neither base64 nor quoted-printable output can contain.
 */
final class Multipart implements MimePart {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final String headers;
    private final byte[] delimiter;
    private final byte[] closeDelimiter;
    private final List<MimePart> parts;
    /** Each part's header fields in UTF-8: written and counted, so encoded once. */
    private final List<byte[]> partHeaders;

    Multipart(String subtype, List<MimePart> parts) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String boundary = "=_" + HexFormat.of().formatHex(random);
        this.headers = HeaderFolder.fold("Content-Type", MimeParameters.header("multipart/" + subtype, "boundary", boundary));
        this.delimiter = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        this.closeDelimiter = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.parts = List.copyOf(parts);
        this.partHeaders = this.parts.stream().map(part -> part.headers().getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String headers() {
        return headers;
    }

    @Override
    public void writeBody(OutputStream out) throws IOException {
        for (int i = 0; i < parts.size(); i++) {
            out.write(delimiter);
            out.write(partHeaders.get(i));
            out.write(CRLF);
            parts.get(i).writeBody(out);
            out.write(CRLF);
        }
        out.write(closeDelimiter);
    }

    @Override
    public OptionalLong bodySize() {
        long total = closeDelimiter.length;
        for (int i = 0; i < parts.size(); i++) {
            OptionalLong size = parts.get(i).bodySize();
            if (size.isEmpty()) {
                return size;
            }
            total += delimiter.length + partHeaders.get(i).length + 2 + size.getAsLong() + 2;
        }
        return OptionalLong.of(total);
    }

    @Override
    public BodyType bodyType() {
        return parts.stream().map(MimePart::bodyType).max(Comparator.naturalOrder()).orElse(BodyType.SEVEN_BIT);
    }
}
