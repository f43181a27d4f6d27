package io.github.smtpclient.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SMTP server on 127.0.0.1 that offers exactly the extensions a test names (8BITMIME, CHUNKING,
 * BINARYMIME, PIPELINING, SIZE...), accepts every transaction, and records what crossed the wire: each MAIL
 * command, each message's data exactly as received (DATA un-stuffed, BDAT chunks joined) and whether it was
 * ended (final dot or {@code BDAT ... LAST}) or abandoned by a closed connection, and every raw byte of every
 * connection. Real servers offer no BINARYMIME here and cannot be stripped of 8BITMIME, hence this one; it handles
 * one connection at a time, any number in a row.
 */
public final class RecordingSmtpServer implements AutoCloseable {

    /** One transaction as the server saw it. */
    public record Transaction(String mailCommand, byte[] data, boolean ended) {
    }

    private final ServerSocket serverSocket;
    private volatile List<String> extensions;
    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final List<String> mailCommands = new CopyOnWriteArrayList<>();
    private final List<byte[]> connections = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closing;

    private RecordingSmtpServer(List<String> extensions) {
        this.extensions = List.copyOf(extensions);
        try {
            serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the recording server", e);
        }
        thread = new Thread(this::serve, "recording-smtp-" + serverSocket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** A server offering {@code extensions} in its EHLO reply (for example "8BITMIME", "CHUNKING", "BINARYMIME"). */
    public static RecordingSmtpServer offering(String... extensions) {
        return new RecordingSmtpServer(List.of(extensions));
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Offers {@code extensions} instead from the next connection on. */
    public void offer(String... extensions) {
        this.extensions = List.of(extensions);
    }

    /** Waits (at most 10 seconds) until the server has finished with {@code count} connections in all. */
    public void awaitConnections(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (connections.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server finished " + connections.size() + " connections, not " + count);
            }
            Thread.sleep(1);
        }
    }

    /** Every transaction that reached the data, ended or not, in order. */
    public List<Transaction> transactions() {
        return List.copyOf(transactions);
    }

    /** Every MAIL command received, including those of transactions without data. */
    public List<String> mailCommands() {
        return List.copyOf(mailCommands);
    }

    /** The raw bytes of each connection the server has finished with, in order. */
    public List<byte[]> connections() {
        return List.copyOf(connections);
    }

    /** Throws what went wrong inside the server, if anything. */
    public void assertNoFailure() {
        if (!failures.isEmpty()) {
            throw new AssertionError("the recording server failed", failures.get(0));
        }
    }

    /** Stops accepting and waits (at most 5 seconds) until the connection in progress is recorded. */
    public void stop() throws IOException {
        closing = true;
        serverSocket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() throws IOException {
        stop();
    }

    private void serve() {
        while (!closing) {
            try (Socket socket = serverSocket.accept()) {
                socket.setSoTimeout(10_000);
                Recorder recorder = new Recorder(socket.getInputStream());
                try {
                    converse(recorder, socket.getOutputStream());
                } catch (EOFException | SocketException closed) {
                    recorder.abandon();
                } finally {
                    connections.add(recorder.raw.toByteArray());
                }
            } catch (IOException e) {
                if (!closing) {
                    failures.add(e);
                }
            } catch (RuntimeException | Error e) {
                failures.add(e);
            }
        }
    }

    private void converse(Recorder in, OutputStream out) throws IOException {
        reply(out, "220 recording ESMTP");
        while (true) {
            String line = in.line();
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    StringBuilder ehlo = new StringBuilder("250-recording");
                    for (String extension : extensions) {
                        ehlo.append("\r\n250-").append(extension);
                    }
                    reply(out, ehlo.append("\r\n250 HELP").toString());
                }
                case "MAIL" -> {
                    mailCommands.add(line);
                    in.mail = line;
                    reply(out, "250 2.1.0 ok");
                }
                case "RCPT" -> reply(out, "250 2.1.5 ok");
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    in.data();
                    reply(out, "250 2.0.0 queued");
                }
                case "BDAT" -> {
                    String[] parts = line.split(" ");
                    boolean last = parts.length > 2 && parts[2].equalsIgnoreCase("LAST");
                    in.chunk(Integer.parseInt(parts[1]), last);
                    reply(out, last ? "250 2.0.0 queued" : "250 2.0.0 chunk");
                }
                case "RSET", "NOOP" -> {
                    in.mail = null;
                    reply(out, "250 2.0.0 ok");
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                default -> reply(out, "500 5.5.1 unknown command");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one connection, keeping every byte, and assembles each message's data. */
    private final class Recorder {
        private final InputStream in;
        private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private String mail;
        private boolean inMessage;

        Recorder(InputStream in) {
            this.in = new BufferedInputStream(in);
        }

        private int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed the connection");
            }
            raw.write(b);
            return b;
        }

        /** A command line without its CRLF. */
        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = read();
                if (previous == '\r' && b == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
                previous = b;
            }
        }

        /**
         * DATA content up to CRLF.CRLF, with the dot-stuffing of each line removed; when the connection closes first,
         * what arrived is recorded as it came, stuffed.
         */
        void data() throws IOException {
            inMessage = true;
            ByteArrayOutputStream stuffed = message;
            // The CRLF that ended the DATA command counts for the terminator.
            int last4 = '\r' << 8 | '\n';
            while (true) {
                int b = read();
                stuffed.write(b);
                last4 = last4 << 8 | b;
                if (last4 == ('\r' << 24 | '\n' << 16 | '.' << 8 | '\r') && peekLf()) {
                    byte[] bytes = stuffed.toByteArray();
                    message.reset();
                    int lineStart = 0;
                    for (int i = 0; i < bytes.length - 2; i++) {
                        if (i == lineStart && bytes[i] == '.') {
                            continue;
                        }
                        message.write(bytes[i]);
                        if (bytes[i] == '\n' && i > 0 && bytes[i - 1] == '\r') {
                            lineStart = i + 1;
                        }
                    }
                    finish(true);
                    return;
                }
            }
        }

        /** Reads the LF that completes a terminator; anything else is kept as data. */
        private boolean peekLf() throws IOException {
            in.mark(1);
            int next = in.read();
            if (next == '\n') {
                raw.write(next);
                return true;
            }
            in.reset();
            return false;
        }

        void chunk(int size, boolean last) throws IOException {
            inMessage = true;
            for (int i = 0; i < size; i++) {
                message.write(read());
            }
            if (last) {
                finish(true);
            }
        }

        void abandon() {
            if (inMessage) {
                finish(false);
            }
        }

        private void finish(boolean ended) {
            transactions.add(new Transaction(mail, message.toByteArray(), ended));
            message.reset();
            inMessage = false;
        }
    }
}
