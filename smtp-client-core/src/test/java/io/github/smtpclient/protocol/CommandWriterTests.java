package io.github.smtpclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

class CommandWriterTests {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final CommandWriter writer = new CommandWriter(wire);

    @Test
    void commandIsTerminatedWithCrlfAndSentOnlyOnFlush() throws Exception {
        writer.writeCommand("EHLO client.example.test", false);

        assertThat(wire.size()).isZero();
        writer.flush();
        assertThat(wireText()).isEqualTo("EHLO client.example.test\r\n");
    }

    @Test
    void pipelinedCommandsShareOneBuffer() throws Exception {
        writer.writeCommand("MAIL FROM:<a@example.test>", false);
        writer.writeCommand("RCPT TO:<b@example.test>", false);
        writer.writeCommand("DATA", false);
        writer.flush();

        assertThat(wireText()).isEqualTo("MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\r\n", "\u0000", "\t", "\u0001", "\u001f", "\u007f"})
    void controlBytesAreRefusedAndNothingIsBuffered(String control) throws Exception {
        String line = "RCPT TO:<victim@example.test>" + control + "DATA";

        assertThatThrownBy(() -> writer.writeCommand(line, true)).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE))
                .hasMessageContaining("at byte 29").hasMessageContaining("injection");
        writer.flush();
        assertThat(wire.size()).isZero();
        assertThat(writer.bytesWritten()).isZero();
    }

    @Test
    void errorNamesTheCommandButNeverEchoesItsArguments() {
        assertThatThrownBy(() -> writer.writeCommand("AUTH PLAIN AHVzZXIAc2VjcmV0\r\nRSET", false))
                .hasMessageContaining("AUTH").hasMessageContaining("CR (0x0D)")
                .hasMessageNotContaining("AHVzZXIAc2VjcmV0");
    }

    @Test
    void nonAsciiIsRefusedWithoutSmtpUtf8() {
        assertThatThrownBy(() -> writer.writeCommand("RCPT TO:<jürgen@example.test>", false))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE))
                .hasMessageContaining("non-ASCII").hasMessageContaining("at byte 10")
                .hasMessageContaining("SMTPUTF8");
    }

    @Test
    void nonAsciiIsSentAsUtf8WhenSmtpUtf8IsNegotiated() throws Exception {
        writer.writeCommand("RCPT TO:<jürgen@例え.test>", true);
        writer.flush();

        assertThat(wire.toByteArray()).isEqualTo("RCPT TO:<jürgen@例え.test>\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> writer.writeCommand("RCPT TO:<a\uD800@example.test>", true))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE))
                .hasMessageContaining("surrogate");
    }

    @Test
    void commandOfTheMaximumLengthIsAcceptedAndOneOctetMoreIsRefused() throws Exception {
        String longest = "AUTH PLAIN " + "A".repeat(CommandWriter.MAX_COMMAND_LINE_LENGTH - 2 - 11);

        writer.writeCommand(longest, false);
        assertThatThrownBy(() -> writer.writeCommand(longest + "A", false))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE))
                .hasMessageContaining("12289 octets").hasMessageContaining("12288");
        writer.flush();
        assertThat(wire.size()).isEqualTo(CommandWriter.MAX_COMMAND_LINE_LENGTH);
    }

    @Test
    void rawDataAndCommandsKeepTheirOrder() throws Exception {
        CommandWriter small = new CommandWriter(wire, 16);

        small.writeCommand("BDAT 40", false);
        small.rawOutput().write("0123456789".repeat(4).getBytes(StandardCharsets.US_ASCII));
        small.writeCommand("QUIT", false);
        small.flush();

        assertThat(wireText()).isEqualTo("BDAT 40\r\n" + "0123456789".repeat(4) + "QUIT\r\n");
        assertThat(small.bytesWritten()).isEqualTo(wire.size());
    }

    @Test
    void switchingOutputFlushesToTheOldStreamFirst() throws Exception {
        ByteArrayOutputStream secure = new ByteArrayOutputStream();
        writer.writeCommand("STARTTLS", false);

        writer.switchOutput(secure);
        writer.writeCommand("EHLO client.example.test", false);
        writer.flush();

        assertThat(wireText()).isEqualTo("STARTTLS\r\n");
        assertThat(secure.toString(StandardCharsets.US_ASCII)).isEqualTo("EHLO client.example.test\r\n");
        assertThat(writer.bytesWritten()).isEqualTo(10 + 26);
    }

    @Test
    void closingTheRawOutputFlushesButLeavesTheConnectionOpen() throws Exception {
        ClosingRecorder target = new ClosingRecorder();
        CommandWriter recording = new CommandWriter(target);
        recording.rawOutput().write('x');

        recording.rawOutput().close();

        assertThat(target.flushed).isTrue();
        assertThat(target.closed).isFalse();
    }

    @Test
    void writeTimeoutBecomesTimeout() throws Exception {
        CommandWriter failing = new CommandWriter(new FailingOutputStream(new SocketTimeoutException("Write timed out")));
        failing.writeCommand("NOOP", false);

        assertThatThrownBy(failing::flush).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
            assertThat(e.getMessage()).contains("raise client.socket().setTimeout");
        }).hasCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void brokenConnectionOnWriteBecomesConnectionClosed() {
        CommandWriter failing = new CommandWriter(new FailingOutputStream(new SocketException("Broken pipe")), 8);

        assertThatThrownBy(() -> failing.rawOutput().write(new byte[100])).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CONNECTION_CLOSED))
                .hasMessageContaining("Broken pipe");
    }

    private String wireText() {
        return wire.toString(StandardCharsets.UTF_8);
    }

    private static final class FailingOutputStream extends OutputStream {

        private final IOException failure;

        FailingOutputStream(IOException failure) {
            this.failure = failure;
        }

        @Override
        public void write(int b) throws IOException {
            throw failure;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw failure;
        }
    }

    private static final class ClosingRecorder extends ByteArrayOutputStream {

        private boolean flushed;
        private boolean closed;

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
