package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.Priority;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * AUTH= (RFC 4954 section 5), MT-PRIORITY (RFC 6710) and further MAIL/RCPT parameters, checked on the wire; no
 * parameter can carry a line break, a space or a second parameter into a command.
 */
class EnvelopeExtensionParametersTests {

    private static final String GREETING = "220 scripted ESMTP\r\n";
    private static final byte[] MESSAGE = "From: a@example.test\r\nTo: b@example.test\r\n\r\nhello\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final RecordingListener events = new RecordingListener();

    private static ScriptedSmtpServer transaction(ScriptedSmtpServer server, String mail, String rcpt) {
        return server.expect(mail).send("250 ok\r\n").expect(rcpt).send("250 ok\r\n")
                .expect("DATA").send("354 go\r\n").expectData().send("250 ok\r\n");
    }

    private List<String> sendAuthenticated(String ehlo, Envelope envelope) throws Exception {
        try (ScriptedSmtpServer server = transaction(new ScriptedSmtpServer().send(GREETING).expect("EHLO ").send(ehlo)
                .expect("AUTH PLAIN ").send("235 ok\r\n"), "MAIL FROM:", "RCPT TO:").start();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.auth().setUsername("user");
            client.auth().setPassword("password");
            client.auth().setMechanisms(List.of(AuthMechanism.PLAIN));
            client.connect("127.0.0.1", server.port());
            client.sendBytes(envelope, MESSAGE);
            server.awaitCompletion();
            return server.received();
        }
    }

    private List<String> sendPlain(String ehlo, Envelope envelope) throws Exception {
        try (ScriptedSmtpServer server = transaction(new ScriptedSmtpServer().send(GREETING).expect("EHLO ").send(ehlo),
                "MAIL FROM:", "RCPT TO:").start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            client.sendBytes(envelope, MESSAGE);
            server.awaitCompletion();
            return server.received();
        }
    }

    @Test
    void authIdentityIsXtextEncodedOnMailFromInAnAuthenticatedSession() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test").recipient("b@example.test")
                .authorizedIdentity("e=mc2+x@example.test").build();
        List<String> received = sendAuthenticated("250-scripted\r\n250 AUTH PLAIN\r\n", envelope);
        assertThat(received).contains("MAIL FROM:<a@example.test> AUTH=e+3Dmc2+2Bx@example.test");
    }

    @Test
    void anEmptyAuthIdentityIsSentAsTheUnknownSubmitter() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test").recipient("b@example.test")
                .authorizedIdentity("").build();
        assertThat(sendAuthenticated("250-scripted\r\n250 AUTH PLAIN\r\n", envelope))
                .contains("MAIL FROM:<a@example.test> AUTH=<>");
    }

    @Test
    void authIdentityIsLeftOutWhenTheSessionDidNotAuthenticate() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test").recipient("b@example.test")
                .authorizedIdentity("a@example.test").build();
        assertThat(sendPlain("250-scripted\r\n250 AUTH PLAIN\r\n", envelope)).contains("MAIL FROM:<a@example.test>");
    }

    @Test
    void authIdentityIsLeftOutWhenTheServerDoesNotOfferAuth() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test").recipient("b@example.test")
                .authorizedIdentity("a@example.test").build();
        try (ScriptedSmtpServer server = transaction(new ScriptedSmtpServer().send(GREETING).expect("EHLO ")
                .send("250 scripted\r\n").expect("AUTH PLAIN ").send("235 ok\r\n"), "MAIL FROM:", "RCPT TO:").start();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.auth().setUsername("user");
            client.auth().setPassword("password");
            client.auth().setForceLogin(true);
            client.auth().setMechanisms(List.of(AuthMechanism.PLAIN));
            client.connect("127.0.0.1", server.port());
            client.sendBytes(envelope, MESSAGE);
            server.awaitCompletion();
            assertThat(server.received()).contains("MAIL FROM:<a@example.test>");
        }
    }

    @Test
    void anAuthIdentityThatIsNotAnAddressIsRefusedBeforeMail() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test").recipient("b@example.test")
                .authorizedIdentity("a@example.test> NOTIFY=NEVER").build();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(GREETING).expect("EHLO ")
                .send("250-scripted\r\n250 AUTH PLAIN\r\n").expect("AUTH PLAIN ").send("235 ok\r\n")
                .expect("NOOP").send("250 ok\r\n").start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.auth().setUsername("user");
            client.auth().setPassword("password");
            client.auth().setMechanisms(List.of(AuthMechanism.PLAIN));
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(envelope, MESSAGE)).isInstanceOfSatisfying(SmtpException.class,
                    e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("AUTH= identity");
                    });
            client.noop();
            server.awaitCompletion();
        }
    }

    @Test
    void mtPriorityIsSentWhenTheServerAdvertisesIt() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test").recipient("b@example.test").mtPriority(-3)
                .build();
        assertThat(sendPlain("250-scripted\r\n250 MT-PRIORITY MIXER\r\n", envelope))
                .contains("MAIL FROM:<a@example.test> MT-PRIORITY=-3");
        assertThat(events.notified(NotificationEvent.Kind.MT_PRIORITY_NOT_AVAILABLE)).isFalse();
    }

    @Test
    void mtPriorityIsLeftOutWithANotificationWhenTheServerLacksIt() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test").recipient("b@example.test").mtPriority(9)
                .build();
        assertThat(sendPlain("250 scripted\r\n", envelope)).contains("MAIL FROM:<a@example.test>");
        assertThat(events.notified(NotificationEvent.Kind.MT_PRIORITY_NOT_AVAILABLE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {-10, 10, Integer.MIN_VALUE})
    void mtPriorityOutsideMinusNineToNineIsRefused(int priority) {
        assertThatThrownBy(() -> Envelope.builder().mtPriority(priority))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MT-PRIORITY");
    }

    @Test
    void serverInfoReadsMtPriority() {
        assertThat(ServerInfo.fromEhlo(new Reply(250, List.of("scripted", "MT-PRIORITY STANAG4406")))
                .isMtPrioritySupported()).isTrue();
        assertThat(ServerInfo.fromEhlo(new Reply(250, List.of("scripted", "DSN"))).isMtPrioritySupported()).isFalse();
    }

    @Test
    void furtherParametersFollowTheClientsOwnOnMailAndRcpt() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test")
                .recipient(Envelope.Recipient.of("b@example.test")
                        .withParameter(EsmtpParameter.of("RRVS", "2014-04-03T23:01:00Z"))
                        .withParameter(EsmtpParameter.of("X-FLAG")))
                .mailParameter(EsmtpParameter.of("HOLDFOR", "600")).mtPriority(4).build();
        List<String> received = sendPlain("250-scripted\r\n250-SIZE\r\n250 MT-PRIORITY\r\n", envelope);
        assertThat(received).containsSubsequence(
                "MAIL FROM:<a@example.test> SIZE=" + MESSAGE.length + " MT-PRIORITY=4 HOLDFOR=600",
                "RCPT TO:<b@example.test> RRVS=2014-04-03T23:01:00Z X-FLAG");
    }

    @Test
    void toBuilderKeepsTheNewOptions() {
        Envelope envelope = Envelope.builder().sender("a@example.test").recipient("b@example.test")
                .authorizedIdentity("").mtPriority(2).mailParameter(EsmtpParameter.of("HOLDFOR", "1")).build();
        Envelope copy = envelope.toBuilder().build();
        assertThat(copy.authorizedIdentity()).contains("");
        assertThat(copy.mtPriority()).hasValue(2);
        assertThat(copy.mailParameters()).isEqualTo(envelope.mailParameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOLD\r\nRSET", "HOLD FOR", "HOLD=FOR", "-HOLD", "HÖLD", "", "HOLD\u0000", "HOLD\n"})
    void aKeywordOutsideTheGrammarIsRefused(String keyword) {
        assertThatThrownBy(() -> EsmtpParameter.of(keyword, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ESMTP parameter keyword");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1\r\nRCPT TO:<evil@example.test>", "1 NOTIFY=NEVER", "a=b", "", "tab\there", "\u00e9",
        "x\u007f", "bare\rcr"})
    void aValueOutsideTheGrammarIsRefused(String value) {
        assertThatThrownBy(() -> EsmtpParameter.of("HOLDFOR", value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ESMTP parameter value of HOLDFOR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIZE", "body", "SmtpUtf8", "RET", "ENVID", "NOTIFY", "ORCPT", "AUTH", "mt-priority",
        "REQUIRETLS"})
    void keywordsTheClientSetsItselfAreRefused(String keyword) {
        assertThatThrownBy(() -> EsmtpParameter.of(keyword, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the client itself");
    }

    @Test
    void aKeywordGivenTwiceIsRefused() {
        assertThatThrownBy(() -> Envelope.builder().sender("a@example.test").recipient("b@example.test")
                .mailParameter(EsmtpParameter.of("HOLDFOR", "1")).mailParameter(EsmtpParameter.of("holdfor", "2"))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice for MAIL FROM");
        assertThatThrownBy(() -> Envelope.Recipient.of("b@example.test").withParameter(EsmtpParameter.of("X-A"))
                .withParameter(EsmtpParameter.of("x-a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("given twice for RCPT TO:<b@example.test>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HIGHEST:4", "HIGH:4", "NORMAL:0", "LOW:-4", "LOWEST:-4"})
    void aComposedMessagesPriorityMapsToMtPriorityWhenAsked(String mapping) throws Exception {
        Priority priority = Priority.valueOf(mapping.substring(0, mapping.indexOf(':')));
        assertThat(sendComposed(priority, true)).contains("MAIL FROM:<a@example.test> MT-PRIORITY="
                + mapping.substring(mapping.indexOf(':') + 1));
    }

    @Test
    void aComposedMessagesPriorityLeavesMtPriorityAloneByDefault() throws Exception {
        assertThat(sendComposed(Priority.HIGHEST, false)).contains("MAIL FROM:<a@example.test>");
    }

    private List<String> sendComposed(Priority priority, boolean map) throws Exception {
        MailMessage mail = MailMessage.builder().from("a@example.test").to("b@example.test").subject("s")
                .priority(priority).plainText("hello").build();
        try (ScriptedSmtpServer server = transaction(new ScriptedSmtpServer().send(GREETING).expect("EHLO ")
                .send("250-scripted\r\n250 MT-PRIORITY\r\n"), "MAIL FROM:", "RCPT TO:").start();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.transfer().setMtPriorityFromMessage(map);
            client.connect("127.0.0.1", server.port());
            client.sendMessage(mail);
            server.awaitCompletion();
            return server.received();
        }
    }
}
