package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.SmtpClient;

/**
 * Changes every auto-configured {@link SmtpClient} after {@code smtp.client.*} has been applied and before it
 * connects, for settings the properties do not cover. Beans of this type run in {@link org.springframework.core.Ordered
 * order}; they may run on several threads at once and must not connect the client.
 */
@FunctionalInterface
public interface SmtpClientCustomizer {

    /** Adjusts a newly made client, after the properties were applied and before it connects. */
    void customize(SmtpClient client);
}
