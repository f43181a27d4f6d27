package io.github.smtpclient.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.smtpclient.Setting;
import org.junit.jupiter.api.Test;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.configurationmetadata.ValueHint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/STARTER.md lists every key of the generated metadata with its default, its values and its description, in a
 * table generated from the metadata; every enumerated key has value hints; every setting that advice can name has
 * its property. Run with {@code -Dsmtp.docs.update=true} to rewrite the table after changing a property.
 */
class StarterDocumentationTests {

    private static final Path DOCUMENT = Path.of("..", "docs", "STARTER.md");

    private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

    private static final String START = "<!-- properties:start (generated from the metadata by StarterDocumentationTests) -->";

    private static final String END = "<!-- properties:end -->";

    /** Keys whose values are a fixed set although their type is String. */
    private static final List<String> ENUMERATED_STRINGS = List.of("smtp.client.tls.versions");

    @Test
    void theStarterReferenceListsEveryKeyOfTheMetadata() throws IOException {
        String document = Files.readString(DOCUMENT);
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        assertThat(start).as("markers in " + DOCUMENT).isNotNegative();
        assertThat(end).isGreaterThan(start);
        String expected = document.substring(0, start + START.length()) + "\n" + table() + document.substring(end);
        if (!expected.equals(document) && Boolean.getBoolean("smtp.docs.update")) {
            Files.writeString(DOCUMENT, expected);
            return;
        }
        assertThat(document).as("docs/STARTER.md is out of date; regenerate it with: mvn -B -o -pl"
                + " smtp-client-core,smtp-client-spring-boot-autoconfigure test -Dtest=StarterDocumentationTests"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dsmtp.docs.update=true").isEqualTo(expected);
    }

    @Test
    void everyPropertyHasADescription() throws IOException {
        assertThat(metadata().values()).allSatisfy(property -> assertThat(property.getDescription())
                .as(property.getId()).isNotBlank().endsWith("."));
    }

    @Test
    void everyEnumeratedPropertyHasAValueHintForEachValue() throws IOException {
        for (ConfigurationMetadataProperty property : metadata().values()) {
            if (!property.getId().startsWith("smtp.client.")) {
                continue; // management.endpoint.smtp.access has Boot's own hints
            }
            Class<?> type = enumType(property.getType());
            if (type == null && !ENUMERATED_STRINGS.contains(property.getId())) {
                continue;
            }
            List<String> hinted = property.getHints().getValueHints().stream().map(hint -> String.valueOf(hint.getValue()))
                    .toList();
            assertThat(hinted).as("value hints of " + property.getId()).isNotEmpty();
            assertThat(property.getHints().getValueHints()).as(property.getId())
                    .allSatisfy(hint -> assertThat(hint.getDescription()).isNotBlank());
            if (type != null) {
                List<String> constants = Arrays.stream(type.getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
                assertThat(hinted).as("value hints of " + property.getId()).containsExactlyInAnyOrderElementsOf(constants);
            }
        }
    }

    @Test
    void everySettingThatAdviceNamesIsAProperty() throws IOException {
        Map<String, ConfigurationMetadataProperty> metadata = metadata();
        for (Setting setting : Setting.values()) {
            assertThat(metadata).as(setting.name()).containsKey(PropertySettingNames.property(setting));
        }
    }

    private static Class<?> enumType(String type) {
        Matcher element = Pattern.compile("java\\.util\\.(?:List|Set|Collection)<(.+)>").matcher(type);
        String name = element.matches() ? element.group(1) : type;
        try {
            Class<?> candidate = Class.forName(name);
            return candidate.isEnum() ? candidate : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static String table() throws IOException {
        StringBuilder table = new StringBuilder("| Property | Default | Values | Description |\n|---|---|---|---|\n");
        for (ConfigurationMetadataProperty property : metadata().values()) {
            table.append("| `").append(property.getId()).append("` | ")
                    .append(code(format(property.getDefaultValue()))).append(" | ")
                    .append(property.getHints().getValueHints().stream().map(ValueHint::getValue)
                            .map(value -> "`" + value + "`").collect(Collectors.joining(", ")))
                    .append(" | ").append(property.getDescription().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    private static Map<String, ConfigurationMetadataProperty> metadata() throws IOException {
        try (InputStream in = Files.newInputStream(METADATA)) {
            return ConfigurationMetadataRepositoryJsonBuilder.create(StandardCharsets.UTF_8).withJsonResource(in).build()
                    .getAllProperties().values().stream()
                    .collect(Collectors.toMap(ConfigurationMetadataProperty::getId, property -> property,
                            (a, b) -> a, TreeMap::new));
        }
    }

    private static String code(String value) {
        return value.isEmpty() ? "" : "`" + value + "`";
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
