package io.github.smtpclient;

/**
 * The server's answer to one RCPT TO.
 *
 * @param address the recipient
 * @param reply   the reply to its RCPT command
 */
public record RecipientResult(String address, Reply reply) {

    /** RFC 5321 4.5.3.1.10: "too many recipients", which old servers answer with 552 instead of 452. */
    private static final int TOO_MANY_RECIPIENTS_OLD_CODE = 552;

    /** Whether the server accepted the recipient (a 2yz reply). */
    public boolean isAccepted() {
        return reply.isPositive();
    }

    /**
     * Whether the refusal is temporary, so the same recipient may be accepted in a later transaction: every 4yz reply,
     * and also 552, which RFC 5321 4.5.3.1.10 tells clients to treat as temporary in answer to RCPT ("too many
     * recipients", 452, was once listed as 552).
     */
    public boolean isTransientFailure() {
        return reply.isTransientFailure() || reply.code() == TOO_MANY_RECIPIENTS_OLD_CODE;
    }

    /** Whether the refusal is permanent: a 5yz reply other than 552 (see {@link #isTransientFailure()}). */
    public boolean isPermanentFailure() {
        return reply.isPermanentFailure() && reply.code() != TOO_MANY_RECIPIENTS_OLD_CODE;
    }
}
