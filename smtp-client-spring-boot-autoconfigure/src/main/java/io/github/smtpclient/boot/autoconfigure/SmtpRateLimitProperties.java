package io.github.smtpclient.boot.autoconfigure;

import org.springframework.util.unit.DataSize;

/**
 * The {@code smtp.client.rate-limit.*} properties: a limit for the whole pooled SmtpMailSender, all its
 * connections together, as a provider limits an account.
 */
public class SmtpRateLimitProperties {

    /** Most messages started per second, 0 for no limit; fractions allowed, such as 0.5 for one every two seconds. */
    private double messagesPerSecond;

    /** Most bytes written per second by all connections together, 0 for no limit. */
    private DataSize bytesPerSecond = DataSize.ofBytes(0);

    public double getMessagesPerSecond() {
        return messagesPerSecond;
    }

    public void setMessagesPerSecond(double messagesPerSecond) {
        this.messagesPerSecond = messagesPerSecond;
    }

    public DataSize getBytesPerSecond() {
        return bytesPerSecond;
    }

    public void setBytesPerSecond(DataSize bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }
}
