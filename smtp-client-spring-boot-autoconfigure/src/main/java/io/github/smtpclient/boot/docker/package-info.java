/**
 * Docker Compose service connections ({@code spring-boot-docker-compose}) for SMTP servers: a Mailpit service in the
 * application's {@code compose.yaml} replaces {@code smtp.client.host} and {@code smtp.client.port}.
 */
package io.github.smtpclient.boot.docker;
