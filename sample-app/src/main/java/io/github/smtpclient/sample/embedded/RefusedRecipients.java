package io.github.smtpclient.sample.embedded;

import java.util.Locale;

import org.subethamail.smtp.RejectException;

/**
 * Recipients the embedded server refuses, so that a refusal can be tried on the page: every address at
 * {@value #REFUSED_DOMAIN} is refused for good (550), every address at {@value #DEFERRED_DOMAIN} for now (451), as a
 * greylisting server would. Through the outbox, the first goes to DEAD and the second waits for its next attempt.
 */
public final class RefusedRecipients {

    /** Addresses at this domain get 550 5.1.1. */
    public static final String REFUSED_DOMAIN = "refused.example.test";

    /** Addresses at this domain get 451 4.7.1. */
    public static final String DEFERRED_DOMAIN = "deferred.example.test";

    private RefusedRecipients() {
    }

    /** Refuses {@code recipient} when its domain says so. */
    static void check(String recipient) throws RejectException {
        String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (domain.equals(REFUSED_DOMAIN)) {
            throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here");
        }
        if (domain.equals(DEFERRED_DOMAIN)) {
            throw new RejectException(451, "4.7.1 <" + recipient + ">: greylisted, try again later");
        }
    }
}
