package io.github.smtpclient.boot.autoconfigure;

import java.util.function.Consumer;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.boot.client.SmtpClientFactory;

/** A {@link SmtpClientFactory} for the server of the connection details, applying one configurer to each client. */
final class ConfiguredSmtpClientFactory implements SmtpClientFactory {

    private final String host;
    private final int port;
    private final Consumer<SmtpClient> configurer;

    ConfiguredSmtpClientFactory(String host, int port, Consumer<SmtpClient> configurer) {
        this.host = host;
        this.port = port;
        this.configurer = configurer;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void configure(SmtpClient client) {
        configurer.accept(client);
    }

    @Override
    public String toString() {
        return "SmtpClientFactory[" + host + ":" + port + "]";
    }
}
