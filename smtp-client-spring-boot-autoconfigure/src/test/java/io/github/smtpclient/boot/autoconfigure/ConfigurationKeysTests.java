package io.github.smtpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.configurationmetadata.Deprecation;
import org.springframework.boot.configurationmetadata.ValueHint;

import io.github.smtpclient.testing.PinnedText;

/**
 * Pins every configuration key of the generated metadata ({@code spring-configuration-metadata.json}, which merges
 * the hand-written additional metadata) in {@code api/configuration-keys.txt}: name, type, default, description,
 * deprecation and value hints. Which class declares a key ({@code sourceType}) is left out on purpose, so that
 * splitting {@link SmtpClientProperties} into top-level classes per group keeps this file unchanged: that is the proof
 * that a split kept the keys and their metadata.
 */
class ConfigurationKeysTests {

    private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

    private static final String REGENERATE = "./mvnw -B -o -q -pl smtp-client-spring-boot-autoconfigure -am test"
            + " -Dtest=ConfigurationKeysTests -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true";

    @Test
    void everyKeyMatchesTheCheckedInList() throws IOException {
        PinnedText.assertMatches(Path.of("api", "configuration-keys.txt"), keys(), "The configuration keys",
                REGENERATE);
    }

    /** The IDE shows the description, and the README's key table is read against the same metadata. */
    @Test
    void everyKeyHasADescription() throws IOException {
        assertThat(properties().stream().filter(property -> property.getDescription() == null
                || property.getDescription().isBlank()).map(ConfigurationMetadataProperty::getId))
                .as("keys without a description: give the field a one-sentence Javadoc comment (or, for a key no"
                        + " field backs, a description in additional-spring-configuration-metadata.json)")
                .isEmpty();
    }

    private static List<ConfigurationMetadataProperty> properties() throws IOException {
        try (InputStream in = Files.newInputStream(METADATA)) {
            return ConfigurationMetadataRepositoryJsonBuilder.create(in).build().getAllProperties().values()
                    .stream().sorted(Comparator.comparing(ConfigurationMetadataProperty::getId)).toList();
        }
    }

    private static String keys() throws IOException {
        List<ConfigurationMetadataProperty> properties = properties();
        StringBuilder out = new StringBuilder();
        for (ConfigurationMetadataProperty property : properties) {
            out.append(property.getId()).append(" {\n");
            line(out, "type", property.getType());
            line(out, "default", format(property.getDefaultValue()));
            line(out, "description", property.getDescription());
            Deprecation deprecation = property.getDeprecation();
            if (deprecation != null) {
                line(out, "deprecated", deprecation.getLevel() + " " + deprecation.getReplacement() + " "
                        + deprecation.getReason());
            }
            List<ValueHint> hints = property.getHints().getValueHints();
            if (!hints.isEmpty()) {
                line(out, "values", hints.stream().map(hint -> String.valueOf(hint.getValue()))
                        .collect(Collectors.joining(", ")));
            }
            out.append("}\n\n");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append("    ").append(name).append(' ').append(value.replace("\n", " ")).append('\n');
        }
    }

    private static String format(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Object[] values ? Arrays.toString(values) : String.valueOf(value);
    }
}
