package io.github.smtpclient.boot.autoconfigure;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.boot.mail.PartialRejection;
import io.github.smtpclient.tls.TlsMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configures the client from spring-boot-starter-mail's {@code spring.mail.*} keys when {@code smtp.client.host} is
 * not set but {@code spring.mail.host} is, so that an application moves over by swapping the dependency alone. Each
 * key becomes the {@code smtp.client.*} setting that means the same, written into the bound
 * {@link SmtpClientProperties}, unless that setting is configured itself. Where Boot's behaviour was insecure the
 * client's defaults win (STARTTLS required, certificates validated, finite timeouts), and the notes say so: one per
 * key mapped or ignored, and a last one with the {@code smtp.client.*} keys to move to.
 *
 * <p>{@code spring.mail.jndi-name} is refused: the client connects to the server itself.
 */
final class SpringMailMigration {

    /** One line of the start-up log. */
    record Note(boolean warning, String text) {
    }

    private static final String MOVE = "see docs/MIGRATING.md";

    private final Binder binder;
    private final SmtpClientProperties target;
    private final List<Note> notes = new ArrayList<>();
    private final Map<String, String> equivalent = new LinkedHashMap<>();

    private SpringMailMigration(Binder binder, SmtpClientProperties target) {
        this.binder = binder;
        this.target = target;
    }

    /** Whether {@code spring.mail.*} would configure the client: no {@code smtp.client.host}, but a spring.mail server. */
    static boolean applies(Binder binder) {
        return binder.bind("smtp.client.host", String.class).isBound() ? false
                : binder.bind("spring.mail.host", String.class).isBound()
                        || binder.bind("spring.mail.jndi-name", String.class).isBound();
    }

    /**
     * Writes the {@code spring.mail.*} configuration into {@code target} when {@link #applies}; otherwise notes that
     * the {@code spring.mail.*} keys present are ignored.
     *
     * @return the notes to log, none when there is no {@code spring.mail} server
     * @throws InvalidConfigurationPropertyValueException naming the {@code spring.mail} key whose value cannot be used
     */
    static List<Note> apply(Binder binder, SmtpClientProperties target) {
        SpringMailMigration migration = new SpringMailMigration(binder, target);
        boolean springMail = binder.bind("spring.mail.host", String.class).isBound()
                || binder.bind("spring.mail.jndi-name", String.class).isBound();
        if (!springMail) {
            return List.of();
        }
        if (!applies(binder)) {
            return List.of(new Note(false, "spring.mail.* is ignored because smtp.client.host is set: smtp.client.*"
                    + " alone configures the client; remove the spring.mail.* keys"));
        }
        migration.migrate();
        return migration.notes;
    }

    private void migrate() {
        string("spring.mail.jndi-name").ifPresent(jndi -> {
            throw new InvalidConfigurationPropertyValueException("spring.mail.jndi-name", jndi, "smtp-client connects"
                    + " to the SMTP server itself and cannot use a Jakarta Mail Session from JNDI. Remove"
                    + " spring.mail.jndi-name and set smtp.client.host (with smtp.client.port, smtp.client.username"
                    + " and smtp.client.password) to the server that Session used; " + MOVE + ".");
        });
        String protocol = protocol();
        Map<String, String> javaMail = new LinkedHashMap<>(binder.bind("spring.mail.properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        String prefix = "mail." + protocol + ".";

        String host = string("spring.mail.host").orElseThrow();
        map("spring.mail.host", host, "smtp.client.host", host, target::setHost);
        port(protocol);
        string("spring.mail.username").ifPresent(username -> map("spring.mail.username", username,
                "smtp.client.username", username, target::setUsername));
        string("spring.mail.password").ifPresent(password -> map("spring.mail.password", "****",
                "smtp.client.password", "****", value -> target.setPassword(password)));
        tlsMode(protocol, prefix, javaMail);
        string("spring.mail.ssl.bundle").ifPresent(bundle -> map("spring.mail.ssl.bundle", bundle,
                "smtp.client.tls.ssl-bundle", bundle, value -> target.getTls().setSslBundle(value)));
        hostnameVerification(prefix, javaMail);
        binder.bind("spring.mail.default-encoding", Charset.class).ifBound(charset -> map("spring.mail.default-encoding",
                charset.name(), "smtp.client.mail-sender.default-encoding", charset.name(),
                value -> target.getMailSender().setDefaultEncoding(charset)));
        binder.bind("spring.mail.test-connection", Boolean.class).ifBound(test -> note(false,
                "spring.mail.test-connection=" + test + " is ignored: the 'smtp' health indicator checks the server"
                        + " (connect, TLS, login), cached for smtp.client.health.cache-interval"));
        timeouts(prefix, javaMail);
        javaMailKeys(prefix, javaMail);
        summary();
    }

    private String protocol() {
        String protocol = string("spring.mail.protocol").orElse("smtp").toLowerCase(Locale.ROOT);
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw new InvalidConfigurationPropertyValueException("spring.mail.protocol", protocol, "smtp-client sends"
                    + " mail over SMTP only: use 'smtp' (STARTTLS) or 'smtps' (implicit TLS), or remove the key.");
        }
        return protocol;
    }

    private void port(String protocol) {
        Optional<Integer> port = optional(binder.bind("spring.mail.port", Integer.class));
        if (port.isPresent()) {
            int value = port.get();
            if (value < 1 || value > 65535) {
                throw new InvalidConfigurationPropertyValueException("spring.mail.port", value,
                        "A port must be between 1 and 65535, such as 587 (STARTTLS) or 465 (implicit TLS).");
            }
            map("spring.mail.port", String.valueOf(value), "smtp.client.port", String.valueOf(value),
                    text -> target.setPort(value));
            return;
        }
        int fallback = protocol.equals("smtps") ? 465 : 25;
        if (!explicitlySet("smtp.client.port")) {
            target.setPort(fallback);
            equivalent.put("smtp.client.port", String.valueOf(fallback));
            note(false, "spring.mail.port is not set: port " + fallback + ", as Jakarta Mail uses for protocol "
                    + protocol + " (smtp.client.port=" + fallback + ")");
        }
    }

    /**
     * Jakarta Mail sends in plaintext unless told otherwise and falls back to plaintext when STARTTLS is enabled but
     * not offered; the client requires STARTTLS unless plaintext was asked for explicitly.
     */
    private void tlsMode(String protocol, String prefix, Map<String, String> javaMail) {
        Optional<Boolean> sslEnabled = optional(binder.bind("spring.mail.ssl.enabled", Boolean.class));
        Optional<Boolean> sslEnable = flag(javaMail.remove(prefix + "ssl.enable"));
        Optional<Boolean> starttlsEnable = flag(javaMail.remove(prefix + "starttls.enable"));
        Optional<Boolean> starttlsRequired = flag(javaMail.remove(prefix + "starttls.required"));
        String from;
        TlsMode mode;
        String why;
        boolean changed = false;
        if (protocol.equals("smtps") || sslEnabled.orElse(false) || sslEnable.orElse(false)) {
            from = protocol.equals("smtps") ? "spring.mail.protocol=smtps"
                    : sslEnabled.orElse(false) ? "spring.mail.ssl.enabled=true" : "spring.mail.properties." + prefix
                            + "ssl.enable=true";
            mode = TlsMode.IMPLICIT;
            why = "TLS from the first byte";
        } else if (starttlsRequired.orElse(false)) {
            from = "spring.mail.properties." + prefix + "starttls.required=true";
            mode = TlsMode.EXPLICIT;
            why = "STARTTLS required";
        } else if (starttlsEnable.orElse(false)) {
            from = "spring.mail.properties." + prefix + "starttls.enable=true";
            mode = TlsMode.EXPLICIT;
            why = "STARTTLS required, where Jakarta Mail went on in plaintext when the server did not offer it"
                    + " (smtp.client.tls.mode=mixed allows that, and lets anyone on the path read the mail)";
            changed = true;
        } else if (starttlsEnable.isPresent() || sslEnable.isPresent() || sslEnabled.isPresent()) {
            from = "spring.mail.properties." + prefix + "starttls.enable=false";
            mode = TlsMode.NONE;
            why = "plaintext, as asked explicitly; credentials still cross only a loopback connection unless"
                    + " smtp.client.auth.allow-plaintext-credentials=true";
            changed = true;
        } else {
            from = "No STARTTLS or SSL setting";
            mode = TlsMode.EXPLICIT;
            why = "STARTTLS required: the secure default wins over Jakarta Mail's, which sent mail and credentials in"
                    + " plaintext (smtp.client.tls.mode=none asks for that explicitly)";
            changed = true;
        }
        String value = mode.name().toLowerCase(Locale.ROOT);
        if (explicitlySet("smtp.client.tls.mode")) {
            note(false, from + " is ignored: smtp.client.tls.mode is set");
            return;
        }
        target.getTls().setMode(mode);
        equivalent.put("smtp.client.tls.mode", value);
        note(changed, from + " -> smtp.client.tls.mode=" + value + ": " + why);
        for (String consumed : List.of("ssl.enable", "starttls.enable", "starttls.required")) {
            Optional<Boolean> flag = switch (consumed) {
                case "ssl.enable" -> sslEnable;
                case "starttls.enable" -> starttlsEnable;
                default -> starttlsRequired;
            };
            String key = "spring.mail.properties." + prefix + consumed;
            if (flag.isPresent() && !from.startsWith(key)) {
                note(false, key + "=" + flag.get() + " is covered by smtp.client.tls.mode=" + value);
            }
        }
    }

    private void hostnameVerification(String prefix, Map<String, String> javaMail) {
        Optional<Boolean> verify = optional(binder.bind("spring.mail.ssl.verify-hostname", Boolean.class));
        Optional<Boolean> checkIdentity = flag(javaMail.remove(prefix + "ssl.checkserveridentity"));
        boolean off = verify.map(v -> !v).orElse(false) || checkIdentity.map(v -> !v).orElse(false);
        String key = verify.isPresent() ? "spring.mail.ssl.verify-hostname"
                : "spring.mail.properties." + prefix + "ssl.checkserveridentity";
        if (off) {
            map(key, "false", "smtp.client.tls.verify-hostname", "false",
                    value -> target.getTls().setVerifyHostname(false));
            note(true, "Host name verification is off (" + key + "=false): anyone who obtains any trusted"
                    + " certificate can impersonate the server");
        } else if (verify.isPresent() || checkIdentity.isPresent()) {
            note(false, key + "=true is the default: smtp.client.tls.verify-hostname=true");
        }
    }

    private void timeouts(String prefix, Map<String, String> javaMail) {
        Optional<Duration> connect = millis(prefix + "connectiontimeout", javaMail.remove(prefix + "connectiontimeout"));
        Optional<Duration> read = millis(prefix + "timeout", javaMail.remove(prefix + "timeout"));
        Optional<Duration> write = millis(prefix + "writetimeout", javaMail.remove(prefix + "writetimeout"));
        connect.ifPresent(timeout -> map("spring.mail.properties." + prefix + "connectiontimeout", millisText(timeout),
                "smtp.client.socket.connect-timeout", timeout.toMillis() + "ms",
                value -> target.getSocket().setConnectTimeout(timeout)));
        Optional<Duration> socket = read.isPresent() && write.isPresent()
                ? Optional.of(read.get().compareTo(write.get()) >= 0 ? read.get() : write.get())
                : read.or(() -> write);
        socket.ifPresent(timeout -> {
            String from = read.isPresent() && write.isPresent() ? "spring.mail.properties." + prefix + "timeout and "
                    + "writetimeout (the longer; one timeout covers reads and writes)"
                    : "spring.mail.properties." + prefix + (read.isPresent() ? "timeout" : "writetimeout");
            map(from, millisText(timeout), "smtp.client.socket.timeout", timeout.toMillis() + "ms",
                    value -> target.getSocket().setTimeout(timeout));
        });
        if (connect.isEmpty() || socket.isEmpty()) {
            note(true, "No " + (connect.isEmpty() && socket.isEmpty() ? "connect or read/write" : connect.isEmpty()
                    ? "connect" : "read/write") + " timeout was set, so Jakarta Mail would have waited forever: the"
                    + " finite defaults apply (smtp.client.socket.timeout=" + target.getSocket().getTimeout().toSeconds()
                    + "s; smtp.client.socket.connect-timeout defaults to it)");
        }
    }

    private void javaMailKeys(String prefix, Map<String, String> javaMail) {
        javaMail.forEach((name, value) -> {
            String key = "spring.mail.properties." + name;
            String setting = name.startsWith(prefix) ? name.substring(prefix.length()) : null;
            if ("from".equals(setting)) {
                map(key, value, "smtp.client.mail-sender.envelope-from", value,
                        text -> target.getMailSender().setEnvelopeFrom(text));
            } else if ("localhost".equals(setting)) {
                map(key, value, "smtp.client.domain", value, target::setDomain);
            } else if ("sendpartial".equals(setting)) {
                boolean partial = Boolean.parseBoolean(value);
                String policy = partial ? "warn" : "fail";
                map(key, value, "smtp.client.mail-sender.partial-rejection", policy, text -> target.getMailSender()
                        .setPartialRejection(partial ? PartialRejection.WARN : PartialRejection.FAIL));
            } else if ("auth.mechanisms".equals(setting)) {
                authMechanisms(key, value);
            } else if ("auth".equals(setting)) {
                note(false, key + "=" + value + " is not needed: the client authenticates whenever"
                        + " smtp.client.username is set, as Jakarta Mail does when a user name and password are given");
            } else if ("ssl.trust".equals(setting)) {
                note(true, key + "=" + value + " is ignored: the client keeps validating the server's certificate;"
                        + " trust a private CA with smtp.client.tls.trusted-certificates (or smtp.client.tls.ssl-bundle)");
            } else {
                note(true, key + " is ignored: it has no smtp-client equivalent (" + MOVE + ")");
            }
        });
    }

    private void authMechanisms(String key, String value) {
        List<AuthMechanism> mechanisms = new ArrayList<>();
        for (String name : value.trim().split("[\\s,]+")) {
            AuthMechanism mechanism = AuthMechanism.fromSaslName(name).orElseThrow(() ->
                    new InvalidConfigurationPropertyValueException(key, value, "'" + name + "' is not a mechanism"
                            + " smtp-client supports; use one of " + List.of(AuthMechanism.values()) + "."));
            mechanisms.add(mechanism);
        }
        String names = String.join(",", mechanisms.stream().map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        map(key, value, "smtp.client.auth.mechanisms", names, text -> target.getAuth().setMechanisms(mechanisms));
    }

    private void summary() {
        StringBuilder keys = new StringBuilder();
        equivalent.forEach((key, value) -> keys.append(keys.isEmpty() ? "" : ", ").append(key).append('=').append(value));
        note(false, "The client is configured from spring-boot-starter-mail's spring.mail.* keys. To move to"
                + " smtp.client.*, replace them with: " + keys + " (" + MOVE + ")");
    }

    /** Maps one key, unless its smtp.client counterpart is configured itself (then that wins). */
    private void map(String from, String shown, String to, String equivalentValue, Consumer<String> setter) {
        if (explicitlySet(to)) {
            note(false, from + " is ignored: " + to + " is set");
            return;
        }
        setter.accept(shown);
        equivalent.put(to, equivalentValue);
        note(false, from + "=" + shown + " -> " + to + "=" + equivalentValue);
    }

    /** Whether the application sets an smtp.client property itself, as a value or as a list. */
    private boolean explicitlySet(String property) {
        return binder.bind(property, String.class).isBound()
                || binder.bind(property, Bindable.listOf(String.class)).isBound();
    }

    private Optional<String> string(String property) {
        return optional(binder.bind(property, String.class)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static <T> Optional<T> optional(BindResult<T> result) {
        return result.isBound() ? Optional.of(result.get()) : Optional.empty();
    }

    private static Optional<Boolean> flag(@Nullable String value) {
        return value == null ? Optional.empty() : Optional.of(Boolean.parseBoolean(value.trim()));
    }

    /** Jakarta Mail's timeouts are milliseconds, and zero or less means none, which the client refuses. */
    private Optional<Duration> millis(String name, @Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        long millis;
        try {
            millis = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationPropertyValueException("spring.mail.properties." + name, value,
                    "Jakarta Mail timeouts are whole milliseconds, such as 10000.");
        }
        if (millis <= 0) {
            note(true, "spring.mail.properties." + name + "=" + value + " (no timeout) is ignored: without a timeout"
                    + " a silent server blocks the sender forever, so the finite default applies");
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(millis));
    }

    private static String millisText(Duration timeout) {
        return String.valueOf(timeout.toMillis());
    }

    private void note(boolean warning, String text) {
        notes.add(new Note(warning, text));
    }
}
