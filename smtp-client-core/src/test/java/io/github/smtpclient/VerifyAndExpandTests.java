package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.ScriptedSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/** VRFY and EXPN return the server's answer as data, checked on the wire and against GreenMail and SubEthaSMTP. */
class VerifyAndExpandTests {

    private static final String GREETING = "220 scripted ESMTP\r\n";
    private static final byte[] MESSAGE = "From: a@example.test\r\nTo: b@example.test\r\n\r\nhello\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final RecordingListener events = new RecordingListener();

    private ScriptedSmtpServer session(String command, String reply) {
        return new ScriptedSmtpServer().send(GREETING).expect("EHLO ").send("250-scripted\r\n250 SMTPUTF8\r\n")
                .expect(command + "$").send(reply).expect("NOOP").send("250 ok\r\n");
    }

    private VerifyResult ask(ScriptedSmtpServer script, boolean expand, String argument) throws Exception {
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            VerifyResult result = expand ? client.expand(argument) : client.verify(argument);
            client.noop();
            server.awaitCompletion();
            return result;
        }
    }

    @Test
    void aVerifiedMailboxIsParsedWithItsName() throws Exception {
        VerifyResult result = ask(session("VRFY Smith", "250 2.1.5 Fred Smith <smith@example.test>\r\n"), false,
                "Smith");
        assertThat(result.status()).isEqualTo(VerifyResult.Status.VERIFIED);
        assertThat(result.isVerified()).isTrue();
        assertThat(result.code()).isEqualTo(250);
        assertThat(result.mailboxes()).containsExactly(
                new VerifyResult.Mailbox(Optional.of("Fred Smith"), "smith@example.test"));
    }

    @Test
    void expnListsEveryMember() throws Exception {
        VerifyResult result = ask(session("EXPN staff", "250-Jon Postel <postel@example.test>\r\n"
                + "250-<sam@example.test>\r\n250 carol@example.test\r\n"), true, "staff");
        assertThat(result.mailboxes()).containsExactly(
                new VerifyResult.Mailbox(Optional.of("Jon Postel"), "postel@example.test"),
                new VerifyResult.Mailbox(Optional.empty(), "sam@example.test"),
                new VerifyResult.Mailbox(Optional.empty(), "carol@example.test"));
    }

    @Test
    void refusalsAreDataAndLeaveTheConnectionUsable() throws Exception {
        assertThat(ask(session("VRFY x", "252 2.1.5 Cannot VRFY user\r\n"), false, "x").status())
                .isEqualTo(VerifyResult.Status.CANNOT_VERIFY);
        assertThat(ask(session("VRFY x", "550 5.1.1 unknown\r\n"), false, "x").status())
                .isEqualTo(VerifyResult.Status.NOT_FOUND);
        assertThat(ask(session("EXPN x", "502 5.5.1 disabled\r\n"), true, "x").status())
                .isEqualTo(VerifyResult.Status.NOT_SUPPORTED);
        assertThat(ask(session("VRFY x", "553 ambiguous\r\n"), false, "x").status())
                .isEqualTo(VerifyResult.Status.AMBIGUOUS);
        VerifyResult notLocal = ask(session("VRFY x", "551 User not local; please try <x@elsewhere.test>\r\n"), false,
                "x");
        assertThat(notLocal.status()).isEqualTo(VerifyResult.Status.NOT_LOCAL);
        assertThat(notLocal.isVerified()).isFalse();
        assertThat(notLocal.mailboxes()).extracting(VerifyResult.Mailbox::address).containsExactly("x@elsewhere.test");
        assertThat(ask(session("VRFY x", "450 try later\r\n"), false, "x").status())
                .isEqualTo(VerifyResult.Status.TEMPORARY_FAILURE);
    }

    @Test
    void aHostileMailboxLineYieldsNoMailbox() throws Exception {
        VerifyResult result = ask(session("VRFY x", "250-<bad\u0007@example.test>\r\n250 <a b@example.test>\r\n"), false,
                "x");
        assertThat(result.mailboxes()).isEmpty();
        assertThat(result.reply().lines()).hasSize(2);
    }

    @Test
    void aUtf8ArgumentAsksForSmtpUtf8() throws Exception {
        assertThat(ask(session("VRFY j\u00fcrgen SMTPUTF8", "252 cannot\r\n"), false, "j\u00fcrgen").status())
                .isEqualTo(VerifyResult.Status.CANNOT_VERIFY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\r\nRCPT TO:<evil@example.test>", "x\nQUIT", "x\rDATA", "x\u0000", "tab\there", "",
        "   ", "x\u007f", "x\u0085"})
    void anArgumentWithAControlCharacterIsRefusedBeforeAnythingIsSent(String argument) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(GREETING).expect("EHLO ")
                .send("250 scripted\r\n").expect("NOOP").send("250 ok\r\n").start();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.verify(argument)).isInstanceOfSatisfying(SmtpException.class,
                    e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("verify argument");
                    });
            assertThatThrownBy(() -> client.expand(argument)).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.getMessage()).contains("expand argument"));
            client.noop();
            server.awaitCompletion();
        }
    }

    @Test
    void greenMailCannotVerifyButTheSessionGoesOn() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try (SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", greenMail.getSmtp().getPort());
            VerifyResult result = client.verify("b@example.test");
            assertThat(result.status()).isEqualTo(VerifyResult.Status.CANNOT_VERIFY);
            assertThat(result.mailboxes()).isEmpty();
            client.sendBytes(MESSAGE);
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void subEthaSmtpHasVrfyAndExpnDisabled() throws Exception {
        try (InProcessSmtpServer server = InProcessSmtpServer.startPlain(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            assertThat(client.verify("b@example.test").status()).isEqualTo(VerifyResult.Status.NOT_SUPPORTED);
            assertThat(client.expand("staff").status()).isEqualTo(VerifyResult.Status.NOT_SUPPORTED);
            client.sendBytes(MESSAGE);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void notConnectedIsATypedError() {
        try (SmtpClient client = plainClient()) {
            assertThatThrownBy(() -> client.verify("x")).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED));
        }
    }

    private SmtpClient plainClient() {
        SmtpClient client = new SmtpClient();
        client.tls().setMode(TlsMode.NONE);
        client.setListener(events);
        return client;
    }
}
