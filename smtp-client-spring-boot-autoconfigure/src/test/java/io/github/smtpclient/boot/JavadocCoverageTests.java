package io.github.smtpclient.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.JavadocCoverage;

/**
 * Every public and protected element of the module has a Javadoc comment (javadoc publishes them all). The getters
 * and setters of the {@code *Properties} classes are the exception, as in Spring Boot: their fields carry the
 * documentation, which the configuration metadata takes to the IDE (ConfigurationKeysTests checks every key has it).
 */
class JavadocCoverageTests {

    private static final Path SOURCES = Path.of("src", "main", "java");

    private static final Pattern PROPERTIES_ACCESSOR = Pattern.compile(
            ".*Properties\\.java:\\d+: public [^(]* (get|is|set)[A-Z]\\w*\\(.*");

    @Test
    void everyElementAnApplicationSeesIsDocumented() throws Exception {
        List<String> undocumented = JavadocCoverage.undocumented(SOURCES, packages()).stream()
                .filter(found -> !PROPERTIES_ACCESSOR.matcher(found).matches()).toList();
        assertThat(undocumented).as("public or protected elements without a Javadoc comment; write one sentence on"
                + " what each is or does (an overriding method needs none)").isEmpty();
    }

    private static Set<String> packages() throws Exception {
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            return walk.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem()
                            .getSeparator(), "."))
                    .collect(Collectors.toSet());
        }
    }
}
