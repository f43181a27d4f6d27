package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.JavadocCoverage;

/** Every public and protected element of the exported packages has a Javadoc comment (javadoc publishes them). */
class JavadocCoverageTests {

    @Test
    void everyElementAnApplicationSeesIsDocumented() throws Exception {
        List<String> undocumented = JavadocCoverage.undocumented(Path.of("src", "main", "java"), exportedPackages());
        assertThat(undocumented).as("public or protected elements of exported packages without a Javadoc comment;"
                + " write one sentence on what each is or does (an overriding method needs none)").isEmpty();
    }

    private static Set<String> exportedPackages() throws Exception {
        Path classes = Path.of(SmtpClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream().filter(export -> !export.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        }
    }
}
