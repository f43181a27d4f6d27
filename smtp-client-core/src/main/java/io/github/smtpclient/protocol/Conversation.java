package io.github.smtpclient.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * The command/reply exchange over one {@link Wire}: writes commands through the one {@link CommandWriter}
 * gate, reads replies through the one {@link ReplyReader}, pairs each reply with the command it answers (in
 * order, as pipelining requires), reports both to the listener, and ends the session on a 421 or any I/O
 * failure. Once {@link #isBroken()} is true the connection is closed and must not be used again.
 */
final class Conversation {

    private static final String MASK = "****";

    private final Wire wire;
    private final SmtpListener listener;
    private final ReplyReader reader;
    private final CommandWriter writer;
    private final Deque<String> awaitingReply = new ArrayDeque<>();
    private boolean utf8Allowed;
    private boolean broken;

    Conversation(Wire wire, SmtpListener listener, int sendBufferSize) throws IOException {
        this.wire = wire;
        this.listener = listener;
        this.reader = new ReplyReader(wire.input(), ReplyReader.DEFAULT_MAX_LINE_LENGTH);
        this.writer = new CommandWriter(wire.output(), sendBufferSize);
    }

    /** Queues a command; it reaches the server at the next {@link #flush()}. */
    void write(String command) throws SmtpException {
        write(command, command);
    }

    /** Queues a command whose arguments are secret: the listener sees {@code verb ****}. */
    void writeSecret(String command, String verbShown) throws SmtpException {
        write(command, verbShown.isEmpty() ? MASK : verbShown + " " + MASK);
    }

    private void write(String command, String shown) throws SmtpException {
        ensureUsable();
        try {
            writer.writeCommand(command, utf8Allowed);
        } catch (SmtpException e) {
            if (e.errorCode() != SmtpErrorCode.ILLEGAL_WIRE_VALUE) {
                breakConnection();
            }
            throw e;
        }
        awaitingReply.addLast(shown);
        listener.command(new CommandEvent(shown));
    }

    void flush() throws SmtpException {
        ensureUsable();
        try {
            writer.flush();
        } catch (SmtpException e) {
            breakConnection();
            throw e;
        }
    }

    /** Writes, flushes and reads the reply of one command. */
    Reply exchange(String command) throws SmtpException {
        write(command);
        flush();
        return read();
    }

    /** RSET: ends any transaction. A server that refuses it gets its connection closed: its state is unknown. */
    void reset() throws SmtpException {
        Reply reply = exchange("RSET");
        if (!reply.isPositive()) {
            breakConnection();
            throw new SmtpException(SmtpErrorCode.PROTOCOL_VIOLATION,
                    "The server refused RSET; the connection was closed because its state is unknown", reply);
        }
    }

    /** Reads the greeting, which answers no command. */
    Reply readGreeting() throws SmtpException {
        awaitingReply.addFirst("");
        return read();
    }

    /** Reads the next reply, in command order. A 421 ends the session and is thrown. */
    Reply read() throws SmtpException {
        ensureUsable();
        Reply reply;
        try {
            reply = reader.read();
        } catch (SmtpException e) {
            breakConnection();
            throw e;
        }
        String command = awaitingReply.pollFirst();
        listener.commandReply(new CommandReplyEvent(command == null || command.isEmpty() ? null : command, reply));
        if (reply.code() == 421) {
            breakConnection();
            throw new SmtpException(SmtpErrorCode.SERVICE_UNAVAILABLE,
                    "The server is closing the session (421); connect again later", reply);
        }
        return reply;
    }

    /** Whether a reply (or part of one) has arrived and can be read without waiting long. */
    boolean replyAvailable() throws SmtpException {
        try {
            return reader.replyAvailable();
        } catch (IOException e) {
            breakConnection();
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read from the server: " + e.getMessage(), e);
        }
    }

    /** The buffered stream message data goes through, shared with commands so they can follow the data at once. */
    OutputStream dataOutput() throws SmtpException {
        ensureUsable();
        return writer.rawOutput();
    }

    /** The command gate itself, for BDAT, whose chunks interleave command lines and data. */
    CommandWriter commandWriter() throws SmtpException {
        ensureUsable();
        return writer;
    }

    /**
     * Records a command that went out through {@link #dataOutput()} (a BDAT header, the end of DATA), so its
     * reply is paired with it and the listener sees it.
     */
    void announce(String shown) {
        awaitingReply.addLast(shown);
        listener.command(new CommandEvent(shown));
    }

    /**
     * Switches to TLS: refuses if the server sent anything after its 220 (response injection), then
     * handshakes and continues over the encrypted streams.
     */
    void startTls() throws SmtpException {
        try {
            if (reader.bufferedBytes() > 0 || wire.input().available() > 0) {
                breakConnection();
                throw new SmtpException(SmtpErrorCode.STARTTLS_INJECTION,
                        "The server sent data after its STARTTLS reply and before the TLS handshake. This is a"
                                + " response-injection attack (or a broken server); the connection was closed");
            }
            wire.startTls();
            reader.switchInput(wire.input());
            writer.switchOutput(wire.output());
        } catch (SmtpException e) {
            breakConnection();
            throw e;
        } catch (IOException e) {
            breakConnection();
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "TLS handshake failed: " + e.getMessage(), e);
        }
    }

    void allowUtf8(boolean allowed) {
        this.utf8Allowed = allowed;
    }

    boolean isSecure() {
        return wire.isSecure();
    }

    boolean isLoopback() {
        return wire.isLoopback();
    }

    boolean isBroken() {
        return broken;
    }

    /** Closes the connection at once; nothing more is read or written. */
    void breakConnection() {
        broken = true;
        awaitingReply.clear();
        try {
            wire.close();
        } catch (IOException ignored) {
            // Already failing; the connection is gone either way.
        }
    }

    private void ensureUsable() throws SmtpException {
        if (broken) {
            throw new SmtpException(SmtpErrorCode.NOT_CONNECTED, "The connection was closed after an earlier failure;"
                    + " connect again");
        }
    }
}
