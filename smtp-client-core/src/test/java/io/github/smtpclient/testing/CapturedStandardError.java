package io.github.smtpclient.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is written to {@code System.err} while open, where the tests' SLF4J backend (slf4j-simple) writes
 * every log line: lets a test read the real log output, as an operator would.
 */
public final class CapturedStandardError implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private CapturedStandardError() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    public static CapturedStandardError start() {
        return new CapturedStandardError();
    }

    /** Everything written so far. */
    public synchronized String text() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
