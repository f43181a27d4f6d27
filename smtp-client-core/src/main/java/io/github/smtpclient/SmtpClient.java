package io.github.smtpclient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.smtpclient.auth.AuthSettings;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.internal.ClientConfig;
import io.github.smtpclient.internal.LocalDomain;
import io.github.smtpclient.internal.MessageComposer;
import io.github.smtpclient.internal.RawMessageContent;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.MessageDraft;
import io.github.smtpclient.message.PreparedMessage;
import io.github.smtpclient.message.RawMessage;
import io.github.smtpclient.net.Connector;
import io.github.smtpclient.net.ProxySettings;
import io.github.smtpclient.net.SocketSettings;
import io.github.smtpclient.net.SocketWire;
import io.github.smtpclient.protocol.SessionSettings;
import io.github.smtpclient.protocol.SmtpSession;
import io.github.smtpclient.protocol.StartTlsPolicy;
import io.github.smtpclient.tls.TlsConnectionInfo;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

/**
 * An SMTP client over one connection, shaped like the reference SMTPClient class: configure, {@link #connect},
 * send any number of messages, {@link #disconnect}. Not thread-safe; for concurrent sending use a pooled
 * sender that owns several clients.
 *
 * <pre>{@code
 * try (SmtpClient client = new SmtpClient()) {
 *     client.auth().setUsername("alice");
 *     client.auth().setPassword("secret");
 *     client.connect("smtp.example.com", 587);          // STARTTLS required by default on 587
 *     SendResult result = client.sendBytes(rfc5322Bytes); // envelope from the headers
 * }
 * }</pre>
 *
 * <p>Settings are grouped: {@link #tls()}, {@link #auth()}, {@link #socket()}, {@link #proxy()},
 * {@link #transfer()}; the reference's class settings are also reachable by name through {@link #config(String)}.
 * Settings are read at {@link #connect}; changing them later affects the next connection.
 */
public class SmtpClient implements AutoCloseable {

    private static final Pattern DOMAIN_OR_LITERAL = Pattern.compile(
            "\\[(IPv6:[0-9A-Fa-f:.]+|[0-9.]+)\\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private static final Connector CONNECTOR = new Connector();

    private final TlsSettings tls = new TlsSettings();
    private final AuthSettings auth = new AuthSettings();
    private final SocketSettings socket = new SocketSettings();
    private final ProxySettings proxy = new ProxySettings();
    private final TransferSettings transfer = new TransferSettings();
    private final ClientConfig config = new ClientConfig(this);
    private final MessageDraft message = new MessageDraft();
    private SmtpListener listener = SmtpListener.NONE;
    /** {@link #listener} as the engine calls it: a throwing listener is logged, never allowed to break a send. */
    private SmtpListener events = SmtpListener.NONE;
    private String domain;
    private String ehloName;
    private SettingNames settingNames = SettingNames.JAVA_API;

    private SocketWire wire;
    private SmtpSession session;

    /** TLS settings: mode, versions, trust, certificate validation. */
    public TlsSettings tls() {
        return tls;
    }

    /** Authentication settings: user name, password or token, mechanisms. */
    public AuthSettings auth() {
        return auth;
    }

    /** Socket settings: timeouts, local address, IPv6. */
    public SocketSettings socket() {
        return socket;
    }

    /** Proxy settings: SOCKS 4/4a/5 or HTTP CONNECT, host, port, credentials; none by default. */
    public ProxySettings proxy() {
        return proxy;
    }

    /** Data transfer settings: binary mode, chunk size, Bcc removal, buffer size, temporary files. */
    public TransferSettings transfer() {
        return transfer;
    }

    /** The name sent in EHLO; null means the default (local host name, else the local address as a literal). */
    public String getDomain() {
        return domain;
    }

    /** Sets the EHLO name: a domain ({@code client.example.com}) or an address literal ({@code [192.0.2.1]}). */
    public void setDomain(String domain) {
        if (domain != null && !DOMAIN_OR_LITERAL.matcher(domain).matches()) {
            throw new IllegalArgumentException("Domain '" + domain.replaceAll("[\\x00-\\x1f]", "?") + "' is not a"
                    + " domain name or an address literal such as [192.0.2.1]");
        }
        this.domain = domain;
    }

    /** How the advice in this client's exceptions names settings; {@link SettingNames#JAVA_API} by default. */
    public SettingNames getSettingNames() {
        return settingNames;
    }

    /**
     * Sets how the advice in this client's exceptions names settings: as calls on this client (the default) or as a
     * framework's configuration keys, when the client is configured from those.
     */
    public void setSettingNames(SettingNames settingNames) {
        this.settingNames = Objects.requireNonNull(settingNames, "settingNames");
    }

    public SmtpListener getListener() {
        return listener;
    }

    /** Receives this client's events; see {@link SmtpListener}. */
    public void setListener(SmtpListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener (use SmtpListener.NONE for none)");
        this.events = listener == SmtpListener.NONE ? SmtpListener.NONE : SmtpListener.of(List.of(listener));
    }

    /**
     * Connects, reads the greeting, says EHLO, secures the connection as {@link TlsSettings#getMode()} says
     * (default: IMPLICIT on port 465, STARTTLS required elsewhere) and authenticates when credentials are set.
     */
    public void connect(String host, int port) throws SmtpException {
        if (isConnected()) {
            throw new IllegalStateException("Already connected; call disconnect() first");
        }
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
        try {
            wire = CONNECTOR.connect(host, port, socket, tls, proxy, events);
            session = SmtpSession.open(wire, sessionSettings(port), host, port, events);
        } catch (SmtpException e) {
            wire = null;
            session = null;
            throw reported(e);
        }
    }

    private SessionSettings sessionSettings(int port) {
        TlsMode mode = tls.effectiveMode(port);
        StartTlsPolicy policy = switch (mode) {
            case EXPLICIT -> StartTlsPolicy.REQUIRED;
            case MIXED -> StartTlsPolicy.OPPORTUNISTIC;
            case NONE, IMPLICIT -> StartTlsPolicy.NEVER;
        };
        ehloName = domain != null ? domain : LocalDomain.forConnection(wire.localAddress().getAddress());
        return new SessionSettings(ehloName, policy, auth.copy(), transfer.isBinaryMode(), transfer.getBinaryChunkSize(),
                transfer.getSendBufferSize());
    }

    /** Whether a session is open and usable. False after any failure that closed the connection. */
    public boolean isConnected() {
        return session != null && session.isUsable();
    }

    /** Says QUIT and closes the connection. Safe to call when not connected, and twice. */
    public void disconnect() {
        if (session != null) {
            session.quit();
        }
        session = null;
        wire = null;
    }

    /** Same as {@link #disconnect()}. */
    @Override
    public void close() {
        disconnect();
    }

    /** What the server announced in its last EHLO; {@link ServerInfo#none()} when not connected. */
    public ServerInfo getServerInfo() {
        return session == null ? ServerInfo.none() : session.serverInfo();
    }

    /** TLS version, cipher suite and certificates of the current connection, when it is encrypted. */
    public Optional<TlsConnectionInfo> getTlsInfo() {
        return isConnected() ? wire.tlsInfo() : Optional.empty();
    }

    /** Addresses, TLS details and byte counts of the current connection; empty when not connected. */
    public Optional<ConnectionInfo> getConnectionInfo() {
        if (!isConnected()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionInfo(wire.remoteAddress(), wire.localAddress(), wire.tlsInfo(),
                wire.bytesSent(), wire.bytesReceived()));
    }

    /**
     * The message {@link #sendMessage()} sends, filled in field by field as in the reference component. It keeps
     * its contents after sending; call {@link MessageDraft#clear()} to start a new one.
     */
    public MessageDraft getMessage() {
        return message;
    }

    /** Composes and sends {@link #getMessage()}. */
    public SendResult sendMessage() throws SmtpException {
        return sendMessage(message.toMailMessage());
    }

    /**
     * Composes a message for this server (8-bit, binary and UTF-8 only where it offers them) and sends it,
     * streaming its attachments. The result carries the message's Message-ID.
     */
    public SendResult sendMessage(MailMessage mail) throws SmtpException {
        Objects.requireNonNull(mail, "message");
        SmtpSession current = requireSession();
        PreparedMessage prepared = null;
        try {
            prepared = composer().prepare(mail);
            return current.send(MessageComposer.submission(mail, prepared));
        } catch (SmtpException e) {
            throw reported(e);
        } finally {
            if (prepared != null) {
                deleteSpool(prepared);
            }
        }
    }

    /**
     * Composes and sends several messages over this connection, pipelined when the server allows; each gets its
     * own outcome.
     */
    public List<SendOutcome> sendMessages(List<MailMessage> mails) throws SmtpException {
        SmtpSession current = requireSession();
        MessageComposer composer = composer();
        List<PreparedMessage> prepared = new ArrayList<>(mails.size());
        List<Submission> submissions = new ArrayList<>(mails.size());
        try {
            for (MailMessage mail : mails) {
                PreparedMessage each = composer.prepare(mail);
                prepared.add(each);
                submissions.add(MessageComposer.submission(mail, each));
            }
            return sendAll(submissions);
        } catch (SmtpException e) {
            throw reported(e);
        } finally {
            for (PreparedMessage each : prepared) {
                deleteSpool(each);
            }
        }
    }

    private MessageComposer composer() {
        return new MessageComposer(getServerInfo(), transfer, ehloName, events);
    }

    /** A spool file that outlives its send is reported, not thrown: the send's own outcome is what matters. */
    private void deleteSpool(PreparedMessage prepared) {
        try {
            prepared.close();
        } catch (IOException e) {
            events.error(new ErrorEvent(new SmtpException(SmtpErrorCode.IO_ERROR,
                    "Cannot delete the message's spool file: " + e.getMessage(), e)));
        }
    }

    /** Sends a ready-made RFC 5322 message; the envelope comes from its headers. */
    public SendResult sendBytes(byte[] message) throws SmtpException {
        return sendBytes(null, message);
    }

    /** Sends a ready-made RFC 5322 message with an explicit envelope (null: from the headers). */
    public SendResult sendBytes(Envelope envelope, byte[] message) throws SmtpException {
        Objects.requireNonNull(message, "message");
        return sendRaw(envelope, new ByteArrayInputStream(message), message.length);
    }

    /** Sends a message stored in a file, streamed; the envelope comes from its headers. */
    public SendResult sendFile(Path file) throws SmtpException {
        return sendFile(null, file);
    }

    /** Sends a message stored in a file, streamed; the envelope comes from its headers. */
    public SendResult sendFile(String file) throws SmtpException {
        return sendFile(null, Path.of(file));
    }

    /** Sends a message stored in a file with an explicit envelope (null: from the headers). */
    public SendResult sendFile(Envelope envelope, Path file) throws SmtpException {
        try (InputStream in = Files.newInputStream(file)) {
            return sendRaw(envelope, in, Files.size(file));
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            throw reported(new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read the message file " + file + ": "
                    + e.getMessage(), e));
        }
    }

    /** Sends a message read from a stream until its end, without buffering it; the envelope comes from its headers. */
    public SendResult sendStream(InputStream message) throws SmtpException {
        return sendStream(null, message);
    }

    /** Sends a message read from a stream with an explicit envelope (null: from the headers). The stream is not closed. */
    public SendResult sendStream(Envelope envelope, InputStream message) throws SmtpException {
        return sendRaw(envelope, Objects.requireNonNull(message, "message"), -1);
    }

    private SendResult sendRaw(Envelope envelope, InputStream source, long size) throws SmtpException {
        SmtpSession current = requireSession();
        try {
            RawMessage raw = RawMessage.read(source);
            Envelope effective = envelope != null ? envelope : raw.envelope();
            Submission submission = new Submission(effective,
                    new RawMessageContent(raw.content(transfer.isRemoveBcc()), size), raw.messageId().orElse(null),
                    raw.headerValues("Subject").stream().findFirst().orElse(null));
            return current.send(submission);
        } catch (SmtpException e) {
            throw reported(e);
        } catch (IOException e) {
            throw reported(new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read the message: " + e.getMessage(), e));
        }
    }

    /**
     * Sends several prepared submissions over this connection, pipelined when the server allows (one round trip
     * per message). Each gets its own outcome; one failing does not stop the rest unless the connection is lost.
     */
    public List<SendOutcome> sendAll(List<Submission> submissions) throws SmtpException {
        SmtpSession current = requireSession();
        List<SendOutcome> outcomes;
        try {
            outcomes = current.sendAll(submissions);
        } catch (SmtpException e) {
            throw named(e);
        }
        outcomes.forEach(outcome -> outcome.failure().ifPresent(this::reported));
        return outcomes;
    }

    /** RSET: abandons any half-finished transaction. */
    public void reset() throws SmtpException {
        try {
            requireSession().reset();
        } catch (SmtpException e) {
            throw reported(e);
        }
    }

    /** NOOP: checks the connection is alive. */
    public Reply noop() throws SmtpException {
        try {
            return requireSession().noop();
        } catch (SmtpException e) {
            throw reported(e);
        }
    }

    /**
     * Sets or reads one of the reference's class settings by name: {@code config("BinaryMode=true")} sets and
     * returns the new value, {@code config("BinaryMode")} returns the current value. Names are case-insensitive.
     *
     * @throws IllegalArgumentException for an unknown name, a bad value, or a setting that has no meaning on the
     *                                  JVM (the message says why)
     */
    public String config(String setting) {
        return config.apply(setting);
    }

    private SmtpSession requireSession() throws SmtpException {
        if (!isConnected()) {
            throw reported(new SmtpException(SmtpErrorCode.NOT_CONNECTED, "Not connected; call connect(host, port)"
                    + " first" + (session != null ? " (the previous connection was closed after a failure)" : "")));
        }
        return session;
    }

    /** Every failure leaves the client through here or {@link #named}: its hint names settings as configured. */
    private SmtpException reported(SmtpException e) {
        events.error(new ErrorEvent(named(e)));
        return e;
    }

    private SmtpException named(SmtpException e) {
        e.useSettingNames(settingNames);
        return e;
    }
}
