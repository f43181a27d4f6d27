package io.github.smtpclient.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A server on 127.0.0.1 (random port) that runs one scripted {@link Session} per accepted connection, on its own
 * thread, for tests of the socket and TLS layers. Closing it closes every connection.
 */
public final class LoopbackServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Session {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final Session session;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private LoopbackServer(ServerSocket serverSocket, Session session) {
        this.serverSocket = serverSocket;
        this.session = session;
        this.acceptor = new Thread(this::acceptLoop, "loopback-server-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A plaintext server. */
    public static LoopbackServer plain(Session session) throws IOException {
        return new LoopbackServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), session);
    }

    /** An implicit-TLS server using {@code context}, restricted to {@code protocols} when any are given. */
    public static LoopbackServer tls(SSLContext context, Session session, String... protocols) throws IOException {
        SSLServerSocket serverSocket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (protocols.length > 0) {
            serverSocket.setEnabledProtocols(protocols);
        }
        return new LoopbackServer(serverSocket, session);
    }

    /** Upgrades an accepted plaintext connection to TLS as the server side of STARTTLS. */
    public static SSLSocket startTls(Socket plain, SSLContext context) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        return ssl;
    }

    /** Writes a line with CRLF and flushes. */
    public static void writeLine(Socket socket, String line) throws IOException {
        writeLine(socket.getOutputStream(), line);
    }

    /** Writes a line with CRLF and flushes; for either side of a connection. */
    public static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads a line up to LF, without the line ending; {@code null} at end of stream. */
    public static String readLine(Socket socket) throws IOException {
        return readLine(socket.getInputStream());
    }

    /** Reads a line up to LF, without the line ending; {@code null} at end of stream; for either side. */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Reads and discards until the client closes the connection. */
    public static void drain(Socket socket) throws IOException {
        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Exceptions thrown by sessions, for tests that care how the server side ended. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                accepted.add(socket);
                Thread worker = new Thread(() -> runSession(socket), acceptor.getName() + "-session");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void runSession(Socket socket) {
        try (socket) {
            session.run(socket);
        } catch (Exception e) {
            failures.add(e);
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
