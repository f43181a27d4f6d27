package io.github.smtpclient.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.github.smtpclient.benchmarks.FirstDigitReplies;

/**
 * Would the 5 MB row gain if the data gate wrote into direct buffers through a {@link SocketChannel}, so that the
 * JDK's copy of each heap slice into its own direct buffer goes away (benchmarks/NOTES.md, "5 MB attachments")?
 * Sends a 5 MiB base64 body (76-octet lines, as the benchmark's attachment) to smtp-sink after DATA, in three ways,
 * one connection each, alternating rounds in one JVM, and prints the sending thread's CPU per message:
 * <ul>
 * <li>{@code stream}: what the engine does, the real gate ({@link MessageDataOutputStream}) writing its 128 KiB
 *     slices to {@link Socket#getOutputStream()};</li>
 * <li>{@code channel}: the same gate, each slice copied in bulk into a direct buffer written to a
 *     {@code SocketChannel};</li>
 * <li>{@code fused}: one pass that checks each 76-octet line a word at a time and stores the words into the direct
 *     buffer as it reads them (base64 lines only; the shape a fused gate would have in Java 17).</li>
 * </ul>
 * Arguments: {@code host port messagesPerRound rounds}; the first two rounds of each way are warm-up.
 *
 * <pre>{@code
 * /usr/sbin/smtp-sink -a -u nobody 127.0.0.1:31301 1000 &
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     io.github.smtpclient.protocol.GateWritePathExperiment 127.0.0.1 31301 50 12
 * }</pre>
 */
public final class GateWritePathExperiment {

    private static final int RAW_BYTES = 5 * 1024 * 1024;
    private static final int WARMUP_ROUNDS = 2;
    private static final int LINE = 76;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long BELOW_0E = 0x0E0E0E0E0E0E0E0EL;
    private static final byte[] TERMINATOR = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENVELOPE = "MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private enum Way { STREAM, CHANNEL, FUSED }

    private final byte[] body;
    private final ByteBuffer direct = ByteBuffer.allocateDirect(MessageDataOutputStream.SLICE + LINE + 2)
            .order(ByteOrder.LITTLE_ENDIAN);

    private GateWritePathExperiment(byte[] body) {
        this.body = body;
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int messages = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        GateWritePathExperiment experiment = new GateWritePathExperiment(base64Body());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<Way, Session> sessions = new EnumMap<>(Way.class);
        Map<Way, List<Double>> microsPerMessage = new EnumMap<>(Way.class);
        Map<Way, List<Double>> userMicrosPerMessage = new EnumMap<>(Way.class);
        try {
            for (Way way : Way.values()) {
                sessions.put(way, Session.open(server, way != Way.STREAM));
                microsPerMessage.put(way, new ArrayList<>());
                userMicrosPerMessage.put(way, new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (Way way : Way.values()) {
                    long started = cpu.getCurrentThreadCpuTime();
                    long startedUser = cpu.getCurrentThreadUserTime();
                    for (int i = 0; i < messages; i++) {
                        experiment.send(sessions.get(way), way);
                    }
                    if (round >= WARMUP_ROUNDS) {
                        microsPerMessage.get(way).add((cpu.getCurrentThreadCpuTime() - started) / 1e3 / messages);
                        userMicrosPerMessage.get(way).add((cpu.getCurrentThreadUserTime() - startedUser) / 1e3 / messages);
                    }
                }
            }
        } finally {
            for (Session session : sessions.values()) {
                session.socket.close();
            }
        }
        microsPerMessage.forEach((way, values) -> System.out.printf(Locale.ROOT,
                "%-7s median %,.0f us of CPU a message, %,.0f of it user time (rounds: %s)%n",
                way.name().toLowerCase(Locale.ROOT), median(values), median(userMicrosPerMessage.get(way)),
                values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList()));
    }

    private void send(Session session, Way way) throws IOException {
        session.socket.getOutputStream().write(ENVELOPE);
        session.replies.expect(2);
        session.replies.expect(2);
        session.replies.expect(3);
        switch (way) {
            case STREAM -> sendThroughGate(session.socket.getOutputStream());
            case CHANNEL -> sendThroughGate(new DirectSlices(session.channel));
            case FUSED -> sendFused(session.channel);
        }
        session.replies.expect(2);
    }

    private void sendThroughGate(OutputStream wire) throws IOException {
        MessageDataOutputStream gate = MessageDataOutputStream.dotStuffed(wire, false);
        gate.write(body, 0, body.length);
        gate.finish();
    }

    /** The body's 78-octet lines checked and stored word by word in one pass; a real gate would handle the rest too. */
    private void sendFused(SocketChannel channel) throws IOException {
        direct.clear();
        int lineLength = LINE + 2;
        for (int i = 0; i < body.length; i += lineLength) {
            int at = direct.position();
            long flags = 0;
            for (int word = 0; word < LINE; word += Long.BYTES) {
                int offset = Math.min(word, LINE - Long.BYTES);
                long octets = (long) LONGS.get(body, i + offset);
                flags |= (octets - BELOW_0E) | octets;
                direct.putLong(at + offset, octets);
            }
            if ((flags & HIGH_BITS) != 0 || body[i + LINE] != '\r' || body[i + LINE + 1] != '\n') {
                throw new IllegalStateException("the experiment handles clean 76-octet lines only, line at " + i);
            }
            direct.putShort(at + LINE, (short) 0x0A0D);
            direct.position(at + lineLength);
            if (direct.position() >= MessageDataOutputStream.SLICE) {
                drain(channel);
            }
        }
        direct.put(TERMINATOR);
        drain(channel);
    }

    private void drain(SocketChannel channel) throws IOException {
        direct.flip();
        while (direct.hasRemaining()) {
            channel.write(direct);
        }
        direct.clear();
    }

    /** The body every way sends: 5 MiB of random bytes in base64, 76-octet lines with CRLF, as MIME encoders write. */
    private static byte[] base64Body() {
        byte[] raw = new byte[RAW_BYTES];
        new Random(1).nextBytes(raw);
        String lines = Base64.getMimeEncoder(LINE, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(raw);
        // Whole lines only, so the fused way needs no tail handling.
        int whole = lines.length() - (lines.length() + 2) % (LINE + 2);
        return (lines.substring(0, whole) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Copies each write in bulk into a direct buffer and writes it through the channel. */
    private final class DirectSlices extends OutputStream {

        private final SocketChannel channel;

        DirectSlices(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int from = off; from < off + len; ) {
                int part = Math.min(direct.capacity(), off + len - from);
                direct.clear();
                direct.put(b, from, part);
                drain(channel);
                from += part;
            }
        }
    }

    /** One SMTP connection after EHLO; {@code channel} is null for the stream way's plain socket. */
    private record Session(Socket socket, SocketChannel channel, FirstDigitReplies replies) {

        static Session open(InetSocketAddress server, boolean viaChannel) throws IOException {
            SocketChannel channel = viaChannel ? SocketChannel.open(server) : null;
            Socket socket = viaChannel ? channel.socket() : new Socket(server.getAddress(), server.getPort());
            Session session = new Session(socket, channel, new FirstDigitReplies(socket.getInputStream()));
            session.replies.expect(2);
            socket.getOutputStream().write("EHLO client.example.test\r\n".getBytes(StandardCharsets.US_ASCII));
            session.replies.expect(2);
            return session;
        }
    }
}
