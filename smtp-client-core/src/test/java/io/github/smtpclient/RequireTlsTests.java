package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.MessageDraft;
import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * RFC 8689 REQUIRETLS against the scripted server: no MTA installed here advertises REQUIRETLS (Debian's Postfix 3.7
 * lacks it, {@code postconf -d | grep -i requiretls} finds nothing), so the EHLO keyword comes from a script. MAIL
 * FROM carries REQUIRETLS only over TLS whose certificate was validated with its host name, to a server advertising
 * it (section 4.1); otherwise REQUIRE refuses the message before MAIL and OPPORTUNISTIC sends it without and says so.
 */
class RequireTlsTests {

    private static final byte[] RAW = "From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\nhi\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final RecordingListener events = new RecordingListener();

    /** One message sent and a NOOP, after the opening of {@code channel} with {@code extensions}. */
    private static ScriptedSmtpServer oneMessage(ScriptedChannel channel, String... extensions) {
        return channel.open(new ScriptedSmtpServer(), extensions).expect("MAIL FROM:").send("250 ok\r\n")
                .expect("RCPT TO:").send("250 ok\r\n").expect("DATA").send("354 go\r\n").expectData()
                .send("250 ok\r\n").expect("NOOP").send("250 ok\r\n");
    }

    /** No transaction: the message is refused before MAIL, and the connection still answers a NOOP. */
    private static ScriptedSmtpServer refusedBeforeMail(ScriptedChannel channel, String... extensions) {
        return channel.open(new ScriptedSmtpServer(), extensions).expect("NOOP").send("250 ok\r\n");
    }

    private List<String> send(ScriptedSmtpServer script, ScriptedChannel channel, Consumer<SmtpClient> configure,
            SmtpAction action) throws Exception {
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = channel.client(events)) {
            configure.accept(client);
            client.connect(server.host(), server.port());
            action.run(client);
            client.noop();
            server.awaitCompletion();
            return server.received();
        }
    }

    @FunctionalInterface
    private interface SmtpAction {
        void run(SmtpClient client) throws Exception;
    }

    private static Envelope envelope(RequireTlsPolicy policy) {
        return Envelope.builder().sender("a@example.test").recipient("b@example.test").requireTls(policy).build();
    }

    private SendResult result;

    @Test
    void overValidatedStarttlsToAServerAdvertisingItMailCarriesRequireTls() throws Exception {
        List<String> received = send(oneMessage(ScriptedChannel.STARTTLS, "REQUIRETLS"), ScriptedChannel.STARTTLS,
                client -> { }, client -> result = client.sendBytes(envelope(RequireTlsPolicy.REQUIRE), RAW));
        assertThat(received).contains("MAIL FROM:<a@example.test> REQUIRETLS");
        assertThat(result.downgrades()).isEmpty();
    }

    @Test
    void overImplicitTlsAComposedMessageAndADraftCarryIt() throws Exception {
        MailMessage mail = MailMessage.builder().from("a@example.test").to("b@example.test").subject("s")
                .plainText("hi").requireTls(RequireTlsPolicy.REQUIRE).build();
        assertThat(send(oneMessage(ScriptedChannel.IMPLICIT_TLS, "REQUIRETLS"), ScriptedChannel.IMPLICIT_TLS,
                client -> { }, client -> client.sendMessage(mail)))
                .contains("MAIL FROM:<a@example.test> REQUIRETLS");
        assertThat(send(oneMessage(ScriptedChannel.IMPLICIT_TLS, "REQUIRETLS"), ScriptedChannel.IMPLICIT_TLS,
                client -> { }, client -> {
                    MessageDraft draft = client.getMessage();
                    draft.setFrom("a@example.test");
                    draft.setSendTo("b@example.test");
                    draft.setRequireTls(RequireTlsPolicy.REQUIRE);
                    assertThat(draft.getRequireTls()).isEqualTo(RequireTlsPolicy.REQUIRE);
                    client.sendMessage();
                })).contains("MAIL FROM:<a@example.test> REQUIRETLS");
    }

    @Test
    void requireIsRefusedBeforeMailWhenTheServerDoesNotAdvertiseIt() throws Exception {
        send(refusedBeforeMail(ScriptedChannel.STARTTLS, "DSN"), ScriptedChannel.STARTTLS, client -> { },
                client -> assertRefused(client, "does not advertise REQUIRETLS"));
    }

    @Test
    void requireIsRefusedOverPlaintextEvenWhenAdvertised() throws Exception {
        send(refusedBeforeMail(ScriptedChannel.PLAINTEXT, "REQUIRETLS"), ScriptedChannel.PLAINTEXT, client -> { },
                client -> assertRefused(client, "the connection is not encrypted"));
    }

    @Test
    void requireIsRefusedOverTlsWithoutCertificateValidation() throws Exception {
        send(refusedBeforeMail(ScriptedChannel.STARTTLS, "REQUIRETLS"), ScriptedChannel.STARTTLS,
                client -> client.tls().setValidateCertificates(false),
                client -> assertRefused(client, "certificate was not validated"));
    }

    @Test
    void requireIsRefusedOverTlsWithoutTheHostNameCheck() throws Exception {
        send(refusedBeforeMail(ScriptedChannel.STARTTLS, "REQUIRETLS"), ScriptedChannel.STARTTLS,
                client -> client.tls().setVerifyHostname(false),
                client -> assertRefused(client, "certificate was not validated"));
    }

    private void assertRefused(SmtpClient client, String why) {
        assertThatThrownBy(() -> client.sendBytes(envelope(RequireTlsPolicy.REQUIRE), RAW))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.REQUIRETLS_NOT_AVAILABLE);
                    assertThat(e.getMessage()).contains(why).contains("nothing was sent");
                });
    }

    @Test
    void opportunisticSendsWithoutItAndTheResultSaysSo() throws Exception {
        List<String> received = send(oneMessage(ScriptedChannel.PLAINTEXT, "REQUIRETLS"), ScriptedChannel.PLAINTEXT,
                client -> { }, client -> result = client.sendBytes(envelope(RequireTlsPolicy.OPPORTUNISTIC), RAW));
        assertThat(received).contains("MAIL FROM:<a@example.test>");
        assertThat(result.isDowngraded(SendResult.Downgrade.REQUIRETLS)).isTrue();
        assertThat(events.notifications).anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo(NotificationEvent.Kind.REQUIRETLS_NOT_AVAILABLE);
            assertThat(n.text()).contains("not encrypted");
        });
    }

    @Test
    void theClientDefaultAppliesToRawAndComposedMessagesAndAnEnvelopeOverridesIt() throws Exception {
        MailMessage mail = MailMessage.builder().from("a@example.test").to("b@example.test").plainText("hi").build();
        assertThat(send(oneMessage(ScriptedChannel.STARTTLS, "REQUIRETLS"), ScriptedChannel.STARTTLS,
                client -> client.transfer().setRequireTls(RequireTlsPolicy.REQUIRE), client -> client.sendBytes(RAW)))
                .contains("MAIL FROM:<a@example.test> REQUIRETLS");
        assertThat(send(oneMessage(ScriptedChannel.STARTTLS, "REQUIRETLS"), ScriptedChannel.STARTTLS,
                client -> client.transfer().setRequireTls(RequireTlsPolicy.REQUIRE), client -> client.sendMessage(mail)))
                .contains("MAIL FROM:<a@example.test> REQUIRETLS");
        assertThat(send(oneMessage(ScriptedChannel.STARTTLS, "REQUIRETLS"), ScriptedChannel.STARTTLS,
                client -> client.transfer().setRequireTls(RequireTlsPolicy.REQUIRE),
                client -> client.sendBytes(envelope(RequireTlsPolicy.NONE), RAW)))
                .contains("MAIL FROM:<a@example.test>");
    }

    /** RFC 8689 section 5: the header on a composed message, and a message carrying it takes no REQUIRETLS default. */
    @Test
    void tlsRequiredNoIsWrittenAndOptsTheMessageOutOfTheClientDefault() throws Exception {
        MailMessage mail = MailMessage.builder().from("a@example.test").to("b@example.test").plainText("hi")
                .tlsOptional(true).build();
        byte[][] data = new byte[1][];
        try (ScriptedSmtpServer server = oneMessage(ScriptedChannel.PLAINTEXT, "REQUIRETLS").start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.transfer().setRequireTls(RequireTlsPolicy.REQUIRE);
            client.connect(server.host(), server.port());
            result = client.sendMessage(mail);
            client.noop();
            server.awaitCompletion();
            assertThat(server.received()).contains("MAIL FROM:<a@example.test>");
            data[0] = server.messages().get(0);
        }
        assertThat(new String(data[0], StandardCharsets.US_ASCII)).contains("\r\nTLS-Required: No\r\n");
        assertThat(result.downgrades()).isEmpty();
    }

    @Test
    void aRawMessageCarryingTlsRequiredNoTakesNoRequireTlsDefault() throws Exception {
        byte[] raw = "From: a@example.test\r\nTo: b@example.test\r\nTLS-Required: no\r\n\r\nhi\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(send(oneMessage(ScriptedChannel.PLAINTEXT, "REQUIRETLS"), ScriptedChannel.PLAINTEXT,
                client -> client.transfer().setRequireTls(RequireTlsPolicy.REQUIRE), client -> client.sendBytes(raw)))
                .contains("MAIL FROM:<a@example.test>");
    }

    @Test
    void requireTlsTogetherWithTlsRequiredNoIsRefused() throws Exception {
        MailMessage mail = MailMessage.builder().from("a@example.test").to("b@example.test").plainText("hi")
                .tlsOptional(true).requireTls(RequireTlsPolicy.OPPORTUNISTIC).build();
        send(refusedBeforeMail(ScriptedChannel.PLAINTEXT, "REQUIRETLS"), ScriptedChannel.PLAINTEXT, client -> { },
                client -> assertThatThrownBy(() -> client.sendMessage(mail)).isInstanceOfSatisfying(
                        SmtpException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                            assertThat(e.getMessage()).contains("TLS-Required: No");
                        }));
    }

    @Test
    void serverInfoReadsRequireTls() {
        assertThat(ServerInfo.fromEhlo(new Reply(250, List.of("scripted", "REQUIRETLS"))).isRequireTlsSupported())
                .isTrue();
    }
}
