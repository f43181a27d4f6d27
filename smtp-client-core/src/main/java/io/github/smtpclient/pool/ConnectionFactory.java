package io.github.smtpclient.pool;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpException;

/** Opens a new connection for a pool: a configured {@link SmtpClient}, already connected to the pool's server. */
@FunctionalInterface
public interface ConnectionFactory {

    /**
     * Creates, configures and connects a client.
     *
     * @throws SmtpException when the connection cannot be made (the pool passes it on to the borrower)
     */
    SmtpClient open() throws SmtpException;
}
