/**
 * Everything a client reports: {@link io.github.smtpclient.event.SmtpListener} with one method per event of the
 * reference component plus a start/end pair per message, and the immutable (or, where a listener decides something,
 * small mutable) event types it receives. Secrets are masked before an event exists.
 */
package io.github.smtpclient.event;
