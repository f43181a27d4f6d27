package io.github.smtpclient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import io.github.smtpclient.auth.AuthSettings;
import io.github.smtpclient.event.ConnectedEvent;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.ForwardingSmtpListener;
import io.github.smtpclient.event.MessageFailedEvent;
import io.github.smtpclient.event.MessageSentEvent;
import io.github.smtpclient.event.MessageStartedEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.internal.ClientConfig;
import io.github.smtpclient.internal.DkimSignedContent;
import io.github.smtpclient.internal.LocalDomain;
import io.github.smtpclient.internal.MessageComposer;
import io.github.smtpclient.internal.RawMessageContent;
import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.log.LogSettings;
import io.github.smtpclient.log.WireLog;
import io.github.smtpclient.message.BodyType;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.MessageDraft;
import io.github.smtpclient.message.PreparedMessage;
import io.github.smtpclient.message.RawContent;
import io.github.smtpclient.message.RawMessage;
import io.github.smtpclient.message.dkim.DkimSettings;
import io.github.smtpclient.net.Connector;
import io.github.smtpclient.net.ProxySettings;
import io.github.smtpclient.net.SocketSettings;
import io.github.smtpclient.net.SocketWire;
import io.github.smtpclient.protocol.ReplyTimeouts;
import io.github.smtpclient.protocol.SessionSettings;
import io.github.smtpclient.protocol.SmtpSession;
import io.github.smtpclient.protocol.StartTlsPolicy;
import io.github.smtpclient.text.PrintableText;
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
 * {@link #transfer()}, {@link #log()}, {@link #dkim()}; the reference's class settings are also reachable by name through
 * {@link #config(String)}.
 * Settings are read at {@link #connect}; changing them later affects the next connection.
 */
public class SmtpClient implements AutoCloseable {

    private static final Pattern DOMAIN_OR_LITERAL = Pattern.compile(
            "\\[(IPv6:[0-9A-Fa-f:.]+|[0-9.]+)\\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private static final Connector CONNECTOR = new Connector();
    /** The largest message file {@link #sendFile(Envelope, Path)} reads whole rather than streams. */
    private static final int WHOLE_FILE_LIMIT = 64 * 1024;

    private final TlsSettings tls = new TlsSettings();
    private final AuthSettings auth = new AuthSettings();
    private final SocketSettings socket = new SocketSettings();
    private final ProxySettings proxy = new ProxySettings();
    private final TransferSettings transfer = new TransferSettings();
    private final LogSettings log = new LogSettings();
    private final DkimSettings dkim = new DkimSettings();
    private final ClientConfig config = new ClientConfig(this);
    private final MessageDraft message = new MessageDraft();
    private SmtpListener listener = SmtpListener.NONE;
    /** {@link #listener} as the engine calls it: a throwing listener is logged, never allowed to break a send. */
    private SmtpListener events = SmtpListener.NONE;
    /** The protocol log of the current connection, or {@code null} while {@link #log} is off. */
    private WireLog wireLog;
    private String domain;
    private String ehloName;
    /** Which try of a pooled send the next messages are; set by {@link SmtpMailSender}, 1 otherwise. */
    private int attempt = 1;
    private SettingNames settingNames = SettingNames.JAVA_API;

    private SocketWire wire;
    private SmtpSession session;

    /** A client with default settings, not connected yet: configure it, then {@link #connect(String, int)}. */
    public SmtpClient() {
    }

    /** TLS settings: mode, versions, trust, certificate validation. */
    public TlsSettings tls() {
        return tls;
    }

    /** Authentication settings: user name, password or token, mechanisms. */
    public AuthSettings auth() {
        return auth;
    }

    /** Socket settings: timeouts, local address, IP versions, speed limits, DNS resolver. */
    public SocketSettings socket() {
        return socket;
    }

    /** Proxy settings: SOCKS 4/4a/5, HTTP or HTTPS CONNECT, host, port, credentials; none by default. */
    public ProxySettings proxy() {
        return proxy;
    }

    /** Data transfer settings: binary mode, chunk size, Bcc removal, buffer size, temporary files. */
    public TransferSettings transfer() {
        return transfer;
    }

    /**
     * DKIM signing: the signatures added to every message this client sends, composed or raw (none by default).
     * Read at each send.
     */
    public DkimSettings dkim() {
        return dkim;
    }

    /**
     * The built-in protocol log: the conversation, secrets masked, to the SLF4J logger {@value WireLog#LOGGER_NAME};
     * off ({@link LogLevel#NONE}) by default.
     */
    public LogSettings log() {
        return log;
    }

    /** The name sent in EHLO; null means the default (local host name, else the local address as a literal). */
    public String getDomain() {
        return domain;
    }

    /** Sets the EHLO name: a domain ({@code client.example.com}) or an address literal ({@code [192.0.2.1]}). */
    public void setDomain(String domain) {
        if (domain != null && !DOMAIN_OR_LITERAL.matcher(domain).matches()) {
            throw new IllegalArgumentException("Domain '" + PrintableText.excerpt(domain) + "' is not a"
                    + " domain name or an address literal such as [192.0.2.1]");
        }
        this.domain = domain;
    }

    /** The listener set with {@link #setListener(SmtpListener)}; {@link SmtpListener#NONE} by default. */
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
        this.events = composed();
    }

    /** The protocol log of the connection (when on) before the application's listener, as the engine calls them. */
    private SmtpListener composed() {
        List<SmtpListener> all = new ArrayList<>(2);
        if (wireLog != null) {
            all.add(wireLog);
        }
        if (listener != SmtpListener.NONE) {
            all.add(listener);
        }
        return all.isEmpty() ? SmtpListener.NONE : SmtpListener.of(all);
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
        wireLog = log.getLevel() == LogLevel.NONE ? null : WireLog.forConnection(log);
        events = composed();
        try {
            wire = CONNECTOR.connect(host, port, connectionSettings(socket, transfer), tls, proxy, events);
            events.connected(new ConnectedEvent(connectionInfo()));
            // Without a listener the engine gets NONE itself, and skips making the events nobody would receive.
            session = SmtpSession.open(wire, sessionSettings(port), host, port, events == SmtpListener.NONE
                    ? SmtpListener.NONE : new AttemptNumbering(events, () -> attempt));
        } catch (SmtpException e) {
            wire = null;
            session = null;
            throw reported(e);
        }
    }

    /**
     * The socket settings a connection uses: the reference's SendBufferSize sizes the socket's buffer too, when it is
     * set to anything but the default. The default leaves the system's buffer alone, which Linux grows on its own
     * for fast, distant servers; fixing SO_SNDBUF would switch that growth off.
     */
    static SocketSettings connectionSettings(SocketSettings socket, TransferSettings transfer) {
        SocketSettings connection = socket.copy();
        if (transfer.getSendBufferSize() != TransferSettings.DEFAULT_SEND_BUFFER_SIZE) {
            connection.setSendBufferSize(transfer.getSendBufferSize());
        }
        return connection;
    }

    private SessionSettings sessionSettings(int port) {
        TlsMode mode = tls.effectiveMode(port);
        StartTlsPolicy policy = switch (mode) {
            case EXPLICIT -> StartTlsPolicy.REQUIRED;
            case MIXED -> StartTlsPolicy.OPPORTUNISTIC;
            case NONE, IMPLICIT -> StartTlsPolicy.NEVER;
        };
        ehloName = domain != null ? domain : LocalDomain.forConnection(wire.localAddress().getAddress());
        ReplyTimeouts timeouts = new ReplyTimeouts(socket.getTimeout(), socket.getGreetingTimeout(),
                socket.getDataTerminationTimeout());
        boolean verifiesIdentity = tls.isValidateCertificates() && tls.isVerifyHostname();
        SocketWire connection = wire;
        return new SessionSettings(ehloName, policy, auth.copy(), transfer.isBinaryMode(),
                transfer.getBinaryChunkSize(), transfer.getSendBufferSize(), timeouts, transfer.getRecipientPolicy(),
                transfer.isDsnRequired(), transfer.getRequireTls(), () -> verifiesIdentity && connection.tlsInfo()
                        .map(TlsConnectionInfo::isServerAuthenticated).orElse(false),
                transfer.getDataCommand(), new SessionSettings.PipelineWindow(transfer.getPipelineWindowMessages(),
                        transfer.getPipelineWindowBytes()));
    }

    /**
     * Numbers the message events of the sends that follow as try {@code attempt} of a pooled send, for
     * {@link SmtpMailSender}, which owns the client while it sends.
     */
    void setAttempt(int attempt) {
        this.attempt = attempt;
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
        return Optional.of(connectionInfo());
    }

    private ConnectionInfo connectionInfo() {
        return new ConnectionInfo(wire.remoteAddress(), wire.localAddress(), wire.tlsInfo(), wire.bytesSent(),
                wire.bytesReceived(), wire.serverAddress(), wire.proxy());
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
            return sendSigned(current, MessageComposer.submission(mail, prepared,
                    transfer.isMtPriorityFromMessage()));
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
        requireSession();
        MessageComposer composer = composer();
        List<PreparedMessage> prepared = new ArrayList<>(mails.size());
        List<Submission> submissions = new ArrayList<>(mails.size());
        try {
            for (MailMessage mail : mails) {
                PreparedMessage each = composer.prepare(mail);
                prepared.add(each);
                submissions.add(MessageComposer.submission(mail, each, transfer.isMtPriorityFromMessage()));
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
        return new MessageComposer(getServerInfo(), transfer, ehloName);
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

    /**
     * Sends a ready-made RFC 5322 message; the envelope comes from its headers. The message is scanned first and
     * declared as what it is (7-bit, 8BITMIME or BINARYMIME); one this server cannot carry is refused before MAIL.
     */
    public SendResult sendBytes(byte[] message) throws SmtpException {
        return sendBytes(null, message);
    }

    /** Sends a ready-made RFC 5322 message with an explicit envelope (null: from the headers); see {@link #sendBytes(byte[])}. */
    public SendResult sendBytes(Envelope envelope, byte[] message) throws SmtpException {
        Objects.requireNonNull(message, "message");
        SmtpSession current = requireSession();
        try {
            return sendHeld(current, envelope, message);
        } catch (SmtpException e) {
            throw reported(e);
        }
    }

    private SendResult sendHeld(SmtpSession current, Envelope envelope, byte[] message) throws SmtpException {
        MessageContent.Encoding encoding = RawMessageContent.encodingOf(message, getServerInfo(), transfer);
        boolean removeBcc = transfer.isRemoveBcc();
        // Parsed once: a message in memory gives its content again for each transaction.
        RawMessage raw = RawMessage.of(message);
        return sendRaw(current, envelope, raw, new RawMessageContent(() -> raw.content(removeBcc), message.length,
                encoding));
    }

    /** Sends a message stored in a file, streamed; the envelope comes from its headers. See {@link #sendFile(Envelope, Path)}. */
    public SendResult sendFile(Path file) throws SmtpException {
        return sendFile(null, file);
    }

    /** Sends a message stored in a file, streamed; the envelope comes from its headers. See {@link #sendFile(Envelope, Path)}. */
    public SendResult sendFile(String file) throws SmtpException {
        return sendFile(null, Path.of(file));
    }

    /**
     * Sends a message stored in a file with an explicit envelope (null: from the headers). A file of up to 64 KiB is
     * read once, whole, and sent as {@link #sendBytes(Envelope, byte[])} sends; a larger one is streamed and read
     * twice: once to find what it must be declared as (7-bit, 8BITMIME or BINARYMIME; one this server cannot carry
     * is refused before MAIL), then to send it.
     */
    public SendResult sendFile(Envelope envelope, Path file) throws SmtpException {
        SmtpSession current = requireSession();
        try {
            byte[] small = readWholeIfSmall(file);
            if (small != null) {
                return sendHeld(current, envelope, small);
            }
            MessageContent.Encoding encoding = RawMessageContent.encodingOf(file, getServerInfo(), transfer);
            boolean removeBcc = transfer.isRemoveBcc();
            try (InputStream in = Files.newInputStream(file)) {
                // The headers read here give the envelope; the content reopens the file for each transaction.
                return sendRaw(current, envelope, RawMessage.read(in), new RawMessageContent(
                        () -> RawMessage.read(Files.newInputStream(file)).content(removeBcc), Files.size(file),
                        encoding));
            }
        } catch (SmtpException e) {
            throw reported(e);
        } catch (IOException | RuntimeException e) {
            throw reported(new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read the message file " + file + ": "
                    + e.getMessage(), e));
        }
    }

    /**
     * The file's bytes when it holds at most {@value #WHOLE_FILE_LIMIT} bytes, read in one go: scanning it, reading its
     * headers and sending it then cost one open instead of three. Null for a larger file, or one that changed size
     * while read, which is streamed instead.
     */
    private static byte[] readWholeIfSmall(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size > WHOLE_FILE_LIMIT) {
                return null;
            }
            byte[] bytes = new byte[(int) size];
            return in.readNBytes(bytes, 0, bytes.length) == bytes.length && in.read() < 0 ? bytes : null;
        }
    }

    /** Sends a message read from a stream until its end, without buffering it; the envelope comes from its headers. */
    public SendResult sendStream(InputStream message) throws SmtpException {
        return sendStream(null, message);
    }

    /**
     * Sends a message read from a stream with an explicit envelope (null: from the headers). The stream is not
     * closed. It is declared 8-bit when the server offers 8BITMIME, else 7-bit, and checked while it streams: a NUL,
     * a line over 998 octets or (7-bit) an 8-bit octet abandons the message with the connection, so it fails and is
     * not delivered. Use {@link #sendStream(Envelope, InputStream, BodyType)} to declare another type.
     */
    public SendResult sendStream(Envelope envelope, InputStream message) throws SmtpException {
        return sendStream(envelope, message, null);
    }

    /**
     * Sends a message read from a stream, declared as {@code bodyType}: {@link BodyType#BINARY_MIME} sends it
     * unchanged with BDAT (binary mode and a server offering CHUNKING and BINARYMIME are needed; else it is refused
     * before MAIL), the other types are checked while the message streams, as {@link #sendStream(Envelope, InputStream)}
     * says. The stream is not closed.
     *
     * @param bodyType what the message holds; null for the default of {@link #sendStream(Envelope, InputStream)}
     */
    public SendResult sendStream(Envelope envelope, InputStream message, BodyType bodyType) throws SmtpException {
        Objects.requireNonNull(message, "message");
        SmtpSession current = requireSession();
        try {
            MessageContent.Encoding encoding = RawMessageContent.encodingOfStream(bodyType, getServerInfo(), transfer);
            RawMessage raw = RawMessage.read(message);
            return sendRaw(current, envelope, raw, new RawMessageContent(raw.content(transfer.isRemoveBcc()), -1,
                    encoding));
        } catch (SmtpException e) {
            throw reported(e);
        } catch (IOException | RuntimeException e) {
            throw reported(new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read the message: " + e.getMessage(), e));
        }
    }

    private SendResult sendRaw(SmtpSession current, Envelope envelope, RawMessage raw, MessageContent content)
            throws SmtpException {
        Envelope effective = envelope != null ? envelope : raw.envelope();
        List<String> subjects = raw.headerValues("Subject");
        Submission submission = new Submission(effective, content, raw.messageId().orElse(null),
                subjects.isEmpty() ? null : subjects.get(0));
        return sendSigned(current, submission);
    }

    /** Sends one submission, DKIM-signed when {@link #dkim()} has signers. */
    private SendResult sendSigned(SmtpSession current, Submission submission) throws SmtpException {
        List<DkimSignedContent> signed = new ArrayList<>(1);
        try {
            return current.send(signed(submission, signed));
        } finally {
            closeAll(signed);
        }
    }

    /**
     * The submission with its DKIM signatures, computed now over the bytes the engine will send; unchanged when
     * signing is off. A signed content that spooled is added to {@code signed}, for the caller to close.
     */
    private Submission signed(Submission submission, List<DkimSignedContent> signed) throws SmtpException {
        if (!dkim.isEnabled()) {
            return submission;
        }
        DkimSignedContent content = DkimSignedContent.sign(submission.content(), dkim, transfer.getTempPath());
        signed.add(content);
        return submission.withContent(content);
    }

    /** Spool files that outlive their send are reported, not thrown, as {@link #deleteSpool} does. */
    private void closeAll(List<DkimSignedContent> signed) {
        for (DkimSignedContent content : signed) {
            try {
                content.close();
            } catch (IOException e) {
                events.error(new ErrorEvent(new SmtpException(SmtpErrorCode.IO_ERROR,
                        "Cannot delete the DKIM spool file: " + e.getMessage(), e)));
            }
        }
    }

    /**
     * Sends several prepared submissions over this connection, pipelined when the server allows. When it offers
     * PIPELINING and CHUNKING, the batch goes with BDAT (unless {@link TransferSettings#getDataCommand()} says DATA) and
     * every message's MAIL, RCPTs and data are written without waiting for the replies of the ones before, within
     * the window {@link TransferSettings#getPipelineWindowMessages()} and
     * {@link TransferSettings#getPipelineWindowBytes()}: a batch costs a few round trips in all. With DATA it costs
     * one round trip per message (the 354). Each message gets its own outcome; one failing does not stop the rest
     * unless the connection is lost, and then the messages whose data never left the client fail with
     * {@link SmtpErrorCode#NOT_CONNECTED}, those whose data was sent but not answered with
     * {@link SmtpErrorCode#OUTCOME_UNKNOWN}.
     * A {@link RawContent} is fitted to this server as {@link #sendBytes}, {@link #sendFile} and
     * {@link #sendStream} fit theirs; one this server cannot carry fails its own outcome before MAIL.
     */
    public List<SendOutcome> sendAll(List<Submission> submissions) throws SmtpException {
        SmtpSession current = requireSession();
        List<Submission> sendable = new ArrayList<>(submissions.size());
        SendOutcome[] refused = new SendOutcome[submissions.size()];
        List<DkimSignedContent> signed = new ArrayList<>();
        List<SendOutcome> sent;
        try {
            for (int i = 0; i < submissions.size(); i++) {
                try {
                    sendable.add(signed(fitted(submissions.get(i)), signed));
                } catch (SmtpException e) {
                    refused[i] = SendOutcome.failure(e);
                }
            }
            sent = current.sendAll(sendable);
        } catch (SmtpException e) {
            throw named(e);
        } finally {
            closeAll(signed);
        }
        List<SendOutcome> outcomes = new ArrayList<>(submissions.size());
        for (int i = 0, next = 0; i < refused.length; i++) {
            outcomes.add(refused[i] != null ? refused[i] : sent.get(next++));
        }
        outcomes.forEach(outcome -> outcome.failure().ifPresent(this::reported));
        return outcomes;
    }

    /** The submission as this server gets it: a {@link RawContent} fitted to it, any other content as it is. */
    Submission fitted(Submission submission) throws SmtpException {
        if (!(submission.content() instanceof RawContent raw)) {
            return submission;
        }
        return submission.withContent(RawMessageContent.fitted(raw, getServerInfo(), transfer));
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
     * VRFY (RFC 5321 section 3.5.1): asks the server whether it knows a user or mailbox. Every answer is returned as
     * data, refusals included (252 cannot verify, 550 not found, 502 not implemented: many servers disable VRFY);
     * only a lost connection or a 421 throws.
     *
     * @param userOrMailbox a user name or mailbox, for example {@code alice} or {@code alice@example.com}
     * @throws SmtpException INVALID_ARGUMENT when the argument is empty or holds a control character (CR and LF
     *                       included); nothing is sent then
     */
    public VerifyResult verify(String userOrMailbox) throws SmtpException {
        return lookup("VRFY", userOrMailbox, "verify argument");
    }

    /**
     * EXPN (RFC 5321 section 3.5.2): asks the server for the members of a mailing list; {@link VerifyResult#mailboxes()}
     * lists them. Every answer is returned as data, refusals included (252, 550, 502: most servers disable EXPN);
     * only a lost connection or a 421 throws.
     *
     * @param mailingList the list's name, for example {@code staff}
     * @throws SmtpException INVALID_ARGUMENT when the argument is empty or holds a control character (CR and LF
     *                       included); nothing is sent then
     */
    public VerifyResult expand(String mailingList) throws SmtpException {
        return lookup("EXPN", mailingList, "expand argument");
    }

    private VerifyResult lookup(String verb, String argument, String field) throws SmtpException {
        try {
            checkLookupArgument(argument, field);
            return VerifyResult.of(requireSession().lookup(verb, argument));
        } catch (SmtpException e) {
            throw reported(e);
        }
    }

    /** A control character could end the command and start another; an empty argument is a syntax error. */
    private static void checkLookupArgument(String argument, String field) throws SmtpException {
        if (argument == null || argument.isBlank()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The " + field + " is empty; give a user name,"
                    + " mailbox or list name");
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < ' ' || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The " + field + " '"
                        + PrintableText.excerpt(argument) + "' contains control character " + String.format(
                                Locale.ROOT, "0x%02X", (int) c) + " at position " + i
                        + "; give the name on one line");
            }
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

    /** Gives the message events of a session the number of the try they belong to. */
    private static final class AttemptNumbering extends ForwardingSmtpListener {

        private final IntSupplier attempt;

        AttemptNumbering(SmtpListener events, IntSupplier attempt) {
            super(events);
            this.attempt = attempt;
        }

        @Override
        public void messageStarted(MessageStartedEvent event) {
            delegate().messageStarted(event.withAttempt(attempt.getAsInt()));
        }

        @Override
        public void messageSent(MessageSentEvent event) {
            delegate().messageSent(event.withAttempt(attempt.getAsInt()));
        }

        @Override
        public void messageFailed(MessageFailedEvent event) {
            delegate().messageFailed(event.withAttempt(attempt.getAsInt()));
        }
    }
}
