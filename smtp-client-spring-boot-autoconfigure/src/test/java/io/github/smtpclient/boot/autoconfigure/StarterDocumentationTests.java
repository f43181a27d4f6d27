package io.github.smtpclient.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** The property table of README.md lists exactly the keys of the generated metadata, with their defaults. */
class StarterDocumentationTests {

    private static final Path DOCUMENT = Path.of("..", "README.md");

    private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

    private static final Pattern ROW = Pattern.compile("^\\| `(smtp\\.client\\.[a-z0-9.\\-]+)` \\| (?:`([^`]*)`)? \\|");

    @Test
    void everyPropertyIsDocumentedWithItsDefault() throws IOException {
        Map<String, ConfigurationMetadataProperty> metadata = metadata();
        Map<String, String> documented = documented();

        assertThat(documented.keySet()).containsExactlyElementsOf(metadata.keySet());
        metadata.forEach((name, property) -> assertThat(documented.get(name)).as("default of " + name)
                .isEqualTo(format(property.getDefaultValue())));
    }

    @Test
    void everyPropertyHasADescription() throws IOException {
        assertThat(metadata().values()).allSatisfy(property -> assertThat(property.getDescription())
                .as(property.getId()).isNotBlank().endsWith("."));
    }

    private static Map<String, ConfigurationMetadataProperty> metadata() throws IOException {
        try (InputStream in = Files.newInputStream(METADATA)) {
            return ConfigurationMetadataRepositoryJsonBuilder.create(in).build().getAllProperties().values().stream()
                    .filter(property -> property.getId().startsWith("smtp.client."))
                    .collect(Collectors.toMap(ConfigurationMetadataProperty::getId, property -> property,
                            (a, b) -> a, TreeMap::new));
        }
    }

    private static Map<String, String> documented() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(DOCUMENT)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                rows.put(row.group(1), row.group(2) == null ? "" : row.group(2));
            }
        }
        return rows;
    }

    private static String format(Object defaultValue) {
        if (defaultValue == null) {
            return "";
        }
        if (defaultValue instanceof Object[] values) {
            return Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(", "));
        }
        return String.valueOf(defaultValue);
    }
}
