package io.github.smtpclient.pool;

import io.github.smtpclient.SmtpClient;

/** One open connection the pool owns, lent or idle, with what the pool needs to know about it. */
final class PoolEntry {

    final SmtpClient client;
    /** Guarded by the pool's lock while idle; written by the lease holder while lent. */
    int messages;
    long idleSinceNanos;

    PoolEntry(SmtpClient client, long nowNanos) {
        this.client = client;
        this.idleSinceNanos = nowNanos;
    }

    /** Says QUIT (when the session is still usable) and closes the socket. */
    void destroy() {
        client.disconnect();
    }
}
