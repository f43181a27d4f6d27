package io.github.smtpclient.protocol;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Dot-stuffing 1 MiB of 78-character text lines (one in 50 starting with a dot): smtp-client's
 * {@link DotStuffingOutputStream} against Angus Mail's {@link SMTPOutputStream} and a naive byte-at-a-time JDK loop.
 * Lives in the engine's package because the stream is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DotStuffingBenchmark {

    private static final OutputStream DISCARD = OutputStream.nullOutputStream();

    private byte[] text;

    @Setup
    public void createText() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() < 1024 * 1024; i++) {
            lines.append(i % 50 == 0 ? "." : "L").append("orem ipsum dolor sit amet, consectetur adipiscing elit, sed"
                    + " do eiusmod tempor\r\n");
        }
        text = lines.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public void smtpClient() throws IOException {
        DotStuffingOutputStream out = new DotStuffingOutputStream(DISCARD);
        out.write(text, 0, text.length);
        out.finish();
    }

    @Benchmark
    public void angusMail() throws IOException {
        SMTPOutputStream out = new SMTPOutputStream(DISCARD);
        out.write(text, 0, text.length);
        out.ensureAtBOL();
        out.flush();
    }

    @Benchmark
    public void naiveJdkLoop() throws IOException {
        OutputStream out = new BufferedOutputStream(DISCARD, 8192);
        boolean lineStart = true;
        byte previous = 0;
        for (byte b : text) {
            if (b == '\n' && previous != '\r') {
                out.write('\r');
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
            previous = b;
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
