package io.github.smtpclient.internal;

import java.io.IOException;
import java.io.OutputStream;

import io.github.smtpclient.MessageContent;

/**
 * Remembers whether the engine began writing a content, which decides whether a send of it may be tried again:
 * content that was never asked for is still whole, whatever kind of source it reads.
 */
public final class WriteTrackingContent implements MessageContent {

    private final MessageContent content;
    private volatile boolean written;

    public WriteTrackingContent(MessageContent content) {
        this.content = content;
    }

    /** Whether {@link #writeTo} has not been called yet. */
    public boolean isUntouched() {
        return !written;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        written = true;
        content.writeTo(out);
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public Encoding encoding() {
        return content.encoding();
    }

    @Override
    public boolean needsSmtpUtf8() {
        return content.needsSmtpUtf8();
    }

    @Override
    public boolean isReplayable() {
        return content.isReplayable();
    }
}
