/**
 * The SMTP engine: the session from greeting to QUIT ({@link io.github.smtpclient.protocol.SmtpSession}), the
 * pipelined transactions, DATA and BDAT transfer, and the codec (one gate for commands, one for replies, one for
 * message data). It talks to a {@link io.github.smtpclient.protocol.Wire} and never opens sockets, builds TLS or
 * composes MIME. Its few public types are public so that {@link io.github.smtpclient.SmtpClient} can wire it up;
 * applications use {@code SmtpClient} or {@code SmtpMailSender} instead.
 */
package io.github.smtpclient.protocol;
