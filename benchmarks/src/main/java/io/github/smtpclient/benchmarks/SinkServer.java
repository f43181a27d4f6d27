package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** The discard server the clients send to: Postfix's smtp-sink when installed (or asked for), else {@link JavaSink}. */
final class SinkServer implements AutoCloseable {

    private static final String SMTP_SINK = "/usr/sbin/smtp-sink";

    private final Process process;
    private final JavaSink javaSink;
    private final int port;

    private SinkServer(Process process, JavaSink javaSink, int port) {
        this.process = process;
        this.javaSink = javaSink;
        this.port = port;
    }

    static SinkServer start(String kind) throws IOException, InterruptedException {
        boolean postfix = kind.equals("postfix") || (kind.equals("auto") && new java.io.File(SMTP_SINK).canExecute());
        if (!postfix) {
            JavaSink sink = new JavaSink();
            return new SinkServer(null, sink, sink.port());
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(SMTP_SINK, "-a"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of("127.0.0.1:" + port, "1000"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitListening(port, process);
        return new SinkServer(process, null, port);
    }

    @SuppressWarnings("try") // the socket is opened only to see that the port listens
    private static void awaitListening(int port, Process process) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("smtp-sink exited with " + process.exitValue());
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("smtp-sink did not listen on port " + port);
    }

    int port() {
        return port;
    }

    String description() {
        return process != null ? "Postfix smtp-sink (" + SMTP_SINK + " -a 127.0.0.1:PORT 1000)"
                : "the module's JavaSink (in the runner's JVM)";
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroy();
        }
        if (javaSink != null) {
            javaSink.close();
        }
    }
}
