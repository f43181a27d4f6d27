package io.github.smtpclient.boot.autoconfigure;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.github.smtpclient.Setting;
import io.github.smtpclient.SettingNames;

/**
 * Names the settings in the client's advice by the {@code smtp.client.*} properties that configure them, so that
 * under the starter an error says {@code smtp.client.tls.trusted-certificates}, not
 * {@code client.tls().setTrustedCertificates(...)}. A suggested value reads as the property would be written:
 * {@code smtp.client.tls.mode=implicit}.
 */
final class PropertySettingNames implements SettingNames {

    static final PropertySettingNames INSTANCE = new PropertySettingNames();

    private static final Map<Setting, String> PROPERTIES = properties();

    private PropertySettingNames() {
    }

    private static Map<Setting, String> properties() {
        Map<Setting, String> properties = new EnumMap<>(Setting.class);
        properties.put(Setting.TLS_MODE, "smtp.client.tls.mode");
        properties.put(Setting.TLS_TRUSTED_CERTIFICATES, "smtp.client.tls.trusted-certificates");
        properties.put(Setting.TLS_USE_SYSTEM_CERTIFICATES, "smtp.client.tls.use-system-certificates");
        properties.put(Setting.TLS_IGNORE_SYSTEM_TRUST, "smtp.client.tls.ignore-system-trust");
        properties.put(Setting.TLS_CLIENT_CERTIFICATE, "smtp.client.tls.client-certificate.certificate-chain");
        properties.put(Setting.TLS_CHECK_KEY_INTEGRITY_BEFORE_USE, "smtp.client.tls.check-key-integrity-before-use");
        properties.put(Setting.TLS_ENGINE, "smtp.client.tls.engine");
        properties.put(Setting.AUTH_USERNAME, "smtp.client.username");
        properties.put(Setting.AUTH_PASSWORD, "smtp.client.password");
        properties.put(Setting.AUTH_ALLOW_PLAINTEXT_CREDENTIALS, "smtp.client.auth.allow-plaintext-credentials");
        properties.put(Setting.SOCKET_TIMEOUT, "smtp.client.socket.timeout");
        properties.put(Setting.GREETING_TIMEOUT, "smtp.client.socket.greeting-timeout");
        properties.put(Setting.DATA_TERMINATION_TIMEOUT, "smtp.client.socket.data-termination-timeout");
        properties.put(Setting.DSN_REQUIRED, "smtp.client.dsn-required");
        properties.put(Setting.REQUIRE_TLS, "smtp.client.require-tls");
        return properties;
    }

    /** The property that configures a setting; every {@link Setting} has one (a test checks them against the metadata). */
    static String property(Setting setting) {
        String property = PROPERTIES.get(setting);
        if (property == null) {
            throw new IllegalStateException("No smtp.client property is known for " + setting);
        }
        return property;
    }

    @Override
    public String name(Setting.Reference reference) {
        String property = property(reference.setting());
        return reference.value() == null ? property : property + "=" + reference.value().toLowerCase(Locale.ROOT);
    }
}
