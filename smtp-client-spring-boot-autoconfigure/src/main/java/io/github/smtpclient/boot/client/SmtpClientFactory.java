package io.github.smtpclient.boot.client;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpException;

/**
 * Makes {@link SmtpClient}s configured for one server. Inject it to hold a connection of your own (for example
 * to send a batch with {@link SmtpClient#sendAll}); for ordinary sending inject the pooled sender instead.
 * Thread-safe.
 */
public interface SmtpClientFactory {

    /** The server's host. */
    String host();

    /** The server's port. */
    int port();

    /**
     * Applies every setting (TLS, authentication, socket, transfer, listeners, customizers) to a client that is not
     * connected yet, such as one a pooled sender made.
     */
    void configure(SmtpClient client);

    /** A new client with every setting applied, not yet connected. */
    default SmtpClient createClient() {
        SmtpClient client = new SmtpClient();
        configure(client);
        return client;
    }

    /**
     * A new client, connected to {@link #host()}:{@link #port()} (greeting, EHLO, TLS and authentication done).
     * Close it when finished.
     */
    default SmtpClient connect() throws SmtpException {
        SmtpClient client = createClient();
        try {
            client.connect(host(), port());
            return client;
        } catch (SmtpException | RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
