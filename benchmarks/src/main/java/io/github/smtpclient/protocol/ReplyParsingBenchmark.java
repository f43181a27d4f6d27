package io.github.smtpclient.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.angus.mail.util.LineInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.github.smtpclient.SmtpException;

/**
 * Parsing one pipelined burst (the previous message's 250, then 250, 250, 354) plus a 9-line EHLO reply:
 * smtp-client's {@link ReplyReader} against Angus Mail's {@link LineInputStream} and a JDK {@link BufferedReader},
 * both with the same code and continuation handling. Each parser is made once and reads the burst over and over
 * from an endless stream, so only parsing is measured, not buffer allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReplyParsingBenchmark {

    private static final int REPLIES = 5;
    private static final byte[] BURST = ("250-smtp.example.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n"
            + "250-ENHANCEDSTATUSCODES\r\n250-DSN\r\n250-SMTPUTF8\r\n250-CHUNKING\r\n250 STARTTLS\r\n"
            + "250 2.0.0 Ok: queued as 4Xk2Lm0cQzz1\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
            + "354 End data with <CR><LF>.<CR><LF>\r\n").getBytes(StandardCharsets.US_ASCII);

    /** A reply as the hand-written parsers produce it. */
    private record Parsed(int code, List<String> lines) {
    }

    private ReplyReader replyReader;
    private LineInputStream lineInput;
    private BufferedReader bufferedReader;

    @Setup
    public void createParsers() {
        replyReader = new ReplyReader(new Repeating());
        lineInput = new LineInputStream(new Repeating());
        bufferedReader = new BufferedReader(new InputStreamReader(new Repeating(), StandardCharsets.UTF_8));
    }

    @Benchmark
    public void smtpClient(Blackhole sink) throws SmtpException {
        ReplyReader reader = replyReader;
        for (int i = 0; i < REPLIES; i++) {
            sink.consume(reader.read());
        }
    }

    @Benchmark
    public void angusLineInputStream(Blackhole sink) throws IOException {
        parseReplies(lineInput::readLine, sink);
    }

    @Benchmark
    public void jdkBufferedReader(Blackhole sink) throws IOException {
        parseReplies(bufferedReader::readLine, sink);
    }

    /** A line reader of the JDK or Angus Mail. */
    @FunctionalInterface
    private interface LineSource {
        String readLine() throws IOException;
    }

    /** The least a line-based parser must do per reply: gather lines until the final one and read the code. */
    private static void parseReplies(LineSource in, Blackhole sink) throws IOException {
        for (int i = 0; i < REPLIES; i++) {
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                lines.add(line.substring(4));
            } while (line.charAt(3) == '-');
            sink.consume(new Parsed(Integer.parseInt(line.substring(0, 3)), lines));
        }
    }

    /** The burst, endlessly. */
    private static final class Repeating extends InputStream {
        private int position;

        @Override
        public int read() {
            int b = BURST[position];
            position = (position + 1) % BURST.length;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, BURST.length - position);
            System.arraycopy(BURST, position, b, off, n);
            position = (position + n) % BURST.length;
            return n;
        }
    }
}
