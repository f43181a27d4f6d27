package io.github.smtpclient.sample.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the SMTP server the sample starts in its own JVM ({@code sample.embedded-server.*}).
 *
 * @param username       the only user the server lets in
 * @param password       that user's password
 * @param maxMessageSize the largest message the server accepts (advertised as SIZE)
 * @param keep           how many received messages are listed, the newest first
 */
@ConfigurationProperties("sample.embedded-server")
public record EmbeddedServerProperties(String username, String password, DataSize maxMessageSize, int keep) {
}
