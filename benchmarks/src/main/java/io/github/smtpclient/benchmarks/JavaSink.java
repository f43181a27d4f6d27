package io.github.smtpclient.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A small, fast discard server for machines without Postfix's smtp-sink: answers every command, offers
 * PIPELINING, 8BITMIME and CHUNKING, and throws message data away. Replies are flushed only when no more input
 * is waiting, so a pipelined group gets its replies in one burst. One thread per connection.
 */
public final class JavaSink implements AutoCloseable {

    private static final byte[] EHLO = ("250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-CHUNKING\r\n"
            + "250-ENHANCEDSTATUSCODES\r\n250 SIZE 0\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "250 2.0.0 Ok\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GO_AHEAD = "354 End data with <CR><LF>.<CR><LF>\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYE = "221 2.0.0 Bye\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;

    /** Listens on a free loopback port and serves until closed. */
    public JavaSink() throws IOException {
        server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "java-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "java-sink-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            out.write("220 bench-sink ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            new Conversation(socket.getInputStream(), out).run();
        } catch (IOException e) {
            // The client went away; nothing to keep.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One connection's command loop over a read buffer. */
    private static final class Conversation {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        Conversation(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            while (true) {
                String line = readLine();
                if (line == null) {
                    return;
                }
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> out.write(EHLO);
                    case "DATA" -> {
                        out.write(GO_AHEAD);
                        out.flush();
                        skipData();
                        out.write(OK);
                    }
                    case "BDAT" -> {
                        skipBytes(Long.parseLong(line.substring(5).trim().split(" ")[0]));
                        out.write(OK);
                    }
                    case "QUIT" -> {
                        out.write(BYE);
                        out.flush();
                        return;
                    }
                    default -> out.write(OK);
                }
                if (start == end && in.available() == 0) {
                    out.flush();
                }
            }
        }

        private boolean fill() throws IOException {
            if (start == end) {
                start = 0;
                end = 0;
            }
            if (end == buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                return false;
            }
            end += n;
            return true;
        }

        private String readLine() throws IOException {
            int scanned = start;
            while (true) {
                for (int i = scanned; i < end; i++) {
                    if (buffer[i] == '\n') {
                        String line = new String(buffer, start, i - start, StandardCharsets.US_ASCII).strip();
                        start = i + 1;
                        return line;
                    }
                }
                int pending = end - start;
                if (!fill()) {
                    return null;
                }
                scanned = start + pending;
            }
        }

        /** Consumes message data up to and including CRLF.CRLF (data starts at a line start). */
        private void skipData() throws IOException {
            int state = 2; // 0: in a line, 1: CR, 2: at line start, 3: dot at line start, 4: dot CR
            while (true) {
                while (start < end) {
                    byte b = buffer[start++];
                    state = switch (state) {
                        case 1 -> b == '\n' ? 2 : b == '\r' ? 1 : 0;
                        case 2 -> b == '.' ? 3 : b == '\r' ? 1 : 0;
                        case 3 -> b == '\r' ? 4 : 0;
                        case 4 -> b == '\n' ? 5 : 0;
                        default -> b == '\r' ? 1 : 0;
                    };
                    if (state == 5) {
                        return;
                    }
                }
                if (!fill()) {
                    throw new IOException("connection closed during DATA");
                }
            }
        }

        private void skipBytes(long count) throws IOException {
            long left = count;
            while (left > 0) {
                if (start == end && !fill()) {
                    throw new IOException("connection closed during BDAT");
                }
                int n = (int) Math.min(left, end - start);
                start += n;
                left -= n;
            }
        }
    }
}
