package io.github.smtpclient.protocol;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.smtpclient.Reply;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.ServerInfo;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.Submission;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * One SMTP session over a {@link Wire}, from the greeting to QUIT: greeting, EHLO (or HELO), STARTTLS and a
 * fresh EHLO, AUTH, then any number of mail transactions. Not thread-safe. Any failure that leaves the
 * connection in an unknown state closes it; {@link #isUsable()} then turns false for good.
 */
public final class SmtpSession implements AutoCloseable {

    private final Conversation conversation;
    private final SessionSettings settings;
    private final SmtpListener listener;
    private final AtomicLong messageSequence = new AtomicLong();
    private final AtomicLong transactionCount = new AtomicLong();
    private ServerInfo serverInfo = ServerInfo.none();

    private SmtpSession(Conversation conversation, SessionSettings settings, SmtpListener listener) {
        this.conversation = conversation;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Runs the session's opening on a fresh connection: greeting, EHLO, STARTTLS as the policy says, AUTH when
     * credentials are configured. On failure the wire is closed and the exception thrown.
     *
     * @param host the server's host name as the user gave it (for SASL mechanisms that bind to it)
     * @param port the server's port
     */
    public static SmtpSession open(Wire wire, SessionSettings settings, String host, int port, SmtpListener listener)
            throws SmtpException {
        Conversation conversation;
        try {
            conversation = new Conversation(wire, listener, settings.sendBufferSize(), settings.timeouts());
        } catch (IOException e) {
            closeQuietly(wire);
            throw new SmtpException(SmtpErrorCode.CONNECTION_CLOSED, "Cannot use the connection: " + e.getMessage(), e);
        }
        SmtpSession session = new SmtpSession(conversation, settings, listener);
        try {
            session.greet();
            session.hello();
            session.secure();
            new Authenticator(conversation, listener, settings.auth(), host, port).authenticate(session.serverInfo);
            return session;
        } catch (SmtpException e) {
            conversation.breakConnection();
            throw e;
        }
    }

    private void greet() throws SmtpException {
        Reply greeting = conversation.readGreeting();
        if (greeting.code() == 220) {
            return;
        }
        if (greeting.code() == 554) {
            throw new SmtpException(SmtpErrorCode.GREETING_REJECTED,
                    "The server refuses to talk to this client (554 greeting)", greeting);
        }
        throw new SmtpException(SmtpErrorCode.PROTOCOL_VIOLATION, "Expected a 220 greeting", greeting);
    }

    private void hello() throws SmtpException {
        serverInfo = ServerInfo.none();
        Reply ehlo = conversation.exchange("EHLO " + settings.domain());
        if (ehlo.isPositive()) {
            serverInfo = ServerInfo.fromEhlo(ehlo);
        } else if (ehlo.code() == 500 || ehlo.code() == 502) {
            Reply helo = conversation.exchange("HELO " + settings.domain());
            if (!helo.isPositive()) {
                throw new SmtpException(SmtpErrorCode.COMMAND_REJECTED, "The server refused both EHLO and HELO for '"
                        + settings.domain() + "'; set the Domain to a name the server accepts", helo);
            }
            listener.notification(new NotificationEvent(NotificationEvent.Kind.HELO_FALLBACK,
                    "The server does not understand EHLO; continuing with HELO and no extensions"));
        } else {
            throw new SmtpException(SmtpErrorCode.COMMAND_REJECTED, "The server refused EHLO " + settings.domain()
                    + "; set the Domain to a name the server accepts", ehlo);
        }
        conversation.allowUtf8(serverInfo.isSmtpUtf8Supported());
    }

    private void secure() throws SmtpException {
        StartTlsPolicy policy = settings.startTls();
        if (policy == StartTlsPolicy.NEVER || conversation.isSecure()) {
            return;
        }
        if (!serverInfo.isStartTlsSupported()) {
            tlsUnavailable(policy, null);
            return;
        }
        Reply reply = conversation.exchange("STARTTLS");
        if (reply.code() != 220) {
            tlsUnavailable(policy, reply);
            return;
        }
        conversation.startTls();
        hello();
    }

    private void tlsUnavailable(StartTlsPolicy policy, Reply refusal) throws SmtpException {
        String what = refusal == null ? "does not offer STARTTLS" : "refused STARTTLS";
        if (policy == StartTlsPolicy.REQUIRED) {
            throw new SmtpException(SmtpErrorCode.TLS_NOT_AVAILABLE, "The server " + what + " but TLS mode EXPLICIT"
                    + " requires it. Use IMPLICIT if the server expects TLS from the first byte (port 465), or"
                    + " MIXED/NONE only on a network you trust", refusal);
        }
        listener.notification(new NotificationEvent(NotificationEvent.Kind.TLS_NOT_OFFERED, "The server " + what
                + "; continuing without encryption (TLS mode MIXED). Anyone on the path can read this session"));
    }

    /** Capabilities from the last EHLO (after STARTTLS, only those announced under encryption). */
    public ServerInfo serverInfo() {
        return serverInfo;
    }

    /** Sends one message. Throws when it was not accepted for any recipient. */
    public SendResult send(Submission submission) throws SmtpException {
        return sendAll(List.of(submission)).get(0).orThrow();
    }

    /**
     * Sends several messages over this connection, pipelined when the server allows: the next message's
     * commands follow the previous message's data at once. Each message gets its own outcome.
     */
    public List<SendOutcome> sendAll(List<Submission> submissions) throws SmtpException {
        ensureUsable();
        return new TransactionPipeline(conversation, serverInfo, settings, listener, messageSequence,
                transactionCount)
                .sendAll(submissions);
    }

    /** RSET: abandons any transaction. A server that refuses it gets its connection closed. */
    public void reset() throws SmtpException {
        ensureUsable();
        conversation.reset();
    }

    /** NOOP: proves the connection is alive; throws (and closes the connection) if it is not. */
    public Reply noop() throws SmtpException {
        ensureUsable();
        Reply reply = conversation.exchange("NOOP");
        if (!reply.isPositive()) {
            conversation.breakConnection();
            throw new SmtpException(SmtpErrorCode.COMMAND_REJECTED, "The server refused NOOP", reply);
        }
        return reply;
    }

    /**
     * VRFY or EXPN between transactions: every reply but a 421 is the answer, so none closes the connection.
     * {@code SMTPUTF8} is added for a UTF-8 argument (RFC 6531 section 3.7.4.2), which needs a server offering it.
     *
     * @param verb     {@code VRFY} or {@code EXPN}
     * @param argument the user, mailbox or list name, already checked to hold no control character
     */
    public Reply lookup(String verb, String argument) throws SmtpException {
        ensureUsable();
        boolean ascii = argument.chars().allMatch(c -> c < 0x80);
        if (!ascii && !serverInfo.isSmtpUtf8Supported()) {
            throw new SmtpException(SmtpErrorCode.EXTENSION_NOT_SUPPORTED, "The " + verb + " argument has UTF-8"
                    + " characters but the server does not offer SMTPUTF8; give an ASCII name");
        }
        return conversation.exchange(verb + " " + argument + (ascii ? "" : " SMTPUTF8"));
    }

    /** Whether the connection is open and in a known state between transactions. */
    public boolean isUsable() {
        return !conversation.isBroken();
    }

    /** Whether the session is encrypted. */
    public boolean isSecure() {
        return conversation.isSecure();
    }

    /**
     * QUIT, then close. The server's answer is read but not required: the session ends either way. Safe to call
     * on a broken session.
     */
    public void quit() {
        if (conversation.isBroken()) {
            return;
        }
        try {
            conversation.exchange("QUIT");
        } catch (SmtpException e) {
            // The server may drop the connection without answering QUIT; the session is over either way.
        } finally {
            conversation.breakConnection();
        }
        listener.notification(new NotificationEvent(NotificationEvent.Kind.DISCONNECTED, "Disconnected"));
    }

    /** Closes the connection at once, without QUIT. */
    @Override
    public void close() {
        conversation.breakConnection();
    }

    private void ensureUsable() throws SmtpException {
        if (conversation.isBroken()) {
            throw new SmtpException(SmtpErrorCode.NOT_CONNECTED, "Not connected: the connection was closed; connect"
                    + " again");
        }
    }

    private static void closeQuietly(Wire wire) {
        try {
            wire.close();
        } catch (IOException ignored) {
            // Reporting the original failure matters more than a failing close.
        }
    }
}
