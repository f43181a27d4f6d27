package io.github.smtpclient.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A real SMTP server (SubEthaSMTP, plain text, loopback) that counts sessions and MAIL commands, records the
 * Message-ID of every message it accepts, and misbehaves on demand, chosen by address so that concurrent tests stay
 * deterministic:
 * <ul>
 * <li>a sender starting {@code flaky-} gets 421 (and the session dropped) at its first MAIL, then is accepted;</li>
 * <li>a sender starting {@code dropdata-} gets 421 (and the session dropped) after its whole message was received;</li>
 * <li>a recipient starting {@code busy-} gets 451 at its first RCPT, then is accepted;</li>
 * <li>a recipient starting {@code reject-} always gets 550.</li>
 * </ul>
 * Idle sessions are dropped by the server after its idle timeout, as real servers do.
 */
public final class CountingSmtpServer implements AutoCloseable {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\r\\n]+>)");

    private final SMTPServer server;
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final AtomicInteger sessionsEnded = new AtomicInteger();
    private final AtomicInteger mailCommands = new AtomicInteger();
    private final List<String> messageIds = new CopyOnWriteArrayList<>();
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();

    private CountingSmtpServer(Duration idleTimeout) {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .connectionTimeoutMs((int) idleTimeout.toMillis())
                .sessionHandler(new CountingSessions())
                .messageHandlerFactory(Handler::new)
                .build();
        server.start();
    }

    /** A server that drops sessions idle for 10 seconds. */
    public static CountingSmtpServer start() {
        return start(Duration.ofSeconds(10));
    }

    /** A server that drops sessions idle for {@code idleTimeout}, with a 421. */
    public static CountingSmtpServer start(Duration idleTimeout) {
        return new CountingSmtpServer(idleTimeout);
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** Sessions (TCP connections) accepted so far. */
    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    /** Sessions that have ended, by QUIT, by the idle timeout or by the client closing. */
    public int sessionsEnded() {
        return sessionsEnded.get();
    }

    /** MAIL commands received, accepted or not. */
    public int mailCommands() {
        return mailCommands.get();
    }

    /** The Message-ID of every message accepted, once per recipient, in arrival order. */
    public List<String> messageIds() {
        return List.copyOf(messageIds);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class CountingSessions implements SessionHandler {
        @Override
        public SessionAcceptance accept(Session session) {
            sessionsOpened.incrementAndGet();
            return SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(Session session) {
            sessionsEnded.incrementAndGet();
        }
    }

    private final class Handler implements MessageHandler {
        private String sender;
        private int recipients;

        Handler(MessageContext context) {
        }

        @Override
        public void from(String from) throws RejectException {
            mailCommands.incrementAndGet();
            if (from.startsWith("flaky-") && refusedOnce.add("MAIL " + from)) {
                throw new DropConnectionException(421, "4.3.2 Flaky sender, try again later");
            }
            sender = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (recipient.startsWith("reject-")) {
                throw new RejectException(550, "5.1.1 No such user");
            }
            if (recipient.startsWith("busy-") && refusedOnce.add("RCPT " + recipient)) {
                throw new RejectException(451, "4.2.1 Mailbox busy, try again later");
            }
            recipients++;
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            String message = new String(data.readAllBytes(), StandardCharsets.UTF_8);
            if (sender.startsWith("dropdata-")) {
                throw new DropConnectionException(421, "4.3.2 Shutting down, message not accepted");
            }
            Matcher id = MESSAGE_ID.matcher(message);
            String messageId = id.find() ? id.group(1) : "(none)";
            for (int i = 0; i < recipients; i++) {
                messageIds.add(messageId);
            }
            return null;
        }

        @Override
        public void done() {
        }
    }
}
