package io.github.smtpclient.internal;

import java.io.IOException;
import java.io.OutputStream;

import io.github.smtpclient.MessageContent;
import io.github.smtpclient.message.PreparedMessage;

/** A message composed by the MIME writer, as the engine sends it. */
final class ComposedMessageContent implements MessageContent {

    private final PreparedMessage prepared;

    ComposedMessageContent(PreparedMessage prepared) {
        this.prepared = prepared;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        prepared.writeTo(out);
    }

    @Override
    public long size() {
        return prepared.size().orElse(-1);
    }

    @Override
    public Encoding encoding() {
        return switch (prepared.bodyType()) {
            case SEVEN_BIT -> Encoding.SEVEN_BIT;
            case EIGHT_BIT_MIME -> Encoding.EIGHT_BIT;
            case BINARY_MIME -> Encoding.BINARY;
        };
    }

    @Override
    public boolean needsSmtpUtf8() {
        return prepared.needsSmtpUtf8();
    }

    /** Composed messages write again from their parts; attachment sources are opened once per write. */
    @Override
    public boolean isReplayable() {
        return true;
    }
}
