/**
 * The outbox's machinery, not API: the JDBC store (enqueue, claim, verdicts, maintenance, operations), the chunked
 * content streams, the delivery workers and the embedded H2 database.
 */
package io.github.smtpclient.outbox.internal;
