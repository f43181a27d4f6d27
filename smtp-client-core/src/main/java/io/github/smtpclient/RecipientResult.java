package io.github.smtpclient;

/**
 * The server's answer to one RCPT TO.
 *
 * @param address the recipient
 * @param reply   the reply to its RCPT command
 */
public record RecipientResult(String address, Reply reply) {

    /** Whether the server accepted this recipient (a 2xx reply). */
    public boolean isAccepted() {
        return reply.isPositive();
    }
}
