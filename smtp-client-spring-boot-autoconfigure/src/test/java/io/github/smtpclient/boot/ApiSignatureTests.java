package io.github.smtpclient.boot;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.boot.autoconfigure.SmtpClientAutoConfiguration;
import io.github.smtpclient.testing.ApiSignatures;

/**
 * Pins the public API of the auto-configuration module (its public types in every package) in
 * {@code api/smtp-client-spring-boot-autoconfigure.api}: a change to a public or protected signature fails the build
 * until the file is regenerated and committed with it.
 */
class ApiSignatureTests {

    private static final String REGENERATE = "./mvnw -B -o -q -pl smtp-client-spring-boot-autoconfigure -am test"
            + " -Dtest=ApiSignatureTests -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true";

    @Test
    void theApiMatchesTheCheckedInFile() throws Exception {
        Path classes = Path.of(SmtpClientAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        ApiSignatures.assertMatchesFile(classes, Path.of("api", "smtp-client-spring-boot-autoconfigure.api"),
                REGENERATE);
    }
}
