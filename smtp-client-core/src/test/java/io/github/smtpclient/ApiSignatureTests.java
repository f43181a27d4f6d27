package io.github.smtpclient;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.ApiSignatures;

/**
 * Pins the public API of smtp-client-core (the packages module-info exports) in {@code api/smtp-client-core.api}:
 * a change to a public or protected signature fails the build until the file is regenerated and committed with it.
 */
class ApiSignatureTests {

    static final String REGENERATE = "./mvnw -B -o -q -pl smtp-client-core test -Dtest=ApiSignatureTests"
            + " -Dapi.update=true";

    @Test
    void theApiMatchesTheCheckedInFile() throws Exception {
        ApiSignatures.assertMatchesFile(classesOf(SmtpClient.class), Path.of("api", "smtp-client-core.api"),
                REGENERATE);
    }

    static Path classesOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
