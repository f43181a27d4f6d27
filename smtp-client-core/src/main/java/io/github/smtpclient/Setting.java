package io.github.smtpclient;

import java.util.Objects;

/**
 * A client setting that the advice in an {@link SmtpException} refers to. The advice is written once, with the
 * setting as a reference; {@link SettingNames} decides how it reads: as a call on the client
 * ({@code client.tls().setMode(TlsMode.IMPLICIT)}, the default) or as a framework's own name for it, such as the
 * Spring Boot starter's {@code smtp.client.tls.mode=implicit}.
 */
public enum Setting {

    /** {@code client.tls().setMode(TlsMode)}. */
    TLS_MODE("tls", "setMode", "TlsMode."),
    /** {@code client.tls().setTrustedCertificates(List<X509Certificate>)}. */
    TLS_TRUSTED_CERTIFICATES("tls", "setTrustedCertificates", ""),
    /** {@code client.tls().setUseSystemCertificates(boolean)}. */
    TLS_USE_SYSTEM_CERTIFICATES("tls", "setUseSystemCertificates", ""),
    /** {@code client.tls().setIgnoreSystemTrust(boolean)}. */
    TLS_IGNORE_SYSTEM_TRUST("tls", "setIgnoreSystemTrust", ""),
    /** {@code client.tls().setClientCertificate(ClientCertificate)}. */
    TLS_CLIENT_CERTIFICATE("tls", "setClientCertificate", ""),
    /** {@code client.tls().setCheckKeyIntegrityBeforeUse(boolean)}. */
    TLS_CHECK_KEY_INTEGRITY_BEFORE_USE("tls", "setCheckKeyIntegrityBeforeUse", ""),
    /** {@code client.tls().setEngine(TlsEngine)}. */
    TLS_ENGINE("tls", "setEngine", "TlsEngine."),
    /** {@code client.auth().setUsername(String)}. */
    AUTH_USERNAME("auth", "setUsername", ""),
    /** {@code client.auth().setPassword(String)}. */
    AUTH_PASSWORD("auth", "setPassword", ""),
    /** {@code client.auth().setAllowPlaintextCredentials(boolean)}. */
    AUTH_ALLOW_PLAINTEXT_CREDENTIALS("auth", "setAllowPlaintextCredentials", ""),
    /** {@code client.socket().setTimeout(Duration)}. */
    SOCKET_TIMEOUT("socket", "setTimeout", ""),
    /** {@code client.socket().setGreetingTimeout(Duration)}. */
    GREETING_TIMEOUT("socket", "setGreetingTimeout", ""),
    /** {@code client.socket().setDataTerminationTimeout(Duration)}. */
    DATA_TERMINATION_TIMEOUT("socket", "setDataTerminationTimeout", ""),
    /** {@code client.transfer().setDsnRequired(boolean)}. */
    DSN_REQUIRED("transfer", "setDsnRequired", ""),
    /** {@code client.transfer().setRequireTls(RequireTlsPolicy)}. */
    REQUIRE_TLS("transfer", "setRequireTls", "RequireTlsPolicy.");

    private final String group;
    private final String setter;
    private final String javaValuePrefix;

    Setting(String group, String setter, String javaValuePrefix) {
        this.group = group;
        this.setter = setter;
        this.javaValuePrefix = javaValuePrefix;
    }

    /** The settings group of {@link SmtpClient} that holds this setting, such as {@code tls} for {@code client.tls()}. */
    public String group() {
        return group;
    }

    /** The setter on that group, such as {@code setMode}. */
    public String setter() {
        return setter;
    }

    /** How the Java API spells a value: the constant's type for an enum setting ({@code TlsMode.IMPLICIT}). */
    String javaValue(String value) {
        return javaValuePrefix + value;
    }

    /** A mention of this setting, with no particular value. */
    public Reference mention() {
        return new Reference(this, null);
    }

    /**
     * This setting with the value the advice suggests.
     *
     * @param value an enum constant's name ({@code IMPLICIT}) or a literal ({@code true})
     */
    public Reference to(String value) {
        return new Reference(this, Objects.requireNonNull(value, "value"));
    }

    /**
     * A setting as advice mentions it.
     *
     * @param setting the setting
     * @param value   the value the advice suggests, or {@code null} when it names only the setting
     */
    public record Reference(Setting setting, String value) {

        /** Checks that the setting is given. */
        public Reference {
            Objects.requireNonNull(setting, "setting");
        }
    }
}
