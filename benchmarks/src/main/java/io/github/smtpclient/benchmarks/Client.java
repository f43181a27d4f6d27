package io.github.smtpclient.benchmarks;

import java.util.Arrays;
import java.util.function.Supplier;

/** The clients compared. All but smtp-source run in a JVM of their own, one launch per workload. */
enum Client {

    SMTP_CLIENT("smtp-client", "smtp-client (sendAll)", SmtpClientDriver::new),
    SMTP_CLIENT_POOLED("smtp-client-pool", "smtp-client SmtpMailSender (pool of 4)", PooledSenderDriver::new),
    MINIMAL("minimal", "minimal pipelining client (ceiling)", MinimalPipeliningDriver::new),
    ANGUS("angus", "Angus Mail, reused Transport", AngusDriver::new),
    SPRING("spring", "Spring JavaMailSenderImpl (connection per send)", SpringDriver::new),
    SIMPLE_JAVA_MAIL("simplejavamail", "Simple Java Mail (connection per send)", SimpleJavaMailDriver::new),
    COMMONS_NET("commons-net", "Commons Net SMTPClient, reused connection", CommonsNetDriver::new),
    SMTP_SOURCE("smtp-source", "Postfix smtp-source (C, no pipelining)", null);

    private final String key;
    private final String title;
    @SuppressWarnings("ImmutableEnumChecker") // constructor references: stateless, so the enum stays immutable
    private final Supplier<Driver<?>> driver;

    Client(String key, String title, Supplier<Driver<?>> driver) {
        this.key = key;
        this.title = title;
        this.driver = driver;
    }

    static Client byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown client '" + key + "'; known: "
                        + Arrays.stream(values()).map(Client::key).toList()));
    }

    String key() {
        return key;
    }

    String title() {
        return title;
    }

    /** Whether a target of issue 12 compares this client: smtp-client, its pooled sender or the ceiling. */
    boolean hasTarget() {
        return this == SMTP_CLIENT || this == SMTP_CLIENT_POOLED || this == MINIMAL;
    }

    boolean isNative() {
        return driver == null;
    }

    @SuppressWarnings("unchecked")
    Driver<Object> driver() {
        return (Driver<Object>) driver.get();
    }
}
