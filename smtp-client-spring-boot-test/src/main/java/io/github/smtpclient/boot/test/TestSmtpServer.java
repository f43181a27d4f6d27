package io.github.smtpclient.boot.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubEthaSMTP) on a free loopback port, for tests of code that sends mail: it accepts any
 * login, records every message it receives with its envelope, and refuses the recipients a test asks it to.
 * Thread-safe. {@link AutoConfigureTestSmtpServer} makes one the application sends to.
 */
public final class TestSmtpServer implements AutoCloseable {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final SMTPServer server;
    private final List<ReceivedMail> received = new ArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    private TestSmtpServer() {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .insertReceivedHeaders(false)
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> { }))
                .messageHandlerFactory(Transaction::new)
                .build();
        server.start();
    }

    /** Starts a server; {@link #close()} stops it. */
    public static TestSmtpServer start() {
        return new TestSmtpServer();
    }

    /** The loopback address the server listens on. */
    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPortAllocated();
    }

    /** Every message received since the start or the last {@link #clear()}, in order. */
    public synchronized List<ReceivedMail> messages() {
        return List.copyOf(received);
    }

    /** Waits up to 10 seconds for the first message, for code that sends asynchronously. */
    public ReceivedMail awaitMessage() throws InterruptedException {
        return awaitMessages(1, DEFAULT_WAIT).get(0);
    }

    /**
     * Waits until at least {@code count} messages have arrived.
     *
     * @throws AssertionError when fewer arrived within {@code timeout}, saying how many did
     */
    public synchronized List<ReceivedMail> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected " + count + " message(s) within " + timeout + " but "
                        + received.size() + " arrived");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(received);
    }

    /** Forgets the messages received so far and the recipients to refuse. */
    public synchronized void clear() {
        received.clear();
        refused.clear();
    }

    /** Refuses these recipients with 550 from now on (until {@link #clear()}), to test how the code handles it. */
    public void refuseRecipients(String... addresses) {
        for (String address : addresses) {
            refused.add(address.toLowerCase(Locale.ROOT));
        }
    }

    private synchronized void add(ReceivedMail mail) {
        received.add(mail);
        notifyAll();
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop();
    }

    /** One mail transaction: MAIL, RCPT..., DATA. */
    private final class Transaction implements MessageHandler {

        private final MessageContext context;
        private final List<String> recipients = new ArrayList<>();
        private String sender = "";

        private Transaction(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) {
            sender = from == null ? "" : from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (refused.contains(recipient.toLowerCase(Locale.ROOT))) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: refused by the test");
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException {
            Optional<String> user = context.getAuthenticationHandler()
                    .map(handler -> handler.getIdentity()).map(String::valueOf);
            add(new ReceivedMail(sender, recipients, user, data.readAllBytes()));
            return null;
        }

        @Override
        public void done() {
        }
    }
}
