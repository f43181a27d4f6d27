package io.github.smtpclient.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;


/**
 * A scripted HTTP proxy for the edge cases real proxies do not produce on demand (a wrong NTLM password, stale Digest
 * nonces, closed connections between challenges): each CONNECT goes to a {@link Script}, which answers it or opens
 * the tunnel, relaying bytes to a server on 127.0.0.1. Optionally over TLS, as an HTTPS proxy.
 */
public final class ScriptedHttpProxy implements AutoCloseable {

    /** One CONNECT as received. */
    public record Request(int connection, int number, String target, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What the proxy answers; {@code tunnelTo > 0} opens the tunnel to that port on 127.0.0.1 after the head. */
    public record Answer(String head, String body, boolean close, int tunnelTo) {

        public static Answer tunnel(int port, String... headers) {
            return new Answer("HTTP/1.1 200 Connection established\r\n" + lines(headers), "", false, port);
        }

        public static Answer challenge(String... headers) {
            String body = "<html><body>Cache Access Denied</body></html>";
            return new Answer("HTTP/1.1 407 Proxy Authentication Required\r\n" + lines(headers) + "Content-Length: "
                    + body.length() + "\r\n", body, false, 0);
        }

        public Answer closing() {
            return new Answer(head + "Connection: close\r\n", body, true, tunnelTo);
        }

        private static String lines(String... headers) {
            StringBuilder text = new StringBuilder();
            for (String header : headers) {
                text.append(header).append("\r\n");
            }
            return text.toString();
        }
    }

    @FunctionalInterface
    public interface Script {
        Answer answer(Request request) throws Exception;
    }

    private final LoopbackServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private ScriptedHttpProxy(SSLContext tls, Script script) throws IOException {
        LoopbackServer.Session session = socket -> serve(socket, script);
        this.server = tls == null ? LoopbackServer.plain(session) : LoopbackServer.tls(tls, session);
    }

    public static ScriptedHttpProxy plain(Script script) throws IOException {
        return new ScriptedHttpProxy(null, script);
    }

    public static ScriptedHttpProxy overTls(SSLContext context, Script script) throws IOException {
        return new ScriptedHttpProxy(context, script);
    }

    public int port() {
        return server.port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int connections() {
        return connections.get();
    }

    public List<Throwable> failures() {
        return server.failures();
    }

    private void serve(Socket socket, Script script) throws Exception {
        int connection = connections.incrementAndGet();
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        for (int number = 1; ; number++) {
            List<String> head = readHead(in);
            if (head == null) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : head.subList(1, head.size())) {
                int colon = line.indexOf(':');
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            Request request = new Request(connection, number, head.get(0).split(" ")[1], headers);
            requests.add(request);
            Answer answer = script.answer(request);
            out.write((answer.head() + "\r\n" + answer.body()).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (answer.tunnelTo() > 0) {
                relay(socket, answer.tunnelTo());
                return;
            }
            if (answer.close()) {
                return;
            }
        }
    }

    private static void relay(Socket client, int port) throws IOException {
        try (Socket target = new Socket(InetAddress.getLoopbackAddress(), port)) {
            Thread back = new Thread(() -> copy(target, client), "proxy-relay-back");
            back.setDaemon(true);
            back.start();
            copy(client, target);
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException closed) {
            // either side ended the tunnel
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
            line.reset();
            if (text.isEmpty()) {
                return lines;
            }
            lines.add(text);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
