package io.github.smtpclient.message;

/**
 * The Content-Transfer-Encoding of one part (RFC 2045), and the rules that choose it from the part's content and
 * what the server offers. Identity encodings are chosen only when the content already obeys them; {@code 8bit}
 * needs 8BITMIME and {@code binary} needs BINARYMIME, so a message never carries undeclared 8-bit octets.
 */
enum TransferEncoding {
    SEVEN_BIT("7bit", BodyType.SEVEN_BIT),
    EIGHT_BIT("8bit", BodyType.EIGHT_BIT_MIME),
    BINARY("binary", BodyType.BINARY_MIME),
    QUOTED_PRINTABLE("quoted-printable", BodyType.SEVEN_BIT),
    BASE64("base64", BodyType.SEVEN_BIT);

    private static final int MAX_LINE = 998;

    private final String token;
    private final BodyType bodyType;

    TransferEncoding(String token, BodyType bodyType) {
        this.token = token;
        this.bodyType = bodyType;
    }

    String token() {
        return token;
    }

    BodyType bodyType() {
        return bodyType;
    }

    /** For text in canonical form (CRLF line breaks): the lightest encoding the content and server allow. */
    static TransferEncoding forText(byte[] text, MimeOptions options) {
        Scan scan = Scan.of(text);
        if (scan.fitsLines() && scan.nonAscii == 0) {
            return SEVEN_BIT;
        }
        if (scan.fitsLines() && options.eightBitMime()) {
            return EIGHT_BIT;
        }
        if (options.binaryMime()) {
            return BINARY;
        }
        return scan.nonAscii * 3 > text.length ? BASE64 : QUOTED_PRINTABLE;
    }

    /**
     * For an attachment: text held in memory that is already valid 7bit (or 8bit, when offered) goes as it is, so
     * it stays readable in the raw message; anything else is binary when offered, else base64.
     */
    static TransferEncoding forAttachment(Attachment attachment, MimeOptions options) {
        if (ContentTypes.isText(attachment.contentType()) && attachment.bytes().isPresent()) {
            Scan scan = Scan.of(attachment.bytes().get());
            if (scan.fitsLines() && !scan.bareLineBreak) {
                if (scan.nonAscii == 0) {
                    return SEVEN_BIT;
                }
                if (options.eightBitMime()) {
                    return EIGHT_BIT;
                }
            }
        }
        return options.binaryMime() ? BINARY : BASE64;
    }

    /** What a scan of the content found. */
    private static final class Scan {
        private int nonAscii;
        private int longestLine;
        private boolean nul;
        private boolean bareLineBreak;

        static Scan of(byte[] content) {
            Scan scan = new Scan();
            int lineLength = 0;
            for (int i = 0; i < content.length; i++) {
                int c = content[i] & 0xff;
                if (c == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
                    scan.longestLine = Math.max(scan.longestLine, lineLength);
                    lineLength = 0;
                    i++;
                    continue;
                }
                scan.bareLineBreak |= c == '\r' || c == '\n';
                scan.nul |= c == 0;
                scan.nonAscii += c >= 0x80 ? 1 : 0;
                lineLength++;
            }
            scan.longestLine = Math.max(scan.longestLine, lineLength);
            return scan;
        }

        boolean fitsLines() {
            return longestLine <= MAX_LINE && !nul;
        }
    }
}
