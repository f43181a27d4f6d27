package io.github.smtpclient.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The real Postfix + Dovecot test bed started by {@code scripts/testbed/start.sh}, as its {@code testbed.env} file
 * describes it: where to connect, whom to log in as, which CA to trust, and where delivered mail lands.
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment
 * variable {@value #ENV_FILE_VARIABLE}, else {@value #DEFAULT_ENV_FILE}.
 */
public final class PostfixTestbed {

    public static final String ENV_FILE_PROPERTY = "smtp.testbed.env";
    public static final String ENV_FILE_VARIABLE = "SMTP_TESTBED_ENV";
    public static final String DEFAULT_ENV_FILE = "/tmp/smtp-client-testbed/testbed.env";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final Path envFile;
    private final Map<String, String> settings;

    private PostfixTestbed(Path envFile, Map<String, String> settings) {
        this.envFile = envFile;
        this.settings = Map.copyOf(settings);
        // Fail on a truncated or outdated file now rather than in the middle of a test.
        List.of("SMTP_TESTBED_HOST", "SMTP_TESTBED_ADDRESS", "SMTP_TESTBED_STARTTLS_PORT",
                "SMTP_TESTBED_IMPLICIT_TLS_PORT", "SMTP_TESTBED_PLAIN_PORT", "SMTP_TESTBED_DOMAIN", "SMTP_TESTBED_USER",
                "SMTP_TESTBED_PASSWORD", "SMTP_TESTBED_USER2", "SMTP_TESTBED_PASSWORD2", "SMTP_TESTBED_REJECT_RECIPIENT",
                "SMTP_TESTBED_DEFER_RECIPIENT", "SMTP_TESTBED_MESSAGE_SIZE_LIMIT", "SMTP_TESTBED_CA_CERT",
                "SMTP_TESTBED_MAILDIR_ROOT", "SMTP_TESTBED_POSTFIX_LOG").forEach(this::setting);
    }

    /** Whether the test bed can be used, and if not, why not. */
    public record Detection(Optional<PostfixTestbed> testbed, String explanation) {
    }

    /** The test bed described by the configured {@code testbed.env}, if that file exists and its ports answer. */
    public static Optional<PostfixTestbed> detect() {
        return detect(configuredEnvFile()).testbed();
    }

    /** Looks for a running test bed described by {@code envFile}, explaining what is missing when there is none. */
    public static Detection detect(Path envFile) {
        PostfixTestbed testbed;
        try {
            testbed = load(envFile);
        } catch (NoSuchFileException e) {
            return unavailable("no " + envFile);
        } catch (IOException | RuntimeException e) {
            return unavailable("cannot read " + envFile + ": " + e.getMessage());
        }
        for (int port : List.of(testbed.starttlsPort(), testbed.implicitTlsPort())) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(testbed.address(), port), (int) CONNECT_TIMEOUT.toMillis());
            } catch (IOException e) {
                return unavailable(testbed.address() + ":" + port + " from " + envFile + " does not answer ("
                        + e.getMessage() + ")");
            }
        }
        return new Detection(Optional.of(testbed), "Postfix test bed running as described by " + envFile);
    }

    /**
     * Reads {@code envFile}: {@code KEY=VALUE} lines; blank lines and {@code #} comments are ignored, and a later line
     * overrides an earlier one with the same key.
     */
    public static PostfixTestbed load(Path envFile) throws IOException {
        try {
            return new PostfixTestbed(envFile, EnvFile.read(envFile));
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The {@code testbed.env} this run uses, from the system property, the environment or the default. */
    public static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE).orElse(Path.of(DEFAULT_ENV_FILE));
    }

    /** The host name to connect to; the server certificate is valid for it. */
    public String host() {
        return setting("SMTP_TESTBED_HOST");
    }

    /** The IP address the listeners are bound to. */
    public String address() {
        return setting("SMTP_TESTBED_ADDRESS");
    }

    /** Plaintext port that offers STARTTLS and AUTH only after it. */
    public int starttlsPort() {
        return intSetting("SMTP_TESTBED_STARTTLS_PORT");
    }

    /** Port that speaks TLS from the first byte, with AUTH. */
    public int implicitTlsPort() {
        return intSetting("SMTP_TESTBED_IMPLICIT_TLS_PORT");
    }

    /** Port without TLS and without AUTH that accepts mail for {@link #domain()}. */
    public int plainPort() {
        return intSetting("SMTP_TESTBED_PLAIN_PORT");
    }

    /** The mail domain the test bed delivers locally, e.g. {@code example.test}. */
    public String domain() {
        return setting("SMTP_TESTBED_DOMAIN");
    }

    /** A SASL user that also has a Maildir, e.g. {@code alice@example.test}. */
    public String user() {
        return setting("SMTP_TESTBED_USER");
    }

    public String password() {
        return setting("SMTP_TESTBED_PASSWORD");
    }

    /** A second SASL user with a Maildir, for messages to several recipients. */
    public String secondUser() {
        return setting("SMTP_TESTBED_USER2");
    }

    public String secondPassword() {
        return setting("SMTP_TESTBED_PASSWORD2");
    }

    /** A recipient every RCPT TO refuses with 550 5.1.1. */
    public String rejectedRecipient() {
        return setting("SMTP_TESTBED_REJECT_RECIPIENT");
    }

    /** A recipient every RCPT TO refuses with 450 4.2.1. */
    public String deferredRecipient() {
        return setting("SMTP_TESTBED_DEFER_RECIPIENT");
    }

    /** The SIZE the server advertises; larger messages are refused. */
    public long messageSizeLimit() {
        return Long.parseLong(setting("SMTP_TESTBED_MESSAGE_SIZE_LIMIT"));
    }

    /** The PEM file of the CA that issued the server certificate. */
    public Path caCertificateFile() {
        return Path.of(setting("SMTP_TESTBED_CA_CERT"));
    }

    /** The CA that issued the server certificate, to add to the client's trusted certificates. */
    public X509Certificate caCertificate() {
        try (InputStream pem = Files.newInputStream(caCertificateFile())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test bed CA " + caCertificateFile(), e);
        } catch (CertificateException e) {
            throw new IllegalStateException("the test bed CA " + caCertificateFile() + " is not a certificate", e);
        }
    }

    /** The directory holding one Maildir per user. */
    public Path maildirRoot() {
        return Path.of(setting("SMTP_TESTBED_MAILDIR_ROOT"));
    }

    /** The Maildir of {@code user}, given as a local part ({@code alice}) or an address ({@code alice@example.test}). */
    public Path maildir(String user) {
        int at = user.indexOf('@');
        return maildirRoot().resolve(at < 0 ? user : user.substring(0, at));
    }

    /** Postfix's log file: the place to look when a delivery does not arrive. */
    public Path postfixLog() {
        return Path.of(setting("SMTP_TESTBED_POSTFIX_LOG"));
    }

    /**
     * Waits until a message containing {@code uniqueToken} (typically its Message-ID) lands in any Maildir.
     *
     * @throws AssertionError if none arrives within {@code timeout}; the message quotes the end of Postfix's log
     */
    public DeliveredMessage awaitDelivery(String uniqueToken, Duration timeout) {
        return awaitDelivery(null, uniqueToken, timeout);
    }

    /**
     * Waits until a message containing {@code uniqueToken} lands in the Maildir of {@code user}; for messages with
     * several recipients, each gets its own copy.
     *
     * @throws AssertionError if none arrives within {@code timeout}; the message quotes the end of Postfix's log
     */
    public DeliveredMessage awaitDelivery(String user, String uniqueToken, Duration timeout) {
        // ISO-8859-1 maps every byte to one char, so a text search finds the token's bytes wherever they are.
        String token = new String(uniqueToken.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Set<Path> withoutToken = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Maildir delivery writes in tmp/ and renames into new/, so files in new/ are complete and never change.
            for (Path file : newMessages(user)) {
                if (withoutToken.contains(file)) {
                    continue;
                }
                byte[] stored = read(file);
                if (new String(stored, StandardCharsets.ISO_8859_1).contains(token)) {
                    return DeliveredMessage.parse(file, stored);
                }
                withoutToken.add(file);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("no message containing " + uniqueToken + " arrived in "
                        + (user == null ? maildirRoot() + "/*" : maildir(user)) + "/new within " + timeout
                        + "; end of " + postfixLog() + ":\n" + tailOfPostfixLog(15));
            }
            sleep(POLL_INTERVAL);
        }
    }

    /**
     * How many messages containing {@code uniqueToken} are in the Maildir of {@code user} right now (in every Maildir
     * when {@code user} is null): 1 for a message delivered exactly once.
     */
    public long deliveries(String user, String uniqueToken) {
        String token = new String(uniqueToken.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return newMessages(user).stream()
                .filter(file -> new String(read(file), StandardCharsets.ISO_8859_1).contains(token)).count();
    }

    @Override
    public String toString() {
        return "PostfixTestbed[" + envFile + ", " + host() + " STARTTLS " + starttlsPort() + ", implicit TLS "
                + implicitTlsPort() + ", plain " + plainPort() + "]";
    }

    private List<Path> newMessages(String user) {
        List<Path> newDirectories;
        if (user != null) {
            newDirectories = List.of(maildir(user).resolve("new"));
        } else {
            try (Stream<Path> maildirs = Files.list(maildirRoot())) {
                newDirectories = maildirs.map(maildir -> maildir.resolve("new")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the Maildirs in " + maildirRoot(), e);
            }
        }
        return newDirectories.stream().filter(Files::isDirectory).flatMap(PostfixTestbed::list).toList();
    }

    private static Stream<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory
                    + " (start.sh gives the Maildirs to nobody, or to $SUDO_UID under sudo)", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read delivered message " + file, e);
        }
    }

    private String tailOfPostfixLog(int lines) {
        try {
            List<String> all = Files.readAllLines(postfixLog(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a delivery", e);
        }
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(envFile + " has no " + key + "; restart the test bed with scripts/testbed/start.sh");
        }
        return value;
    }

    private int intSetting(String key) {
        try {
            return Integer.parseInt(setting(key));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(envFile + ": " + key + " is not a number: " + setting(key), e);
        }
    }

    private static Detection unavailable(String reason) {
        return new Detection(Optional.empty(), reason);
    }
}
