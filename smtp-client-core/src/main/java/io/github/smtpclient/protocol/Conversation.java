package io.github.smtpclient.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.Hint;
import io.github.smtpclient.Reply;
import io.github.smtpclient.Setting;
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
 *
 * <p>Three rules hold for every reply, whichever path reads it:
 * <ul>
 * <li><b>In step.</b> Whenever no reply is owed (the last one owed was just read, or a command is about to be sent
 *     with nothing in flight), nothing more may have arrived. Bytes the server sent beyond the replies it owed could
 *     be taken for the answer to the next command (response injection: a 250 sent with the greeting would stand in
 *     for the EHLO reply and hide STARTTLS), so they are a {@link SmtpErrorCode#PROTOCOL_VIOLATION} that closes the
 *     connection; after STARTTLS's 220 they are {@link SmtpErrorCode#STARTTLS_INJECTION}. The one exception is a
 *     421, which RFC 5321 3.8 lets a server send at any time before it closes: the session ends, the reply just read
 *     stands, and the next use fails with {@link SmtpErrorCode#SERVICE_UNAVAILABLE}.</li>
 * <li><b>Allowed codes.</b> Each reply must be one RFC 5321 allows for its command ({@link ReplyRules}).</li>
 * <li><b>A deadline per reply.</b> Each whole reply must arrive within its {@link ReplyTimeouts timeout}, however
 *     slowly its bytes come.</li>
 * </ul>
 */
final class Conversation {

    /** How the listener sees the arguments of a secret command. */
    static final String MASK = "****";

    /** The longest wait for a TLS server to answer the ClientHello sent after a silent greeting. */
    private static final Duration TLS_PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Wire wire;
    private final SmtpListener listener;
    private final ReplyReader reader;
    private final CommandWriter writer;
    private final ReplyTimeouts timeouts;
    private final UnaskedBytes unasked;
    private final Deque<String> awaitingReply = new ArrayDeque<>();
    /** The command the last reply answered, as shown to the listener ("" for the greeting), for messages. */
    private String lastAnswered = "";
    private boolean utf8Allowed;
    private boolean broken;
    /** Whether the next reply is the first over TLS, where a refused client certificate shows (see {@link #read}). */
    private boolean firstReplyOverTls;
    /** The 421 the server ended the session with while it owed no reply, if it did. */
    private Reply closedWith;
    /** A {@link #flushAhead()} that failed, owed to the next write or flush; replies may still be read meanwhile. */
    private SmtpException writeFailed;

    Conversation(Wire wire, SmtpListener listener, int sendBufferSize, ReplyTimeouts timeouts) throws IOException {
        this.wire = wire;
        this.listener = listener;
        this.timeouts = timeouts;
        this.reader = new ReplyReader(wire.input(), wire.readDeadline(), ReplyReader.DEFAULT_MAX_LINE_LENGTH);
        this.writer = new CommandWriter(wire.output(), sendBufferSize);
        this.unasked = new UnaskedBytes(wire, reader);
        this.firstReplyOverTls = wire.isSecure();
    }

    /** A command checked and encoded for the wire, not written yet. */
    static final class Prepared {
        private final byte[] line;
        private final String shown;

        private Prepared(byte[] line, String shown) {
            this.line = line;
            this.shown = shown;
        }
    }

    /**
     * Checks and encodes a command without writing anything. A pipelined group is prepared whole before any of it is
     * written, so a value that cannot be sent leaves no stale command in the buffer to reach the server later.
     *
     * @throws SmtpException ILLEGAL_WIRE_VALUE; the connection stays usable
     */
    Prepared prepare(String command) throws SmtpException {
        ensureUsable();
        return new Prepared(writer.encodeCommand(command, utf8Allowed), command);
    }

    /** Queues a command; it reaches the server at the next {@link #flush()}. */
    void write(String command) throws SmtpException {
        write(prepare(command));
    }

    /** Queues a command whose arguments are secret: the listener sees {@code verb ****}. */
    void writeSecret(String command, String verbShown) throws SmtpException {
        ensureUsable();
        write(new Prepared(writer.encodeCommand(command, utf8Allowed), verbShown.isEmpty() ? MASK
                : verbShown + " " + MASK));
    }

    /** Queues a prepared command; with no reply owed, first checks that the server sent nothing unasked. */
    void write(Prepared command) throws SmtpException {
        ensureWritable();
        if (awaitingReply.isEmpty()) {
            requireInStep(true, SmtpErrorCode.PROTOCOL_VIOLATION);
        }
        try {
            writer.writeEncoded(command.line);
        } catch (SmtpException e) {
            breakConnection();
            throw e;
        }
        awaitingReply.addLast(command.shown);
        listener.command(new CommandEvent(command.shown));
    }

    void flush() throws SmtpException {
        ensureWritable();
        try {
            writer.flush();
        } catch (SmtpException e) {
            breakConnection();
            throw e;
        }
    }

    /**
     * Sends what is buffered before the client waits for replies, so the server is never idle for bytes the client
     * holds back. When that fails (typically: the server has closed its side after its last replies), the connection
     * is not closed yet: the replies already received can still be read, and they decide the outcomes of the
     * messages they answer. The next write or flush then fails with this failure and closes the connection.
     */
    void flushAhead() {
        if (broken || closedWith != null || writeFailed != null) {
            return;
        }
        try {
            writer.flush();
        } catch (SmtpException e) {
            writeFailed = e;
        }
    }

    /** Whether a {@link #flushAhead()} failed: nothing more can be written, though replies may still be read. */
    boolean hasFailedWrite() {
        return writeFailed != null;
    }

    /** Writes, flushes and reads the reply of one command. */
    Reply exchange(String command) throws SmtpException {
        return exchange(prepare(command));
    }

    /** Writes, flushes and reads the reply of one prepared command. */
    Reply exchange(Prepared command) throws SmtpException {
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

    /**
     * Reads the greeting, which answers no command, within the greeting timeout. When nothing at all arrives in time
     * over plaintext, finds out whether the port expects implicit TLS and then fails with
     * {@link SmtpErrorCode#TLS_MODE_MISMATCH} instead of {@link SmtpErrorCode#TIMEOUT}.
     */
    Reply readGreeting() throws SmtpException {
        awaitingReply.addFirst("");
        return read(timeouts.greeting(), Setting.GREETING_TIMEOUT);
    }

    /** Reads the next reply, in command order. A 421 ends the session and is thrown. */
    Reply read() throws SmtpException {
        return read(timeouts.reply(), Setting.SOCKET_TIMEOUT);
    }

    /** Reads a reply owed for the end of the message data, within the data termination timeout. */
    Reply readAfterData() throws SmtpException {
        return read(timeouts.dataTermination(), Setting.DATA_TERMINATION_TIMEOUT);
    }

    private Reply read(Duration timeout, Setting setting) throws SmtpException {
        ensureUsable();
        boolean greeting = "".equals(awaitingReply.peekFirst());
        Reply reply;
        try {
            reply = reader.read(timeout, setting);
        } catch (SmtpException e) {
            SmtpException failure = greeting && e.errorCode() == SmtpErrorCode.TIMEOUT && reader.receivedNothing()
                    ? silentGreeting(e) : e;
            breakConnection();
            throw failure;
        }
        String command = awaitingReply.pollFirst();
        listener.commandReply(new CommandReplyEvent(command == null || command.isEmpty() ? null : command, reply));
        boolean firstOverTls = firstReplyOverTls;
        firstReplyOverTls = false;
        if (reply.code() == 421 && firstOverTls && wire.clientCertificateWithheld()) {
            breakConnection();
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "The server asked for a client certificate in"
                    + " the TLS handshake, none is configured, and its first reply over TLS closes the session (421):"
                    + " it requires a client certificate", reply)
                    .withHint(Hint.of("Give the client a certificate the server trusts with {}.",
                            Setting.TLS_CLIENT_CERTIFICATE.mention()));
        }
        if (reply.code() == 421) {
            breakConnection();
            throw new SmtpException(SmtpErrorCode.SERVICE_UNAVAILABLE,
                    "The server is closing the session (421); connect again later", reply);
        }
        ReplyRules.Expected expected = ReplyRules.expectedFor(command);
        SmtpException wrong = ReplyRules.check(command, expected, reply);
        if (wrong != null) {
            breakConnection();
            throw wrong;
        }
        lastAnswered = command == null ? "" : command;
        if (awaitingReply.isEmpty() && expected != ReplyRules.Expected.ANY) {
            boolean tlsGoAhead = reply.code() == 220 && expected == ReplyRules.Expected.TLS_GO_AHEAD;
            requireInStep(false, tlsGoAhead ? SmtpErrorCode.STARTTLS_INJECTION : SmtpErrorCode.PROTOCOL_VIOLATION);
        }
        return reply;
    }

    /**
     * A server that accepts the connection and sends nothing is what a port expecting implicit TLS looks like to a
     * plaintext client; a TLS server answers a ClientHello, a silent SMTP server does not.
     */
    private SmtpException silentGreeting(SmtpException timeout) {
        if (wire.isSecure()) {
            return timeout;
        }
        Duration probe = timeouts.reply().compareTo(TLS_PROBE_TIMEOUT) < 0 ? timeouts.reply() : TLS_PROBE_TIMEOUT;
        try {
            if (wire.answersTlsHandshake(probe)) {
                return new SmtpException(SmtpErrorCode.TLS_MODE_MISMATCH, "No greeting within "
                        + timeouts.greeting().toMillis() + " ms, and the server answers a TLS handshake: the port"
                        + " expects TLS from the first byte (implicit TLS, usually port 465).", timeout)
                        .withHint(Hint.of("Use {}.", Setting.TLS_MODE.to("IMPLICIT")));
            }
        } catch (IOException probeFailed) {
            timeout.addSuppressed(probeFailed);
        }
        return timeout;
    }

    /**
     * The in-step rule: with no reply owed, the server must have sent nothing more.
     *
     * @param beforeCommand whether a command is about to be sent (else a reply was just read, and stands if the
     *                      extra bytes are a 421)
     */
    private void requireInStep(boolean beforeCommand, SmtpErrorCode violation) throws SmtpException {
        UnaskedBytes.Found found;
        try {
            found = unasked.look(violation == SmtpErrorCode.PROTOCOL_VIOLATION);
        } catch (SmtpException e) {
            breakConnection();
            throw e;
        } catch (IOException e) {
            breakConnection();
            throw new SmtpException(SmtpErrorCode.CONNECTION_CLOSED, "Cannot read from the server: " + e.getMessage(),
                    e);
        }
        if (found == null) {
            return;
        }
        breakConnection();
        if (found.closing() == null) {
            throw UnaskedBytes.failure(violation, ReplyRules.describe(lastAnswered), found.preview());
        }
        closedWith = found.closing();
        if (beforeCommand) {
            throw closedFailure();
        }
    }

    private SmtpException closedFailure() {
        return new SmtpException(SmtpErrorCode.SERVICE_UNAVAILABLE, "The server closed the session (421) while no"
                + " command was waiting for a reply; connect again later", closedWith);
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
        ensureWritable();
        return writer.rawOutput();
    }

    /** The command gate itself, for BDAT, whose chunks interleave command lines and data. */
    CommandWriter commandWriter() throws SmtpException {
        ensureWritable();
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
        ensureUsable();
        requireInStep(true, SmtpErrorCode.STARTTLS_INJECTION);
        try {
            wire.startTls();
            reader.switchInput(wire.input());
            writer.switchOutput(wire.output());
            firstReplyOverTls = true;
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

    Optional<ChannelBinding> channelBinding() {
        return wire.channelBinding();
    }

    boolean clientCertificatePresented() {
        return wire.clientCertificatePresented();
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

    /** {@link #ensureUsable()}, and no failed {@link #flushAhead()} owed: that closes the connection now. */
    private void ensureWritable() throws SmtpException {
        ensureUsable();
        if (writeFailed != null) {
            SmtpException failure = writeFailed;
            writeFailed = null;
            breakConnection();
            throw failure;
        }
    }

    private void ensureUsable() throws SmtpException {
        if (closedWith != null) {
            throw closedFailure();
        }
        if (broken) {
            throw new SmtpException(SmtpErrorCode.NOT_CONNECTED, "The connection was closed after an earlier failure;"
                    + " connect again");
        }
    }
}
