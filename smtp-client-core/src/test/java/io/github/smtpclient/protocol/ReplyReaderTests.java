package io.github.smtpclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.tls.TlsMode;

class ReplyReaderTests {

    private static final String EHLO_REPLY = "250-mail.example.test Hello\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
            + "250-8BITMIME\r\n250 SMTPUTF8\r\n";

    @Test
    void singleLineReplyIsParsedWithoutReadingFurther() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("220 mail.example.test ESMTP\r\n").failWhenReadPastEnd());

        assertThat(reader.read()).isEqualTo(Reply.of(220, "mail.example.test ESMTP"));
    }

    @Test
    void multiLineReplyKeepsEveryLineInOrder() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of(EHLO_REPLY).failWhenReadPastEnd());

        Reply reply = reader.read();

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.lines()).containsExactly("mail.example.test Hello", "PIPELINING", "SIZE 10240000", "8BITMIME",
                "SMTPUTF8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "1,2,3", "3,1,2", "2,3,1,1", "5,7"})
    void replySplitAcrossReadsIsReassembled(String pieceSizes) throws Exception {
        int[] sizes = Arrays.stream(pieceSizes.split(",")).mapToInt(Integer::parseInt).toArray();
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of(EHLO_REPLY + "221 bye\r\n", sizes)
                .failWhenReadPastEnd());

        assertThat(reader.read().lines()).hasSize(5).last().isEqualTo("SMTPUTF8");
        assertThat(reader.read()).isEqualTo(Reply.of(221, "bye"));
    }

    @Test
    void pipelinedRepliesInOneReadAreReturnedOneByOne() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 go\r\n")
                .failWhenReadPastEnd());

        assertThat(List.of(reader.read(), reader.read(), reader.read())).extracting(Reply::code)
                .containsExactly(250, 250, 354);
    }

    @Test
    void lineThatIsOnlyTheCodeIsAFinalLineWithEmptyText() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250\r\n"));

        assertThat(reader.read()).isEqualTo(Reply.of(250, ""));
    }

    @Test
    void emptyFinalLineAsSentBySmtpSinkIsAccepted() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250-sink.example.test\r\n250-PIPELINING\r\n250 \r\n"));

        assertThat(reader.read().lines()).containsExactly("sink.example.test", "PIPELINING", "");
    }

    @Test
    void bareLineFeedsAreTolerated() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250-first\n250 second\n"));

        assertThat(reader.read().lines()).containsExactly("first", "second");
    }

    @Test
    void utf8TextIsDecodedAndMalformedBytesAreReplaced() throws Exception {
        byte[] bytes = "250-Grüße\r\n250 bad \u0000\r\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xC3; // a lead byte without its continuation byte
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of(bytes, 1));

        assertThat(reader.read().lines()).containsExactly("Grüße", "bad \uFFFD");
    }

    @Test
    void differentCodesInOneReplyAreRefusedNamingBoth() {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250-first\r\n550 second\r\n"));

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION))
                .hasMessageContaining("250").hasMessageContaining("550");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2a0 letter in code", "199 informational", "600 out of range", "099 zero", "25 short",
            "25", "250x wrong separator", "250\tOK", "hello", "", " 250 leading space", "-250 dash"})
    void malformedReplyLineIsAProtocolViolation(String line) {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of(line + "\r\n"));

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION));
    }

    @Test
    void endOfStreamBeforeAReplyIsConnectionClosed() {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of(""));

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CONNECTION_CLOSED))
                .hasMessage("the server closed the connection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"250-first line\r\n", "250 no line end", "2"})
    void endOfStreamInsideAReplyIsConnectionClosedMidReply(String partial) {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of(partial, 2));

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CONNECTION_CLOSED))
                .hasMessageContaining("in the middle of a reply");
    }

    @Test
    void lineOfExactlyTheMaximumLengthIsAccepted() throws Exception {
        String text = "x".repeat(512 - 4);
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250 " + text + "\r\n", 100), 512);

        assertThat(reader.read().lines()).containsExactly(text);
    }

    @Test
    void lineLongerThanTheMaximumIsRefused() {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250 " + "x".repeat(512 - 3) + "\r\n", 100), 512);

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION))
                .hasMessageContaining("longer than 512");
    }

    @Test
    void endlessLineIsRefusedAfterReadingABoundedAmount() {
        EndlessInputStream endless = new EndlessInputStream();
        ReplyReader reader = new ReplyReader(endless);

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION));
        assertThat(endless.bytesRead).isLessThanOrEqualTo(8 * 1024);
    }

    @Test
    void replyOfAThousandLinesIsAcceptedButNotMore() throws Exception {
        String thousand = "250-x\r\n".repeat(999) + "250 x\r\n";
        String tooMany = "250-x\r\n".repeat(1000) + "250 x\r\n";

        assertThat(new ReplyReader(ChoppedInputStream.of(thousand)).read().lines()).hasSize(1000);
        assertThatThrownBy(new ReplyReader(ChoppedInputStream.of(tooMany))::read)
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION))
                .hasMessageContaining("1000 lines");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100})
    void tlsHandshakeRecordSuggestsImplicitTls(int pieceSize) {
        byte[] serverHello = {0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00, 0x76, 0x03, 0x03};
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of(serverHello, pieceSize));

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_MODE_MISMATCH))
                .hasMessageContaining("TLS").hasMessageContaining(TlsMode.SETTING + " to IMPLICIT");
    }

    @Test
    void tlsAlertRecordIsRecognisedBeforeTheConnectionCloses() {
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of(alert));

        assertThatThrownBy(reader::read).hasMessageContaining(TlsMode.SETTING + " to IMPLICIT");
    }

    @Test
    void socketTimeoutBecomesTimeout() {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("").thenThrow(new SocketTimeoutException("Read timed out")));

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
            assertThat(e.isTransient()).isTrue();
        }).hasMessage("no reply from the server within the socket timeout")
                .hasCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void otherReadFailureBecomesConnectionClosed() {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250-partial\r\n")
                .thenThrow(new SocketException("Connection reset")));

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CONNECTION_CLOSED))
                .hasMessageContaining("Connection reset");
    }

    @Test
    void bytesAfterTheReplyStayBufferedAndAreCounted() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("220 go ahead\r\n250 injected\r\n"));

        assertThat(reader.read()).isEqualTo(Reply.of(220, "go ahead"));
        assertThat(reader.bufferedBytes()).isEqualTo("250 injected\r\n".length());
        assertThat(reader.read()).isEqualTo(Reply.of(250, "injected"));
        assertThat(reader.bufferedBytes()).isZero();
    }

    @Test
    void switchingInputWithBufferedBytesIsRefused() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("220 go ahead\r\n250 injected\r\n"));
        reader.read();

        assertThatIllegalStateException().isThrownBy(() -> reader.switchInput(ChoppedInputStream.of("")))
                .withMessageContaining("14 unconsumed bytes");
    }

    @Test
    void afterSwitchingInputRepliesComeFromTheNewStream() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("220 go ahead\r\n"));
        reader.read();

        reader.switchInput(ChoppedInputStream.of("250 secure\r\n"));

        assertThat(reader.read()).isEqualTo(Reply.of(250, "secure"));
    }

    @Test
    void replyAvailableWhenACompleteLineIsBuffered() throws Exception {
        ReplyReader reader = new ReplyReader(new ByteArrayInputStream("250 one\r\n250 two\r\n".getBytes(StandardCharsets.US_ASCII)));
        reader.read();

        assertThat(reader.replyAvailable()).isTrue();
        reader.read();
        assertThat(reader.replyAvailable()).isFalse();
    }

    @Test
    void replyAvailableWhenTheStreamHasBytesReady() throws Exception {
        ReplyReader reader = new ReplyReader(ChoppedInputStream.of("250 later\r\n"));

        assertThat(reader.replyAvailable()).isTrue();
    }

    @Test
    void replyNotAvailableWhileOnlyPartOfALineIsBuffered() throws Exception {
        InputStream partial = ChoppedInputStream.of("250-complete\r\n250 incompl", 100)
                .thenThrow(new SocketTimeoutException("Read timed out"));
        ReplyReader reader = new ReplyReader(partial);

        assertThatThrownBy(reader::read).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT));
        assertThat(reader.replyAvailable()).isFalse();
    }

    @Test
    void maximumLineLengthBelowTheRfcMinimumIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReplyReader(ChoppedInputStream.of(""), 511))
                .withMessageContaining("maxLineLength");
    }

    /** Sends 'x' forever and counts what was taken. */
    private static final class EndlessInputStream extends InputStream {

        private long bytesRead;

        @Override
        public int read() {
            bytesRead++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Arrays.fill(b, off, off + len, (byte) 'x');
            bytesRead += len;
            return len;
        }
    }
}
