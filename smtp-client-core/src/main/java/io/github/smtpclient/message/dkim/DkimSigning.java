package io.github.smtpclient.message.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The DKIM signatures of one message, computed as the message streams through: write the message (RFC 5322 bytes
 * with CRLF line breaks, not dot-stuffed, exactly as they go on the wire), then ask for {@link #signatureFields()},
 * the {@code DKIM-Signature} fields to put in front of it. Only the header block is held (at most
 * {@value #MAX_HEADER_BYTES} bytes); the body is hashed as it passes, once per body canonicalization however many
 * signers share it.
 *
 * <pre>{@code
 * DkimSigning signing = DkimSigning.of(List.of(rsaSigner, ed25519Signer));
 * message.writeTo(signing);              // first pass: hashes only
 * out.write(signing.signatureFields());  // second pass: the signatures, then the same bytes again
 * message.writeTo(out);
 * }</pre>
 * Not thread-safe.
 */
public final class DkimSigning extends OutputStream {

    /** The largest header block held while the body streams. */
    public static final int MAX_HEADER_BYTES = 1024 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final List<DkimSigner> signers;
    private final Map<DkimCanonicalization, BodyHasher> bodies = new EnumMap<>(DkimCanonicalization.class);
    private final byte[] single = new byte[1];
    private byte[] header = new byte[4096];
    private int headerLength;
    /** Progress towards the empty line: 2 after a CRLF (and at the start), 3 after CRLF CR. */
    private int blankLineProgress = 2;
    private boolean inBody;
    private byte[] fields;

    private DkimSigning(List<DkimSigner> signers) {
        this.signers = List.copyOf(signers);
        if (this.signers.isEmpty()) {
            throw new IllegalArgumentException("DKIM signing needs at least one signer");
        }
        for (DkimSigner signer : this.signers) {
            bodies.computeIfAbsent(signer.bodyCanonicalization(), BodyHasher::new);
        }
    }

    /** A computation of one signature per signer, in this order (the first one's field comes first). */
    public static DkimSigning of(List<DkimSigner> signers) {
        return new DkimSigning(signers);
    }

    /**
     * The {@code DKIM-Signature} fields for a message held in memory, to write in front of it.
     *
     * @throws SmtpException when the header block is larger than {@value #MAX_HEADER_BYTES} bytes or a key fails
     */
    public static byte[] sign(List<DkimSigner> signers, byte[] message) throws SmtpException {
        DkimSigning signing = of(signers);
        signing.write(message, 0, message.length);
        return signing.signatureFields();
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws SmtpException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (fields != null) {
            throw new IllegalStateException("the signatures are already computed");
        }
        if (inBody) {
            hashBody(b, off, len);
            return;
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == CR) {
                blankLineProgress = blankLineProgress == 2 ? 3 : 1;
            } else if (c == LF && blankLineProgress == 3) {
                // The empty line: the header block is what came before its CRLF.
                appendHeader(b, off, i + 1 - off);
                headerLength -= 2;
                inBody = true;
                hashBody(b, i + 1, end - i - 1);
                return;
            } else {
                blankLineProgress = c == LF && blankLineProgress == 1 ? 2 : 0;
            }
        }
        appendHeader(b, off, len);
    }

    private void appendHeader(byte[] b, int off, int len) throws SmtpException {
        if (headerLength + len > MAX_HEADER_BYTES + 2) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The message's header block is larger than "
                    + MAX_HEADER_BYTES + " bytes, so it cannot be DKIM-signed; is the empty line after the header"
                    + " missing?");
        }
        if (headerLength + len > header.length) {
            header = Arrays.copyOf(header, Math.max(header.length * 2, headerLength + len));
        }
        System.arraycopy(b, off, header, headerLength, len);
        headerLength += len;
    }

    private void hashBody(byte[] b, int off, int len) {
        if (len > 0) {
            for (BodyHasher body : bodies.values()) {
                body.write(b, off, len);
            }
        }
    }

    /**
     * Ends the message and returns the {@code DKIM-Signature} fields, each folded and ended by CRLF, in the signers'
     * order; asked again, returns the same bytes.
     *
     * @throws SmtpException with {@code IO_ERROR} when a key cannot sign (a token that is gone, a provider failure)
     */
    public byte[] signatureFields() throws SmtpException {
        if (fields != null) {
            return fields.clone();
        }
        Map<DkimCanonicalization, byte[]> hashes = new EnumMap<>(DkimCanonicalization.class);
        Map<DkimCanonicalization, Long> lengths = new EnumMap<>(DkimCanonicalization.class);
        bodies.forEach((canonicalization, body) -> {
            hashes.put(canonicalization, body.finish());
            lengths.put(canonicalization, body.length());
        });
        HeaderFields parsed = HeaderFields.parse(header, headerLength);
        StringBuilder all = new StringBuilder(1024 * signers.size());
        for (DkimSigner signer : signers) {
            try {
                all.append(signer.signatureField(parsed, hashes.get(signer.bodyCanonicalization()),
                        lengths.get(signer.bodyCanonicalization())));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot DKIM-sign with " + signer + ": "
                        + e.getMessage(), e);
            }
        }
        fields = all.toString().getBytes(StandardCharsets.US_ASCII);
        return fields.clone();
    }
}
