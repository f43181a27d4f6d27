package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * A value that cannot be encoded for the wire must fail its own message without leaving any command behind: the
 * envelope is encoded whole before any of it is buffered, so the good message sent next on the same client is all the
 * server receives. Each script expects exactly the good message's commands.
 */
class NoStaleCommandsTests {

    private static final byte[] MESSAGE = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** Recipients no command line can carry. */
    enum BadRecipient {
        /** An unpaired UTF-16 surrogate has no UTF-8 encoding. */
        UNPAIRED_SURROGATE("\uD800bad@example.test"),
        /** A path longer than the longest command line (12,288 octets). */
        TOO_LONG("x".repeat(13_000) + "@example.test");

        final String address;

        BadRecipient(String address) {
            this.address = address;
        }
    }

    static Stream<Arguments> everyBadRecipientWithAndWithoutPipeliningOverPlaintextAndStartTls() {
        return Stream.of(ScriptedChannel.PLAINTEXT, ScriptedChannel.STARTTLS).flatMap(channel -> Stream
                .of(BadRecipient.values()).flatMap(bad -> Stream.of(true, false)
                        .map(pipelining -> Arguments.of(channel, bad, pipelining))));
    }

    @ParameterizedTest
    @MethodSource("everyBadRecipientWithAndWithoutPipeliningOverPlaintextAndStartTls")
    void aRecipientThatCannotBeEncodedLeavesNothingForTheNextMessage(ScriptedChannel channel, BadRecipient bad,
            boolean pipelining) throws Exception {
        ScriptedSmtpServer script = pipelining
                ? channel.open(new ScriptedSmtpServer(), "PIPELINING", "SMTPUTF8")
                        .expect("MAIL FROM:<good@example.test>$").expect("RCPT TO:<b@example.test>$").expect("DATA")
                        .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n")
                : channel.open(new ScriptedSmtpServer(), "SMTPUTF8")
                        .expect("MAIL FROM:<good@example.test>$").send("250 2.1.0 ok\r\n")
                        .expect("RCPT TO:<b@example.test>$").send("250 2.1.5 ok\r\n")
                        .expect("DATA").send("354 go ahead\r\n");
        RecordingListener events = new RecordingListener();
        try (ScriptedSmtpServer server = script.expectData().send("250 2.0.0 queued\r\n").expect("QUIT")
                .send("221 bye\r\n").start(); SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            Envelope stale = Envelope.of("stale@example.test", "b@example.test", bad.address);
            assertThatThrownBy(() -> client.sendBytes(stale, MESSAGE)).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isIn(SmtpErrorCode.ILLEGAL_WIRE_VALUE,
                            SmtpErrorCode.INVALID_ARGUMENT));
            assertThat(client.isConnected()).isTrue();

            client.sendBytes(Envelope.of("good@example.test", "b@example.test"), MESSAGE);
            client.disconnect();
            server.awaitCompletion();
            assertThat(server.received()).noneMatch(line -> line.contains("stale@") || line.equals("RSET"));
            assertThat(server.messages()).hasSize(1);
        }
        assertThat(events.commands).noneMatch(line -> line.contains("stale@"));
    }

    @ParameterizedTest
    @EnumSource(BadRecipient.class)
    void inAPipelinedBatchAMessageThatCannotBeEncodedFailsAloneAndTheOthersGoOut(BadRecipient bad) throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "SMTPUTF8")
                .expect("MAIL FROM:<first@example.test>$").expect("RCPT TO:<b@example.test>$").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData()
                .expect("MAIL FROM:<third@example.test>$").expect("RCPT TO:<b@example.test>$").expect("DATA")
                .send("250 2.0.0 first queued\r\n250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData()
                .send("250 2.0.0 third queued\r\n").expect("QUIT").send("221 bye\r\n")
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(new RecordingListener())) {
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(List.of(
                    submission(Envelope.of("first@example.test", "b@example.test")),
                    submission(Envelope.of("stale@example.test", "b@example.test", bad.address)),
                    submission(Envelope.of("third@example.test", "b@example.test"))));
            assertThat(outcomes.get(0).result()).hasValueSatisfying(
                    result -> assertThat(result.finalReply().text()).isEqualTo("2.0.0 first queued"));
            assertThat(outcomes.get(1).failure()).hasValueSatisfying(e -> assertThat(e.errorCode())
                    .isIn(SmtpErrorCode.ILLEGAL_WIRE_VALUE, SmtpErrorCode.INVALID_ARGUMENT));
            assertThat(outcomes.get(2).result()).hasValueSatisfying(
                    result -> assertThat(result.finalReply().text()).isEqualTo("2.0.0 third queued"));
            client.disconnect();
            server.awaitCompletion();
            assertThat(server.received()).noneMatch(line -> line.contains("stale@"));
        }
    }

    private static Submission submission(Envelope envelope) {
        return new Submission(envelope, new MessageContent() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(MESSAGE);
            }

            @Override
            public long size() {
                return MESSAGE.length;
            }

            @Override
            public Encoding encoding() {
                return Encoding.SEVEN_BIT;
            }

            @Override
            public boolean needsSmtpUtf8() {
                return false;
            }
        }, null);
    }
}
