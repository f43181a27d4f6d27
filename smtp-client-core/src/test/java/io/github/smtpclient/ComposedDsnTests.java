package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.Envelope.DsnNotify;
import io.github.smtpclient.Envelope.DsnReturn;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.message.DsnOptions;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.MessageDraft;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * RFC 3461 DSN parameters of composed messages (and of the reference's MsgDeliveryReceipt), as they cross the wire:
 * the composer puts them into the envelope and the one DSN writer of the engine sends them, leaves them out for a
 * server without DSN (saying so in the result) or, when they are required, refuses the message before MAIL.
 */
class ComposedDsnTests {

    private static final String GREETING = "220 scripted ESMTP\r\n";

    private final RecordingListener events = new RecordingListener();

    /** A server answering one transaction of {@code recipients} RCPTs, and then a NOOP. */
    private static ScriptedSmtpServer server(String ehlo, int recipients) {
        ScriptedSmtpServer server = new ScriptedSmtpServer().send(GREETING).expect("EHLO ").send(ehlo)
                .expect("MAIL FROM:").send("250 ok\r\n");
        for (int i = 0; i < recipients; i++) {
            server.expect("RCPT TO:").send("250 ok\r\n");
        }
        return server.expect("DATA").send("354 go\r\n").expectData().send("250 ok\r\n").expect("NOOP")
                .send("250 ok\r\n");
    }

    private static MailMessage.Builder message() {
        return MailMessage.builder().from("a@example.test").to("b@example.test", "c@example.test")
                .bcc("d@example.test").subject("s").plainText("hello");
    }

    private SendResult send(ScriptedSmtpServer script, MailMessage mail, boolean dsnRequired) throws Exception {
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.transfer().setDsnRequired(dsnRequired);
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendMessage(mail);
            client.noop();
            server.awaitCompletion();
            received = server.received();
            return result;
        }
    }

    private List<String> received;

    @Test
    void notifyPerRecipientOrcptRetAndEnvidAreSentOnMailAndRcpt() throws Exception {
        MailMessage mail = message().dsn(DsnOptions.notifying(DsnNotify.FAILURE, DsnNotify.DELAY)
                .withNotify("C@example.test", DsnNotify.SUCCESS)
                .withNotify("d@example.test", DsnNotify.NEVER)
                .withOriginalRecipient("b@example.test", "old+b=x@example.test")
                .withReturn(DsnReturn.HDRS)
                .withEnvelopeId("order 4711+a=b")).build();
        SendResult result = send(server("250-scripted\r\n250 DSN\r\n", 3), mail, false);

        assertThat(received).containsSubsequence(
                "MAIL FROM:<a@example.test> RET=HDRS ENVID=order+204711+2Ba+3Db",
                "RCPT TO:<b@example.test> NOTIFY=FAILURE,DELAY ORCPT=rfc822;old+2Bb+3Dx@example.test",
                "RCPT TO:<c@example.test> NOTIFY=SUCCESS",
                "RCPT TO:<d@example.test> NOTIFY=NEVER");
        assertThat(result.downgrades()).isEmpty();
        assertThat(events.notified(NotificationEvent.Kind.DSN_NOT_AVAILABLE)).isFalse();
    }

    @Test
    void aMessageDraftSendsTheSameParameters() throws Exception {
        MessageDraft draft = new MessageDraft();
        draft.setFrom("a@example.test");
        draft.setSendTo("b@example.test");
        draft.setSubject("s");
        draft.setPlainText("hello");
        draft.setDsn(DsnOptions.notifying(DsnNotify.SUCCESS).withEnvelopeId("draft-1"));
        assertThat(draft.getDsn().envelopeId()).contains("draft-1");
        try (ScriptedSmtpServer server = server("250-scripted\r\n250 DSN\r\n", 1).start();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.getMessage().setFrom(draft.getFrom());
            client.getMessage().setSendTo(draft.getSendTo());
            client.getMessage().setSubject("s");
            client.getMessage().setPlainText("hello");
            client.getMessage().setDsn(draft.getDsn());
            client.connect("127.0.0.1", server.port());
            client.sendMessage();
            client.noop();
            server.awaitCompletion();
            assertThat(server.received()).containsSubsequence("MAIL FROM:<a@example.test> ENVID=draft-1",
                    "RCPT TO:<b@example.test> NOTIFY=SUCCESS");
        }
    }

    /** The reference's MsgDeliveryReceipt is NOTIFY=SUCCESS,FAILURE,DELAY through the same writer. */
    @Test
    void aDeliveryReceiptIsNotifySuccessFailureDelayForRecipientsWithoutTheirOwn() throws Exception {
        MailMessage mail = message().deliveryReceipt(true)
                .dsn(DsnOptions.none().withNotify("c@example.test", DsnNotify.NEVER)).build();
        send(server("250-scripted\r\n250 DSN\r\n", 3), mail, false);
        assertThat(received).containsSubsequence("MAIL FROM:<a@example.test>",
                "RCPT TO:<b@example.test> NOTIFY=SUCCESS,FAILURE,DELAY",
                "RCPT TO:<c@example.test> NOTIFY=NEVER",
                "RCPT TO:<d@example.test> NOTIFY=SUCCESS,FAILURE,DELAY");
    }

    @Test
    void withoutDsnTheParametersAreLeftOutAndTheResultSaysSo() throws Exception {
        MailMessage mail = message().dsn(DsnOptions.notifying(DsnNotify.FAILURE).withEnvelopeId("x")).build();
        SendResult result = send(server("250-scripted\r\n250 PIPELINING\r\n", 3), mail, false);
        assertThat(received).contains("MAIL FROM:<a@example.test>", "RCPT TO:<b@example.test>",
                "RCPT TO:<c@example.test>", "RCPT TO:<d@example.test>");
        assertThat(result.isDowngraded(SendResult.Downgrade.DSN)).isTrue();
        assertThat(result.downgrades()).containsExactly(SendResult.Downgrade.DSN);
        assertThat(events.notified(NotificationEvent.Kind.DSN_NOT_AVAILABLE)).isTrue();
    }

    @Test
    void requiredDsnIsRefusedBeforeMailNamingTheSetting() throws Exception {
        MailMessage mail = message().dsn(DsnOptions.notifying(DsnNotify.FAILURE)).build();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(GREETING).expect("EHLO ")
                .send("250 scripted\r\n").expect("NOOP").send("250 ok\r\n").start();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.transfer().setDsnRequired(true);
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendMessage(mail)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED);
                assertThat(e.getMessage()).contains("does not offer DSN").contains("nothing was sent")
                        .contains("client.transfer().setDsnRequired(false)");
            });
            client.noop();
            server.awaitCompletion();
            assertThat(server.received()).noneMatch(line -> line.startsWith("MAIL"));
        }
    }

    @Test
    void aDeliveryReceiptAloneIsNeverRequired() throws Exception {
        SendResult result = send(server("250 scripted\r\n", 3), message().deliveryReceipt(true).build(), true);
        assertThat(received).contains("MAIL FROM:<a@example.test>", "RCPT TO:<b@example.test>");
        assertThat(result.isDowngraded(SendResult.Downgrade.DSN)).isTrue();
        assertThat(events.notified(NotificationEvent.Kind.DSN_NOT_AVAILABLE)).isTrue();
    }

    @Test
    void anEnvelopeCanRequireDsnWhateverTheClientSays() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test")
                .recipient(new Envelope.Recipient("b@example.test", java.util.Set.of(DsnNotify.FAILURE), null))
                .dsnRequired(true).build();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(GREETING).expect("EHLO ")
                .send("250 scripted\r\n").expect("NOOP").send("250 ok\r\n").start();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(envelope, "Subject: x\r\n\r\nhi\r\n"
                    .getBytes(StandardCharsets.US_ASCII))).isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED));
            client.noop();
            server.awaitCompletion();
        }
    }

    @Test
    void aUtf8OriginalRecipientIsRawUtf8UnderSmtpUtf8AndEscapedWithout() throws Exception {
        MailMessage utf8 = MailMessage.builder().from("a@example.test").to("jörg@example.test").subject("s")
                .plainText("hello").dsn(DsnOptions.none().withOriginalRecipient("jörg@example.test",
                        "jörg+1@example.test")).build();
        send(server("250-scripted\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 DSN\r\n", 1), utf8, false);
        assertThat(received).contains("RCPT TO:<jörg@example.test> ORCPT=utf-8;jörg\\x{2B}1@example.test");

        MailMessage ascii = message().dsn(DsnOptions.none().withOriginalRecipient("b@example.test",
                "jörg@example.test")).build();
        send(server("250-scripted\r\n250 DSN\r\n", 3), ascii, false);
        assertThat(received).contains("RCPT TO:<b@example.test> ORCPT=utf-8;j\\x{F6}rg@example.test");
    }

    @Test
    void optionsNamingARecipientTheMessageLacksAreRefused() throws Exception {
        MailMessage mail = message().dsn(DsnOptions.none().withNotify("zed@example.test", DsnNotify.SUCCESS)).build();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(GREETING).expect("EHLO ")
                .send("250-scripted\r\n250 DSN\r\n").expect("NOOP").send("250 ok\r\n").start();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendMessage(mail)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                assertThat(e.getMessage()).contains("zed@example.test");
            });
            client.noop();
            server.awaitCompletion();
        }
    }

    @Test
    void badValuesAreRefusedWhenSet() {
        assertThatThrownBy(() -> DsnOptions.notifying(DsnNotify.NEVER, DsnNotify.SUCCESS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NEVER");
        assertThatThrownBy(() -> DsnOptions.notifying()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DsnOptions.none().withEnvelopeId("x".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENVID");
        assertThatThrownBy(() -> DsnOptions.none().withEnvelopeId("line\r\nbreak"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENVID");
        assertThatThrownBy(() -> DsnOptions.none().withOriginalRecipient("b@example.test", "x@example.test> NOTIFY"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ORCPT");
    }
}
