package io.github.smtpclient.pool;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.auth.Credentials;

/** One open connection the pool owns, lent or idle, with what the pool needs to know about it. */
final class PoolEntry {

    final SmtpClient client;
    /** Whom the connection authenticated as; null for the factory's own configuration. Never lent to anyone else. */
    final Credentials credentials;
    /** Guarded by the pool's lock while idle; written by the lease holder while lent. */
    int messages;
    long idleSinceNanos;

    PoolEntry(SmtpClient client, Credentials credentials, long nowNanos) {
        this.client = client;
        this.credentials = credentials;
        this.idleSinceNanos = nowNanos;
    }

    /** Says QUIT (when the session is still usable) and closes the socket. */
    void destroy() {
        client.disconnect();
    }
}
