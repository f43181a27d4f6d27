package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/** MAIL FROM and RCPT TO parameters follow what the server offers, checked on the wire. */
class EnvelopeParametersTests {

    private static final String GREETING = "220 scripted ESMTP\r\n";
    private static final byte[] MESSAGE = "From: a@example.test\r\nTo: b@example.test\r\n\r\nhello\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EIGHT_BIT_MESSAGE = "From: a@example.test\r\nTo: b@example.test\r\n\r\nGr\u00fc\u00dfe\r\n"
            .getBytes(StandardCharsets.UTF_8);

    private final RecordingListener events = new RecordingListener();

    private SmtpClient client() {
        return ScriptedClients.plainClient(events);
    }

    @Test
    void sizeBodyAndDsnParametersAreSentWhenTheServerOffersThem() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test")
                .recipient(new Envelope.Recipient("b@example.test", EnumSet.of(Envelope.DsnNotify.FAILURE,
                        Envelope.DsnNotify.DELAY), "b+orig=1@example.test"))
                .dsnReturn(Envelope.DsnReturn.HDRS).envelopeId("id 42+x").build();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250-scripted\r\n250-SIZE 1000\r\n250-8BITMIME\r\n250 DSN\r\n")
                .expect("MAIL FROM:<a@example.test> SIZE=" + EIGHT_BIT_MESSAGE.length
                        + " BODY=8BITMIME RET=HDRS ENVID=id+2042+2Bx")
                .send("250 ok\r\n")
                .expect("RCPT TO:<b@example.test> NOTIFY=FAILURE,DELAY ORCPT=rfc822;b+2Borig+3D1@example.test")
                .send("250 ok\r\n")
                .expect("DATA").send("354 go\r\n").expectData().send("250 ok\r\n")
                .start(); SmtpClient client = client()) {
            client.connect("127.0.0.1", server.port());
            client.sendBytes(envelope, EIGHT_BIT_MESSAGE);
            server.awaitCompletion();
        }
    }

    @Test
    void dsnIsLeftOutWithANotificationWhenTheServerLacksIt() throws Exception {
        Envelope envelope = Envelope.builder().sender("a@example.test")
                .recipient(new Envelope.Recipient("b@example.test", EnumSet.of(Envelope.DsnNotify.SUCCESS), null))
                .build();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250 scripted\r\n")
                .expect("MAIL FROM:<a@example.test>$").send("250 ok\r\n")
                .expect("RCPT TO:<b@example.test>$").send("250 ok\r\n")
                .expect("DATA").send("354 go\r\n").expectData().send("250 ok\r\n")
                .start(); SmtpClient client = client()) {
            client.connect("127.0.0.1", server.port());
            client.sendBytes(envelope, MESSAGE);
            server.awaitCompletion();
        }
        assertThat(events.notified(NotificationEvent.Kind.DSN_NOT_AVAILABLE)).isTrue();
    }

    @Test
    void aMessageOverTheServersSizeLimitIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250-scripted\r\n250 SIZE 10\r\n")
                .expect("NOOP").send("250 ok\r\n")
                .start(); SmtpClient client = client()) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(MESSAGE))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.MESSAGE_TOO_LARGE);
                        assertThat(e.getMessage()).contains("at most 10 bytes");
                    });
            client.noop();
            server.awaitCompletion();
        }
    }

    @Test
    void internationalisedAddressesNeedSmtpUtf8() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250-scripted\r\n250 SMTPUTF8\r\n")
                .expect("MAIL FROM:<a@example.test> SMTPUTF8").send("250 ok\r\n")
                .expect("RCPT TO:<j\u00fcrgen@b\u00fccher.example>").send("250 ok\r\n")
                .expect("DATA").send("354 go\r\n").expectData().send("250 ok\r\n")
                .start(); SmtpClient client = client()) {
            client.connect("127.0.0.1", server.port());
            client.sendBytes(Envelope.of("a@example.test", "j\u00fcrgen@b\u00fccher.example"), MESSAGE);
            server.awaitCompletion();
        }
    }

    @Test
    void internationalisedAddressesAreRefusedWhenTheServerLacksSmtpUtf8() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250 scripted\r\n")
                .start(); SmtpClient client = client()) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(Envelope.of("a@example.test", "j\u00fcrgen@example.test"), MESSAGE))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED));
        }
    }

    @Test
    void forceLoginAuthenticatesWhenTheServerAdvertisesNoAuth() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250 scripted\r\n")
                .expect("AUTH PLAIN AHVzZXIAcGFzc3dvcmQ=").send("235 ok\r\n")
                .start(); SmtpClient client = client()) {
            client.auth().setUsername("user");
            client.auth().setPassword("password");
            client.auth().setForceLogin(true);
            client.auth().setMechanisms(java.util.List.of(io.github.smtpclient.auth.AuthMechanism.PLAIN));
            client.connect("127.0.0.1", server.port());
            server.awaitCompletion();
        }
    }

    @Test
    void withoutForceLoginAMissingAuthExtensionIsAClearError() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250 scripted\r\n")
                .start(); SmtpClient client = client()) {
            client.auth().setUsername("user");
            client.auth().setPassword("password");
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_NOT_SUPPORTED);
                        assertThat(e.getMessage()).contains("ForceLogin");
                    });
        }
    }
}
