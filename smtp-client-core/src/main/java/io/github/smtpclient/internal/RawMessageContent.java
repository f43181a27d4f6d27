package io.github.smtpclient.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.github.smtpclient.MessageContent;

/**
 * A ready-made RFC 5322 message sent as it is. It may contain 8-bit bytes, so BODY=8BITMIME is declared when
 * the server offers it; the bytes are streamed, never held.
 */
public final class RawMessageContent implements MessageContent {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream source;
    private final long size;

    public RawMessageContent(InputStream source, long size) {
        this.source = source;
        this.size = size;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        int read;
        while ((read = source.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Encoding encoding() {
        return Encoding.EIGHT_BIT;
    }

    @Override
    public boolean needsSmtpUtf8() {
        return false;
    }
}
