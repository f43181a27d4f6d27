package io.github.smtpclient.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.github.smtpclient.tls.ClientCertificate;

/**
 * Opens the PKCS#11 token of {@code smtp.client.tls.client-certificate.pkcs11-config} through the JDK's SunPKCS11
 * provider. One provider per configuration file, installed in {@link Security}: JSSE and JCA's delayed provider
 * selection find the token's signatures among the installed providers, and a key works only with its own provider.
 */
final class Pkcs11Tokens {

    private static final Map<Path, Provider> PROVIDERS = new ConcurrentHashMap<>();

    private Pkcs11Tokens() {
    }

    static ClientCertificate clientCertificate(String prefix, String config, char @Nullable [] pin,
            @Nullable String alias) {
        Path file = Path.of(config).toAbsolutePath().normalize();
        if (!Files.isReadable(file)) {
            throw new InvalidConfigurationPropertyValueException(prefix + "pkcs11-config", config,
                    "No readable SunPKCS11 configuration file there.");
        }
        Provider provider;
        try {
            provider = PROVIDERS.computeIfAbsent(file, Pkcs11Tokens::install);
        } catch (RuntimeException e) {
            throw new InvalidConfigurationPropertyValueException(prefix + "pkcs11-config", config,
                    "SunPKCS11 cannot open the token: " + e.getMessage() + " (for SoftHSM2, is SOFTHSM2_CONF set?)");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationPropertyValueException(prefix + "pkcs11-password", "******",
                    "The token refused the login with this PIN (" + innermostMessage(e) + "). Set " + prefix
                            + "pkcs11-password to the token's user PIN; after too many wrong PINs a token locks the"
                            + " user PIN until its security officer resets it.");
        }
        try {
            return ClientCertificate.fromKeyStore(store, alias, null);
        } catch (IOException e) {
            throw new InvalidConfigurationPropertyValueException(prefix + "key-alias", alias, e.getMessage());
        }
    }

    /** SunPKCS11 wraps the token's own answer (such as CKR_PIN_INCORRECT) in a "load failed" IOException. */
    private static String innermostMessage(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        return String.valueOf(innermost.getMessage());
    }

    private static Provider install(Path file) {
        Provider provider = Security.getProvider("SunPKCS11").configure(file.toString());
        Security.addProvider(provider);
        return provider;
    }
}
