package io.github.smtpclient.pool;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.auth.Credentials;

/** Opens a new connection for a pool: a configured {@link SmtpClient}, already connected to the pool's server. */
@FunctionalInterface
public interface ConnectionFactory {

    /**
     * Creates, configures and connects a client, authenticating as the factory's configuration says.
     *
     * @return a connected client
     * @throws SmtpException when the connection cannot be made (the pool passes it on to the borrower)
     */
    SmtpClient open() throws SmtpException;

    /**
     * Creates, configures and connects a client that authenticates as {@code credentials}, for
     * {@link SmtpConnectionPool#borrow(Credentials)}. The default refuses: a factory written as a lambda knows one
     * identity only.
     *
     * @param credentials the account to authenticate as
     * @return a connected client, authenticated as {@code credentials}
     * @throws SmtpException when the connection cannot be made; INVALID_ARGUMENT when this factory cannot
     *                       authenticate as given credentials
     */
    default SmtpClient open(Credentials credentials) throws SmtpException {
        throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "This connection factory opens"
                + " connections with its own authentication only; it cannot authenticate as " + credentials);
    }
}
