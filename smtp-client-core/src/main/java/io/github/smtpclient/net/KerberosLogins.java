package io.github.smtpclient.net;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;

/**
 * The last Subject a principal logged in as, shared by the copies of one {@link KerberosSettings} (each connection
 * works on a copy), so that a pool of connections asks the KDC for a ticket-granting ticket once, not once per
 * connection. Reused while its ticket-granting ticket is valid for another {@value #MARGIN_MINUTES} minutes and the
 * principal, keytab and password are those it was logged in with. Thread-safe.
 */
final class KerberosLogins {

    private static final long MARGIN_MINUTES = 5;

    private String principal;
    private Path keytab;
    private String password;
    private Subject subject;

    /** The Subject logged in with these credentials and still valid at {@code now}, or {@code null}. */
    synchronized Subject find(String principal, Path keytab, String password, Instant now) {
        if (subject == null || !Objects.equals(this.principal, principal) || !Objects.equals(this.keytab, keytab)
                || !Objects.equals(this.password, password)) {
            return null;
        }
        Instant needed = now.plus(Duration.ofMinutes(MARGIN_MINUTES));
        boolean valid = subject.getPrivateCredentials(KerberosTicket.class).stream()
                .anyMatch(ticket -> ticket.getServer().getName().startsWith("krbtgt/") && ticket.isCurrent()
                        && ticket.getEndTime().toInstant().isAfter(needed));
        return valid ? subject : null;
    }

    synchronized void remember(String principal, Path keytab, String password, Subject subject) {
        this.principal = principal;
        this.keytab = keytab;
        this.password = password;
        this.subject = subject;
    }
}
