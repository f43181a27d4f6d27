package io.github.smtpclient.protocol;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.github.smtpclient.internal.BodyScanner;
import io.github.smtpclient.message.BodyType;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Dot-stuffing 1 MiB of 78-character text lines (one in 50 starting with a dot): smtp-client's data gate
 * ({@link MessageDataOutputStream}, which also normalises line endings and checks for NUL, long lines and, 7-bit,
 * 8-bit octets) against Angus Mail's {@link SMTPOutputStream} and a naive byte-at-a-time JDK loop; beside them the same
 * gate in front of the BDAT chunker, and the raw-message scan that runs before MAIL. Each operation handles
 * 1,048,640 bytes, so GB/s = ops/s x 0.00104864. Lives in the engine's package because the streams are
 * package-private.
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
        MessageDataOutputStream out = MessageDataOutputStream.dotStuffed(DISCARD, true);
        out.write(text, 0, text.length);
        out.finish();
    }

    @Benchmark
    public void smtpClientSevenBit() throws IOException {
        MessageDataOutputStream out = MessageDataOutputStream.dotStuffed(DISCARD, false);
        out.write(text, 0, text.length);
        out.finish();
    }

    @Benchmark
    public void smtpClientBdat() throws IOException {
        CommandWriter writer = new CommandWriter(DISCARD, 64 * 1024);
        BdatChunkOutputStream chunker = new BdatChunkOutputStream(writer, 256 * 1024, (size, last) -> { });
        MessageDataOutputStream out = MessageDataOutputStream.unstuffed(chunker, true);
        out.write(text, 0, text.length);
        out.finish();
        chunker.finish();
        writer.flush();
    }

    @Benchmark
    public BodyType rawMessageScan() {
        BodyScanner scanner = new BodyScanner();
        scanner.scan(text, 0, text.length);
        return scanner.bodyType();
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
