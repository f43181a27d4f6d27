package io.github.smtpclient.testing;

import java.time.Duration;
import java.util.List;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.TlsMode;

/**
 * How a scripted session is carried, for tests that must hold over plaintext and after TLS: in the clear; upgraded
 * with STARTTLS after a first EHLO; or in TLS from the first byte. {@link #open} scripts the opening up to the EHLO
 * whose reply the test writes itself, and {@link #client} makes a client that fits.
 */
public enum ScriptedChannel {

    /** Greeting and EHLO in the clear; the client uses no TLS. */
    PLAINTEXT,
    /** Greeting and EHLO in the clear, then STARTTLS and a second EHLO under TLS; the client requires STARTTLS. */
    STARTTLS,
    /** TLS from the first byte, greeting included; the client uses implicit TLS. */
    IMPLICIT_TLS;

    /** The greeting every scripted session starts with. */
    public static final String GREETING = "220 scripted ESMTP\r\n";

    /** Made on first use only: generating the keys takes a while, and a plaintext test should not wait for it. */
    private static final class Certificates {
        static final TestCertificates LOCALHOST = TestCertificates.forLocalhost();
    }

    /** A multi-line EHLO reply announcing {@code extensions} (none: a one-line reply). */
    public static String ehloReply(String... extensions) {
        if (extensions.length == 0) {
            return "250 scripted\r\n";
        }
        StringBuilder reply = new StringBuilder("250-scripted\r\n");
        for (int i = 0; i < extensions.length; i++) {
            reply.append(i == extensions.length - 1 ? "250 " : "250-").append(extensions[i]).append("\r\n");
        }
        return reply.toString();
    }

    /** Adds the TLS handshake that comes before the greeting, if this channel has one. */
    public ScriptedSmtpServer beforeGreeting(ScriptedSmtpServer script) {
        return this == IMPLICIT_TLS ? script.startTls(Certificates.LOCALHOST.serverContext()) : script;
    }

    /**
     * Adds greeting, EHLO and (for STARTTLS) the upgrade, up to and including reading the last EHLO; the test sends
     * its reply.
     */
    public ScriptedSmtpServer openUntilEhlo(ScriptedSmtpServer script) {
        beforeGreeting(script).send(GREETING).expect("EHLO ");
        if (this == STARTTLS) {
            script.send(ehloReply("STARTTLS")).expect("STARTTLS").send("220 2.0.0 go ahead\r\n")
                    .startTls(Certificates.LOCALHOST.serverContext()).expect("EHLO ");
        }
        return script;
    }

    /** The whole opening: {@link #openUntilEhlo} and an EHLO reply announcing {@code extensions}. */
    public ScriptedSmtpServer open(ScriptedSmtpServer script, String... extensions) {
        return openUntilEhlo(script).send(ehloReply(extensions));
    }

    /** A client for this channel: a fixed EHLO name, a 3-second timeout, the test CA trusted under TLS. */
    public SmtpClient client(SmtpListener listener) {
        SmtpClient client = ScriptedClients.plainClient(listener);
        client.socket().setTimeout(Duration.ofSeconds(3));
        if (this != PLAINTEXT) {
            client.tls().setMode(this == STARTTLS ? TlsMode.EXPLICIT : TlsMode.IMPLICIT);
            client.tls().setTrustedCertificates(List.of(Certificates.LOCALHOST.caCertificate()));
        }
        return client;
    }
}
