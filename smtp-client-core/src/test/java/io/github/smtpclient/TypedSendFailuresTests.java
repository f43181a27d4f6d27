package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.testing.RecordingSmtpServer;
import io.github.smtpclient.testing.ScriptedClients;

/** Every failure of a send is an {@link SmtpException} with a code, whatever the caller's sources throw. */
class TypedSendFailuresTests {

    @ParameterizedTest(name = "server offers SIZE: {0}")
    @ValueSource(booleans = {true, false})
    void aRuntimeExceptionFromAnAttachmentStreamIsAnIoErrorNamingTheAttachment(boolean size) throws Exception {
        MailMessage mail = MailMessage.builder().from("a@example.test").to("b@example.test").plainText("see file")
                .attach(Attachment.fromStream("report.csv", () -> new InputStream() {
                    @Override
                    public int read() {
                        throw new IllegalStateException("the export was cancelled");
                    }
                })).build();
        // With SIZE the attachment is spooled to measure it before MAIL; without, it is read while sending.
        try (RecordingSmtpServer server = size ? RecordingSmtpServer.offering("SIZE 1000000", "8BITMIME")
                : RecordingSmtpServer.offering("8BITMIME");
                SmtpClient client = ScriptedClients.plainClient(new RecordingListener())) {
            client.connect("127.0.0.1", server.port());

            assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> client.sendMessage(mail))
                    .satisfies(e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.IO_ERROR);
                        assertThat(e.getMessage()).contains("report.csv").contains("the export was cancelled");
                        assertThat(e).hasRootCauseInstanceOf(IllegalStateException.class);
                    });
            if (size) {
                assertThat(server.mailCommands()).isEmpty();
                assertThat(client.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aRuntimeExceptionFromARawStreamIsAnIoError() throws Exception {
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw new IllegalArgumentException("decoder broke");
            }
        };
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME");
                SmtpClient client = ScriptedClients.plainClient(new RecordingListener())) {
            client.connect("127.0.0.1", server.port());

            assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> client.sendStream(failing))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.IO_ERROR))
                    .withMessageContaining("decoder broke");
        }
    }

    @Test
    void aMessageTheWriterCannotComposeIsAnInvalidArgument() throws Exception {
        MailMessage mail = MailMessage.builder().from("a@example.test").to("b@example.test")
                .messageId("<" + "t".repeat(1200) + "@example.test>").plainText("x").build();
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME");
                SmtpClient client = ScriptedClients.plainClient(new RecordingListener())) {
            client.connect("127.0.0.1", server.port());

            assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> client.sendMessage(mail))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT))
                    .withMessageContaining("Message-ID").withMessageContaining("998");
            assertThat(server.mailCommands()).isEmpty();
        }
    }

    @Test
    void aQuotedLocalPartWithASpaceIsSentQuotedInTheEnvelopeAndTheHeader() throws Exception {
        MailMessage mail = MailMessage.builder().from("\"john doe\"@example.test").to("\"jane q\"@example.test")
                .plainText("hello").build();
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME")) {
            try (SmtpClient client = ScriptedClients.plainClient(new RecordingListener())) {
                client.connect("127.0.0.1", server.port());
                client.sendMessage(mail);
            }
            server.stop();

            assertThat(server.mailCommands()).containsExactly("MAIL FROM:<\"john doe\"@example.test>");
            String wire = new String(server.connections().get(0), StandardCharsets.UTF_8);
            assertThat(wire).contains("RCPT TO:<\"jane q\"@example.test>").contains("To: \"jane q\"@example.test");
        }
    }

    @Test
    void anAddressWithAControlCharacterIsRefusedWithItEscaped() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> MailMessage.builder().replyTo("\"x\u0000y\"@example.test"))
                .withMessageNotContaining("\u0000");
    }
}
