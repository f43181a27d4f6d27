package io.github.smtpclient.boot.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.boot.client.SmtpClientFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Run by {@link Pkcs11PinInteropTests} in a JVM of its own: starts the starter with a PKCS#11 client key whose PIN it
 * reads from standard input (never from its command line), and prints what came of it. SunPKCS11 keeps a token's
 * login for the whole JVM, so each PIN needs a fresh one.
 * <p>
 * Arguments: the SunPKCS11 configuration file and the key alias. Prints {@code started: <certificate>} or
 * {@code refused: <exception type> property=<name> value=<value> reason=<reason>}.
 */
public final class Pkcs11LoginMain {

    private Pkcs11LoginMain() {
    }

    public static void main(String[] args) throws IOException {
        String pin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class, SslAutoConfiguration.class))
                .withPropertyValues("smtp.client.host=smtp.example.test",
                        "smtp.client.tls.client-certificate.pkcs11-config=" + args[0],
                        "smtp.client.tls.client-certificate.pkcs11-password=" + pin,
                        "smtp.client.tls.client-certificate.key-alias=" + args[1])
                .run(context -> {
                    if (context.getStartupFailure() == null) {
                        try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                            System.out.println("started: " + client.tls().getClientCertificate());
                        }
                        return;
                    }
                    Throwable cause = context.getStartupFailure();
                    while (cause.getCause() != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
                        cause = cause.getCause();
                    }
                    if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
                        System.out.println("refused: " + invalid.getClass().getSimpleName() + " property="
                                + invalid.getName() + " value=" + invalid.getValue() + " reason=" + invalid.getReason());
                    } else {
                        System.out.println("failed otherwise: " + cause);
                    }
                });
    }
}
