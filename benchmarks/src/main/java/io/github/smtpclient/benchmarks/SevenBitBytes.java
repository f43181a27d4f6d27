package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.OutputStream;

import io.github.smtpclient.MessageContent;

/** A ready 7-bit message held in memory, written as it is: the pre-built content the benchmarks compare against. */
final class SevenBitBytes implements MessageContent {

    private final byte[] message;

    SevenBitBytes(byte[] message) {
        this.message = message;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(message);
    }

    @Override
    public long size() {
        return message.length;
    }

    @Override
    public Encoding encoding() {
        return Encoding.SEVEN_BIT;
    }

    @Override
    public boolean needsSmtpUtf8() {
        return false;
    }
}
