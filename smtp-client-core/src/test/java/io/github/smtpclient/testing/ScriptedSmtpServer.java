package io.github.smtpclient.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.tls.TlsServerProtocol;

/**
 * A loopback SMTP server that plays a fixed script against one client connection, for protocol edge cases and
 * hostile behaviour that real servers will not produce on demand: pipelined or split replies, bytes injected after
 * a STARTTLS 220, connections dropped mid-DATA, 421s, silence.
 *
 * <pre>{@code
 * try (ScriptedSmtpServer server = new ScriptedSmtpServer()
 *         .send("220 scripted ESMTP\r\n")
 *         .expect("EHLO ")
 *         .send("250-scripted\r\n250 PIPELINING\r\n")
 *         .expect("QUIT")
 *         .send("221 bye\r\n")
 *         .start()) {
 *     // connect a client to server.port() ...
 *     server.awaitCompletion();
 *     assertThat(server.received()).containsExactly("EHLO client.test", "QUIT");
 * }
 * }</pre>
 *
 * <p>A test can never hang on it: the accept and every read give up after {@link #READ_TIMEOUT}, a failed step
 * ends the script (and drops the connection), and {@link #awaitCompletion()} waits a bounded time and rethrows
 * the failure with the transcript. When the script ends the server closes the connection, so a client that sends
 * more than the script expects sees the connection drop rather than silence. The script step that drops the
 * connection deliberately is {@link #closeConnection()}; {@link #close()} shuts the whole server down.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** How long the server waits for the client to connect and for each read. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_LINE_LENGTH = 64 * 1024;
    private static final int TLS_CLOSE_TIMEOUT_MILLIS = 200;

    private final ServerSocket serverSocket;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<byte[]> messages = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream rawReceived = new ByteArrayOutputStream();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile Connection connection;
    private volatile int currentStep = -1;
    private volatile Throwable failure;

    /** Binds to an ephemeral port on 127.0.0.1; add steps, then {@link #start()}. */
    public ScriptedSmtpServer() {
        try {
            serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            serverSocket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the scripted server", e);
        }
    }

    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Sends text as is (UTF-8); include the CRLFs. */
    public ScriptedSmtpServer send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return step("send " + printable(text), c -> c.write(bytes));
    }

    /** Sends raw bytes, for example a TLS record or malformed UTF-8. */
    public ScriptedSmtpServer sendBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        return step("send " + copy.length + " bytes", c -> c.write(copy));
    }

    /** Sends text one byte per TCP segment (as far as the stack allows), to split replies everywhere. */
    public ScriptedSmtpServer sendByteByByte(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return step("send byte by byte " + printable(text), c -> {
            for (byte b : bytes) {
                c.write(new byte[] {b});
                Thread.sleep(1);
            }
        });
    }

    /**
     * Sends bytes one at a time with a pause after each, for a server that drips a reply (or a TLS record) so slowly
     * that only a deadline on the whole reply, not one on each read, ends the wait. Stops quietly once the client has
     * closed the connection.
     */
    public ScriptedSmtpServer drip(byte[] bytes, Duration pause) {
        byte[] copy = bytes.clone();
        return step("drip " + copy.length + " bytes, one per " + pause.toMillis() + " ms", c -> {
            for (byte b : copy) {
                try {
                    c.write(new byte[] {b});
                } catch (IOException closedByClient) {
                    return;
                }
                Thread.sleep(pause.toMillis());
            }
        });
    }

    /** {@link #drip(byte[], Duration)} for text (UTF-8). */
    public ScriptedSmtpServer drip(String text, Duration pause) {
        return drip(text.getBytes(StandardCharsets.UTF_8), pause);
    }

    /**
     * Reads one command line and fails the script unless it starts with {@code regexOrPrefix} or matches it
     * entirely as a regular expression.
     */
    public ScriptedSmtpServer expect(String regexOrPrefix) {
        return step("expect " + printable(regexOrPrefix), c -> {
            String line = c.readCommand();
            if (!line.startsWith(regexOrPrefix) && !matchesRegex(regexOrPrefix, line)) {
                throw new AssertionError("expected a command matching \"" + printable(regexOrPrefix)
                        + "\" but received \"" + printable(line) + "\"");
            }
        });
    }

    /**
     * Reads one command line and sends what {@code answer} makes of it (include the CRLFs): for exchanges whose replies
     * depend on what the client sent, such as a SASL challenge.
     */
    public ScriptedSmtpServer answer(String description, java.util.function.UnaryOperator<String> answer) {
        return step("answer " + description, c -> c.write(answer.apply(c.readCommand())
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads DATA content up to the terminating dot line and stores it un-stuffed, lines ending in CRLF. */
    public ScriptedSmtpServer expectData() {
        return step("expect DATA content", c -> {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                byte[] line = c.readLine();
                if (line == null) {
                    throw new EOFException("the client closed the connection in the middle of DATA");
                }
                if (line.length == 1 && line[0] == '.') {
                    messages.add(message.toByteArray());
                    return;
                }
                int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
                message.write(line, skip, line.length - skip);
                message.write('\r');
                message.write('\n');
            }
        });
    }

    /**
     * Reads one {@code BDAT <n> [LAST]} command and its {@code n} bytes; the chunks up to the LAST one form one
     * entry of {@link #messages()}.
     */
    public ScriptedSmtpServer expectBdat() {
        return step("expect a BDAT chunk", c -> {
            String line = c.readCommand();
            String[] parts = line.split(" ");
            boolean last = parts.length == 3 && parts[2].equals("LAST");
            if (parts.length < 2 || !parts[0].equals("BDAT") || !parts[1].matches("\\d{1,9}")
                    || (parts.length == 3 && !last) || parts.length > 3) {
                throw new AssertionError("expected a BDAT command but received \"" + printable(line) + "\"");
            }
            c.bdatMessage.write(c.readExactly(Integer.parseInt(parts[1])));
            if (last) {
                messages.add(c.bdatMessage.toByteArray());
                c.bdatMessage.reset();
            }
        });
    }

    /** Fails the script unless the client closes the connection (without sending anything more). */
    public ScriptedSmtpServer expectClose() {
        return step("expect the client to close", c -> {
            byte[] line = c.readLine();
            if (line != null) {
                throw new AssertionError("expected the client to close the connection but received \""
                        + printable(new String(line, StandardCharsets.UTF_8)) + "\"");
            }
        });
    }

    /** Performs a server-side TLS handshake on the connection; later steps speak through TLS. */
    public ScriptedSmtpServer startTls(SSLContext context) {
        return step("TLS handshake", c -> c.startTls(context));
    }

    /** Performs a server-side TLS handshake on Bouncy Castle's own API, for what JSSE does not give (the exporter). */
    public ScriptedSmtpServer startTls(BcExporterServer server) {
        return step("Bouncy Castle TLS handshake", c -> c.startTls(server));
    }

    /** Pauses the script, for silence and timeout cases. */
    public ScriptedSmtpServer sleep(Duration duration) {
        return step("sleep " + duration, c -> Thread.sleep(duration.toMillis()));
    }

    /** Drops the connection at this point of the script. */
    public ScriptedSmtpServer closeConnection() {
        return step("close the connection", Connection::close);
    }

    /** Starts accepting the one client connection and playing the script in a daemon thread. */
    public ScriptedSmtpServer start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Thread runner = new Thread(this::play, "scripted-smtp-server-" + port());
        runner.setDaemon(true);
        thread = runner;
        runner.start();
        return this;
    }

    /**
     * Waits (bounded) until the script has run to its end, and throws an {@link AssertionError} describing the
     * failing step and what was received if it failed or did not finish.
     */
    public void awaitCompletion() throws InterruptedException {
        if (thread == null) {
            throw new IllegalStateException("the script was not started");
        }
        if (!finished.await(COMPLETION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the script did not finish within " + COMPLETION_TIMEOUT + "; it is at step "
                    + describeStep(currentStep) + "; received " + received);
        }
        if (failure != null) {
            throw new AssertionError("the script failed at step " + describeStep(currentStep) + ": " + failure
                    + "; received " + received, failure);
        }
    }

    /** The command lines received, without CRLF, in order (DATA and BDAT content is in {@link #messages()}). */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Every byte received from the client (after decryption once TLS started). */
    public byte[] rawReceived() {
        return rawReceived.toByteArray();
    }

    /** The messages received with {@link #expectData()} (un-stuffed) or {@link #expectBdat()} (chunks joined). */
    public List<byte[]> messages() {
        return List.copyOf(messages);
    }

    /** Stops the server and drops any connection. Does not report script failures; see {@link #awaitCompletion()}. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
        Connection open = connection;
        if (open != null) {
            open.close();
        }
        Thread runner = thread;
        if (runner != null) {
            runner.interrupt();
        }
    }

    private ScriptedSmtpServer step(String description, Action action) {
        if (thread != null) {
            throw new IllegalStateException("cannot add steps after start()");
        }
        steps.add(new Step(description, action));
        return this;
    }

    private void play() {
        try (Socket socket = serverSocket.accept()) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            Connection c = new Connection(socket);
            connection = c;
            for (int i = 0; i < steps.size(); i++) {
                currentStep = i;
                steps.get(i).action().run(c);
            }
            c.close();
        } catch (Throwable t) {
            failure = t;
        } finally {
            finished.countDown();
        }
    }

    private String describeStep(int index) {
        return index < 0 ? "0 (waiting for the client to connect)" : (index + 1) + " (" + steps.get(index).description() + ")";
    }

    private static boolean matchesRegex(String regex, String line) {
        try {
            return Pattern.compile(regex).matcher(line).matches();
        } catch (PatternSyntaxException notARegex) {
            return false;
        }
    }

    private static String printable(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    @FunctionalInterface
    private interface Action {
        void run(Connection connection) throws Exception;
    }

    private record Step(String description, Action action) {
    }

    /** The accepted connection with its own read buffer, so bytes read ahead can be handed to the TLS layer. */
    private final class Connection {

        private volatile Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private final ByteArrayOutputStream bdatMessage = new ByteArrayOutputStream();
        private volatile TlsServerProtocol bouncyCastleTls;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        String readCommand() throws IOException {
            byte[] line = readLine();
            if (line == null) {
                throw new EOFException("the client closed the connection instead of sending a command");
            }
            String command = new String(line, StandardCharsets.UTF_8);
            received.add(command);
            return command;
        }

        /** One line without its CRLF (or bare LF), or null at end of stream before any byte. */
        byte[] readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = read();
                if (b < 0) {
                    if (line.size() == 0) {
                        return null;
                    }
                    throw new EOFException("the client closed the connection in the middle of a line");
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return Arrays.copyOf(bytes, length);
                }
                if (line.size() == MAX_LINE_LENGTH) {
                    throw new AssertionError("the client sent a line longer than " + MAX_LINE_LENGTH + " bytes");
                }
                line.write(b);
            }
        }

        byte[] readExactly(int length) throws IOException {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                int b = read();
                if (b < 0) {
                    throw new EOFException("the client closed the connection after " + i + " of " + length + " bytes");
                }
                bytes[i] = (byte) b;
            }
            return bytes;
        }

        void startTls(SSLContext context) throws IOException {
            InputStream readAhead = new ByteArrayInputStream(buffer, position, limit - position);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, readAhead, true);
            tls.setUseClientMode(false);
            tls.setSoTimeout((int) READ_TIMEOUT.toMillis());
            tls.startHandshake();
            socket = tls;
            in = tls.getInputStream();
            out = tls.getOutputStream();
            position = 0;
            limit = 0;
        }

        void startTls(BcExporterServer server) throws IOException {
            InputStream readAhead = new ByteArrayInputStream(buffer, position, limit - position);
            TlsServerProtocol tls = new TlsServerProtocol(new SequenceInputStream(readAhead, in), out);
            tls.accept(server);
            bouncyCastleTls = tls;
            in = tls.getInputStream();
            out = tls.getOutputStream();
            position = 0;
            limit = 0;
        }

        void close() throws IOException {
            TlsServerProtocol tls = bouncyCastleTls;
            if (tls != null) {
                tls.close(); // close_notify, as the JSSE socket sends on close
            }
            Socket open = socket;
            if (open instanceof SSLSocket && !open.isClosed()) {
                // Closing TLS sends close_notify and then waits for the client's up to the read timeout; keep it short.
                open.setSoTimeout(TLS_CLOSE_TIMEOUT_MILLIS);
            }
            open.close();
        }

        private int read() throws IOException {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return -1;
                }
                position = 0;
                limit = n;
            }
            int b = buffer[position++] & 0xFF;
            rawReceived.write(b);
            return b;
        }
    }
}
