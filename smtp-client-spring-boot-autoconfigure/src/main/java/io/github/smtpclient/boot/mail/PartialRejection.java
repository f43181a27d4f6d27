package io.github.smtpclient.boot.mail;

/**
 * What Spring's {@code MailSender} and {@code JavaMailSender} do when the server accepts a message for some
 * recipients and refuses others. The message has then been delivered to the accepted ones either way.
 */
public enum PartialRejection {

    /**
     * Throw a {@link SmtpMailSendException} naming the refused recipients and carrying the {@code SendResult}. The
     * default: code written for {@code spring-boot-starter-mail} takes a send that returns as delivered to everyone
     * (Jakarta Mail refuses the whole message when one recipient is refused), so a refused recipient must not pass
     * silently.
     */
    FAIL,

    /** Return normally and log a warning naming the refused recipients. */
    WARN
}
