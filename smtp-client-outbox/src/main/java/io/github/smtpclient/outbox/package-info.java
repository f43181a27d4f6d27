/**
 * A durable outbox for mail: {@link io.github.smtpclient.outbox.SmtpOutbox} writes each message into a database in
 * the caller's transaction, and its workers deliver it over a pooled {@link io.github.smtpclient.SmtpMailSender}.
 * Everything here is public API; the JDBC store and the workers live in {@code .internal}.
 */
package io.github.smtpclient.outbox;
