package io.github.smtpclient.testing;

import java.time.Duration;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.TlsMode;

/** Clients for talking to a {@link ScriptedSmtpServer}: plaintext, a fixed EHLO name, a short timeout. */
public final class ScriptedClients {

    private ScriptedClients() {
    }

    public static SmtpClient plainClient(SmtpListener listener) {
        SmtpClient client = new SmtpClient();
        client.setDomain("client.example.test");
        client.tls().setMode(TlsMode.NONE);
        client.socket().setTimeout(Duration.ofSeconds(3));
        client.setListener(listener);
        return client;
    }
}
