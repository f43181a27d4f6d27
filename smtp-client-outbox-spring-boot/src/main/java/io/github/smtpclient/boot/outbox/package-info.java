/**
 * Spring Boot auto-configuration of the durable outbox ({@code smtp.client.outbox.*}): the {@code SmtpOutbox} bean on
 * the embedded store or the application's {@code DataSource}, its schema, and its lifecycle.
 */
@NullMarked
package io.github.smtpclient.boot.outbox;

import org.jspecify.annotations.NullMarked;
