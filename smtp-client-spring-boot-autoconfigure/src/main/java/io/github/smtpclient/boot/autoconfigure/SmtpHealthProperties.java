package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;

/**
 * The {@code smtp.client.health.*} properties: the Actuator health probe (connect, EHLO, QUIT).
 */
public class SmtpHealthProperties {

    /** Socket timeout of the probe, shorter than a send's so a silent server cannot stall the health endpoint. */
    private Duration timeout = Duration.ofSeconds(5);

    /** How long a probe's result is reused before the server is probed again. */
    private Duration cacheInterval = Duration.ofSeconds(30);

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getCacheInterval() {
        return cacheInterval;
    }

    public void setCacheInterval(Duration cacheInterval) {
        this.cacheInterval = cacheInterval;
    }
}
