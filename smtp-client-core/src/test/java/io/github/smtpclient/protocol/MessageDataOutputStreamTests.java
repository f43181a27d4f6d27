package io.github.smtpclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

class MessageDataOutputStreamTests {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final MessageDataOutputStream data = MessageDataOutputStream.dotStuffed(wire, true);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain lines pass unchanged       | a\\r\\nb\\r\\n       | a\\r\\nb\\r\\n.\\r\\n
            missing final line ending added  | a\\r\\nb             | a\\r\\nb\\r\\n.\\r\\n
            bare LF becomes CRLF             | a\\nb\\n             | a\\r\\nb\\r\\n.\\r\\n
            bare CR becomes CRLF             | a\\rb\\r             | a\\r\\nb\\r\\n.\\r\\n
            LF CR is two line endings        | a\\n\\rb             | a\\r\\n\\r\\nb\\r\\n.\\r\\n
            dot on the first line doubled    | .hidden\\r\\n        | ..hidden\\r\\n.\\r\\n
            dot after CRLF doubled           | a\\r\\n.b\\r\\n      | a\\r\\n..b\\r\\n.\\r\\n
            dot after bare LF doubled        | a\\n.b               | a\\r\\n..b\\r\\n.\\r\\n
            dot after bare CR doubled        | a\\r.b               | a\\r\\n..b\\r\\n.\\r\\n
            dot inside a line unchanged      | a.b\\r\\n            | a.b\\r\\n.\\r\\n
            only the first dot is doubled    | ...\\r\\n            | ....\\r\\n.\\r\\n
            smuggled LF dot LF               | a\\n.\\nMAIL FROM:<x> | a\\r\\n..\\r\\nMAIL FROM:<x>\\r\\n.\\r\\n
            smuggled CR dot CR               | a\\r.\\rQUIT         | a\\r\\n..\\r\\nQUIT\\r\\n.\\r\\n
            smuggled CRLF dot LF             | a\\r\\n.\\nQUIT      | a\\r\\n..\\r\\nQUIT\\r\\n.\\r\\n
            smuggled LF dot CRLF             | a\\n.\\r\\nQUIT      | a\\r\\n..\\r\\nQUIT\\r\\n.\\r\\n
            data ending in bare CR           | a\\r                 | a\\r\\n.\\r\\n
            data that is a lone dot          | .                    | ..\\r\\n.\\r\\n
            """)
    void dataIsNormalisedStuffedAndTerminated(String description, String input, String expected) throws IOException {
        data.write(ascii(unescape(input)));
        data.finish();

        assertThat(wireText()).isEqualTo(unescape(expected));
    }

    @Test
    void emptyDataIsJustTheTerminator() throws IOException {
        data.finish();

        assertThat(wireText()).isEqualTo(".\r\n");
    }

    @Test
    void crAtTheEndOfOneWriteAndLfAtTheStartOfTheNextStayOneCrlf() throws IOException {
        data.write(ascii("line one\r"));
        data.write(ascii("\nline two\r"));
        data.write(ascii("\n"));
        data.finish();

        assertThat(wireText()).isEqualTo("line one\r\nline two\r\n.\r\n");
    }

    @Test
    void crAtTheEndOfOneWriteFollowedByADotIsABareCrAndTheDotIsDoubled() throws IOException {
        data.write(ascii("a\r"));
        data.write(ascii(".b"));
        data.finish();

        assertThat(wireText()).isEqualTo("a\r\n..b\r\n.\r\n");
    }

    @Test
    void singleByteWritesGiveTheSameResultAsOneWrite() throws IOException {
        for (byte b : ascii(".a\r\r\n\n.\r.b\n")) {
            data.write(b);
        }
        data.finish();

        assertThat(wireText()).isEqualTo("..a\r\n\r\n\r\n..\r\n..b\r\n.\r\n");
    }

    @Test
    void textWithCrlfLinesAndNoLeadingDotsIsPassedOnInOneWrite() throws IOException {
        WriteCounter counter = new WriteCounter();
        MessageDataOutputStream counted = MessageDataOutputStream.dotStuffed(counter, true);

        counted.write(ascii("Subject: hello\r\n\r\nline\r\n".repeat(100)));

        assertThat(counter.arrayWrites).isEqualTo(1);
        assertThat(counter.singleByteWrites).isZero();
    }

    @Test
    void countsInputBytesNotOutputBytes() throws IOException {
        data.write(ascii(".a\nb"));
        data.finish();

        assertThat(data.messageBytes()).isEqualTo(4);
        assertThat(wire.size()).isEqualTo("..a\r\nb\r\n.\r\n".length());
    }

    @Test
    void writingAfterFinishIsRefused() throws IOException {
        data.write(ascii("a"));
        data.finish();

        assertThatIllegalStateException().isThrownBy(() -> data.write(ascii("more"))).withMessageContaining("finished");
        assertThatIllegalStateException().isThrownBy(data::finish);
    }

    @Test
    void closingNeitherTerminatesTheDataNorClosesTheConnection() throws IOException {
        WriteCounter connection = new WriteCounter();
        MessageDataOutputStream stream = MessageDataOutputStream.dotStuffed(connection, true);
        stream.write(ascii("partial message"));

        stream.close();

        assertThat(connection.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("partial message");
        assertThat(connection.closed).isFalse();
        assertThatIllegalStateException().isThrownBy(stream::finish).withMessageContaining("closed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain lines pass unchanged       | a\\r\\nb\\r\\n       | a\\r\\nb\\r\\n
            missing final line ending added  | a\\r\\nb             | a\\r\\nb\\r\\n
            bare LF becomes CRLF             | a\\nb\\n             | a\\r\\nb\\r\\n
            bare CR becomes CRLF             | a\\rb\\r             | a\\r\\nb\\r\\n
            leading dots stay single         | .a\\n.\\n            | .a\\r\\n.\\r\\n
            """)
    void withoutDotStuffingTheBdatPayloadIsNormalisedTheSameWayButNotStuffedOrTerminated(String description,
            String input, String expected) throws IOException {
        MessageDataOutputStream payload = MessageDataOutputStream.unstuffed(wire, true);
        payload.write(ascii(unescape(input)));
        payload.finish();

        assertThat(wireText()).isEqualTo(unescape(expected));
    }

    @Test
    void aNulOctetIsNeverPassedOnAndNamesWhereItIs() throws IOException {
        data.write(ascii("ok\r\nab"));

        assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> data.write(ascii("c\0d\r\n")))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE))
                .withMessageContaining("NUL").withMessageContaining("line 2 (byte 7)");
        assertThat(wireText()).isEqualTo("ok\r\nab");
    }

    @Test
    void eightBitOctetsPassOnlyWhenDeclared() throws IOException {
        MessageDataOutputStream sevenBit = MessageDataOutputStream.dotStuffed(wire, false);

        assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> sevenBit.write(ascii("caf\u00e9\r\n")))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE))
                .withMessageContaining("0xE9").withMessageContaining("8BITMIME");
        assertThat(wire.size()).isZero();

        data.write(ascii("caf\u00e9\r\n"));
        data.finish();
        assertThat(wireText()).isEqualTo("caf\u00e9\r\n.\r\n");
    }

    @Test
    void aLineOf998OctetsPassesAndOneOf999IsRefusedBeforeAnyOfItsBytesGoOutInThatWrite() throws IOException {
        data.write(ascii("x".repeat(998) + "\r\n"));
        int before = wire.size();

        assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> data.write(ascii("y".repeat(999) + "\n")))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE))
                .withMessageContaining("longer than 998").withMessageContaining("line 2");
        assertThat(wire.size()).isEqualTo(before);
    }

    @Test
    void aLongLineSpreadOverManySmallWritesIsRefusedAtTheWriteThatMakesItTooLong() throws IOException {
        for (int i = 0; i < 99; i++) {
            data.write(ascii("0123456789"));
        }
        int before = wire.size();

        assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> data.write(ascii("0123456789")));
        assertThat(before).isEqualTo(990);
        assertThat(wire.size()).isEqualTo(990);
    }

    @Test
    void aCrlfSplitBetweenWritesDoesNotCountAsPartOfTheNextLine() throws IOException {
        data.write(ascii("x".repeat(998) + "\r"));
        data.write(ascii("\n" + "y".repeat(998) + "\r"));
        data.write(ascii("\n"));
        data.finish();

        assertThat(wireText()).isEqualTo("x".repeat(998) + "\r\n" + "y".repeat(998) + "\r\n.\r\n");
    }

    private String wireText() {
        return wire.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The table above writes CR and LF as {@code \r} and {@code \n}. */
    private static String unescape(String escaped) {
        return escaped.replace("\\r", "\r").replace("\\n", "\n");
    }

    private static final class WriteCounter extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int arrayWrites;
        private int singleByteWrites;
        private boolean closed;

        @Override
        public void write(int b) {
            singleByteWrites++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            arrayWrites++;
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
