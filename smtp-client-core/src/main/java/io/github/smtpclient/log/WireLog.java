package io.github.smtpclient.log;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.smtpclient.ConnectionInfo;
import io.github.smtpclient.Reply;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.CommandDataEvent;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.ConnectedEvent;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.MessageFailedEvent;
import io.github.smtpclient.event.MessageSentEvent;
import io.github.smtpclient.event.MessageStartedEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.text.PrintableText;

/**
 * The protocol log: an {@link SmtpListener} that writes one connection's conversation to the SLF4J logger
 * {@value #LOGGER_NAME} as {@link LogSettings} says. Lines read {@code C: EHLO ...} (client), {@code S: 250 ...}
 * (server), {@code D: ...} (message data), {@code *} (notices) and {@code !} (failures, at WARN).
 *
 * <p>It masks what the engine already masks a second time, so that no path can leak a secret into a log: the AUTH
 * command keeps only its mechanism, every client line of an AUTH exchange is {@code ****}, and so is the text of
 * every 334 challenge. Message data is shown only at {@link LogLevel#DATA}, at most
 * {@link LogSettings#getMaxDataBytes()} per message, and never for a message marked
 * {@link io.github.smtpclient.Submission#sensitive() sensitive}.
 *
 * <p>One instance per connection (it numbers the connection and tracks the AUTH exchange); {@code SmtpClient} makes
 * one for each connection when {@code log().level} is not {@link LogLevel#NONE}. Used by one thread at a time.
 */
public final class WireLog implements SmtpListener {

    /** The SLF4J logger the protocol log writes to. */
    public static final String LOGGER_NAME = "io.github.smtpclient.wire";

    private static final String MASK = "****";
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    /** Where the lines go: SLF4J, or a test's recorder. */
    interface Sink {
        void info(String line);

        void warn(String line);
    }

    private final LogSettings settings;
    private final Sink sink;
    private final Clock clock;
    private final long connectionId;
    private boolean inAuth;
    private boolean dataShown;
    private boolean sensitive;
    private long dataLogged;
    private final StringBuilder dataLine = new StringBuilder();

    private WireLog(LogSettings settings, Sink sink, Clock clock, long connectionId) {
        this.settings = settings.copy();
        this.sink = sink;
        this.clock = clock;
        this.connectionId = connectionId;
    }

    /** A log for a new connection, numbered after every earlier one in this JVM. */
    public static WireLog forConnection(LogSettings settings) {
        Logger logger = LoggerFactory.getLogger(LOGGER_NAME);
        return new WireLog(settings, new Sink() {
            @Override
            public void info(String line) {
                logger.info(line);
            }

            @Override
            public void warn(String line) {
                logger.warn(line);
            }
        }, Clock.systemUTC(), CONNECTIONS.incrementAndGet());
    }

    /** A log writing to {@code sink}, for tests. */
    static WireLog to(LogSettings settings, Sink sink, Clock clock, long connectionId) {
        return new WireLog(settings, sink, clock, connectionId);
    }

    /** This connection's number, as {@link LogDetail#CONNECTION_ID} shows it. */
    public long connectionId() {
        return connectionId;
    }

    @Override
    public void connected(ConnectedEvent event) {
        if (shows(LogLevel.COMMANDS, LogEvent.CONNECTION)) {
            info("* connected to " + describe(event.connection()), -1);
        }
    }

    @Override
    public void command(CommandEvent event) {
        String verb = verb(event.line());
        String shown;
        if (verb.equals("AUTH")) {
            inAuth = true;
            shown = maskAuth(event.line());
        } else if (inAuth) {
            verb = "AUTH";
            shown = MASK; // a SASL response, whatever the engine made of it
        } else {
            shown = event.line();
        }
        if (settings.getLevel().includes(LogLevel.COMMANDS) && settings.getFilters().showsCommand(verb)) {
            info("C: " + shown, utf8Length(event.line()) + 2);
        }
    }

    @Override
    public void commandReply(CommandReplyEvent event) {
        Reply reply = event.reply();
        boolean greeting = event.command() == null;
        String verb = greeting ? "" : inAuth ? "AUTH" : verb(event.command());
        boolean challenge = inAuth && reply.code() == 334;
        if (inAuth && !challenge) {
            inAuth = false; // 235 or a refusal ends the exchange
        }
        boolean shown = settings.getLevel().includes(LogLevel.COMMANDS_AND_REPLIES)
                && (greeting ? settings.getFilters().shows(LogEvent.CONNECTION)
                        : settings.getFilters().showsCommand(verb));
        if (!shown) {
            return;
        }
        if (challenge || reply.code() == 334) {
            info("S: 334 " + MASK, utf8Length(reply.toWireString()) + 2);
            return;
        }
        for (int i = 0; i < reply.lines().size(); i++) {
            boolean last = i == reply.lines().size() - 1;
            info("S: " + reply.code() + (last ? " " : "-") + reply.lines().get(i),
                    last ? utf8Length(reply.toWireString()) + 2 : -1);
        }
    }

    @Override
    public void messageStarted(MessageStartedEvent event) {
        sensitive = event.sensitive();
        dataShown = false;
        dataLogged = 0;
        dataLine.setLength(0);
    }

    @Override
    public void commandData(CommandDataEvent event) {
        ByteBuffer data = event.data();
        int length = data.remaining();
        if (!settings.getLevel().includes(LogLevel.DATA)
                || !(settings.getFilters().showsCommand("DATA") || settings.getFilters().showsCommand("BDAT"))) {
            return;
        }
        if (sensitive) {
            if (!dataShown) {
                dataShown = true;
                info("D: (the data of a message marked sensitive is not logged)", -1);
            }
            return;
        }
        int room = (int) Math.max(0, settings.getMaxDataBytes() - dataLogged);
        int take = Math.min(room, length);
        if (take > 0) {
            byte[] bytes = new byte[take];
            data.duplicate().get(bytes);
            dataLogged += take;
            appendData(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        if (take < length && !dataShown) {
            dataShown = true;
            flushDataLine();
            info("D: ... (the rest is not logged: log().maxDataBytes is " + settings.getMaxDataBytes() + ")", -1);
        }
    }

    @Override
    public void messageSent(MessageSentEvent event) {
        flushDataLine();
        if (shows(LogLevel.COMMANDS, LogEvent.MESSAGE)) {
            info("* message " + event.sequence() + " accepted for " + event.result().acceptedRecipients().size()
                    + " of " + event.result().recipients().size() + " recipients: " + event.result().finalReply(),
                    event.result().bytesSent());
        }
    }

    @Override
    public void messageFailed(MessageFailedEvent event) {
        flushDataLine();
        if (shows(LogLevel.COMMANDS, LogEvent.MESSAGE)) {
            info("* message " + event.sequence() + " failed: " + event.failure().errorCode() + ": "
                    + event.failure().getMessage(), event.bytesSent());
        }
    }

    @Override
    public void notification(NotificationEvent event) {
        LogEvent kind = event.kind() == NotificationEvent.Kind.DISCONNECTED ? LogEvent.CONNECTION
                : LogEvent.NOTIFICATION;
        if (shows(LogLevel.COMMANDS, kind)) {
            info("* " + event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + event.text(), -1);
        }
    }

    @Override
    public void certificateValidate(CertificateValidateEvent event) {
        if (shows(LogLevel.COMMANDS, LogEvent.NOTIFICATION)) {
            info("* certificate of " + event.host() + (event.isAccepted() ? " accepted" : " rejected")
                    + (event.chain().isEmpty() ? "" : ": " + event.chain().get(0).getSubjectX500Principal().getName())
                    + (event.validation().failureSummary().isEmpty() ? ""
                            : " (" + event.validation().failureSummary() + ")"), -1);
        }
    }

    @Override
    public void error(ErrorEvent event) {
        if (settings.getLevel().includes(LogLevel.ERRORS) && settings.getFilters().shows(LogEvent.ERROR)) {
            sink.warn(prefix() + "! " + event.exception().errorCode() + ": " + event.exception().getMessage());
        }
    }

    private boolean shows(LogLevel level, LogEvent event) {
        return settings.getLevel().includes(level) && settings.getFilters().shows(event);
    }

    /** Data as lines: CRLF ends a line; control characters are escaped so a line cannot forge another. */
    private void appendData(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                if (dataLine.length() > 0 && dataLine.charAt(dataLine.length() - 1) == '\r') {
                    dataLine.setLength(dataLine.length() - 1);
                }
                info("D: " + PrintableText.escape(dataLine), -1);
                dataLine.setLength(0);
            } else {
                dataLine.append(c);
            }
        }
    }

    private void flushDataLine() {
        if (dataLine.length() > 0) {
            info("D: " + PrintableText.escape(dataLine), -1);
            dataLine.setLength(0);
        }
    }

    private void info(String text, long bytes) {
        sink.info(prefix() + text + (bytes >= 0 && settings.getDetails().contains(LogDetail.BYTE_COUNTS)
                ? " (" + bytes + " B)" : ""));
    }

    private String prefix() {
        StringBuilder prefix = new StringBuilder();
        if (settings.getDetails().contains(LogDetail.TIMESTAMP)) {
            prefix.append(clock.instant().truncatedTo(ChronoUnit.MILLIS)).append(' ');
        }
        if (settings.getDetails().contains(LogDetail.CONNECTION_ID)) {
            prefix.append("[#").append(connectionId).append("] ");
        }
        return prefix.toString();
    }

    private static String verb(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** {@code AUTH PLAIN ****}: the mechanism stays, any initial response is masked. */
    private static String maskAuth(String line) {
        String[] parts = line.split(" ", 3);
        return parts.length <= 2 ? line : parts[0] + " " + parts[1] + " " + MASK;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String describe(ConnectionInfo connection) {
        StringBuilder text = new StringBuilder(address(connection.serverAddress()));
        connection.proxy().ifPresent(proxy -> {
            text.append(" via ").append(proxy.type()).append(" proxy ").append(address(proxy.address()));
            proxy.authentication().ifPresent(scheme -> text.append(" (").append(scheme).append(')'));
        });
        text.append(" from ").append(address(connection.localAddress()));
        connection.tls().ifPresent(tls -> text.append(", ").append(tls.protocol()).append(' ')
                .append(tls.cipherSuite()));
        return text.toString();
    }

    private static String address(InetSocketAddress address) {
        String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
