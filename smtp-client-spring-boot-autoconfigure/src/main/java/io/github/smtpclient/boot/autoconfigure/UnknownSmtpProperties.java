package io.github.smtpclient.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds {@code smtp.client.*} keys in the application's configuration that no property has, such as a mistyped
 * {@code smtp.client.usernmae}, which would otherwise be ignored without a word. Environment variables are not
 * checked: their names lose the dashes and the machine may have unrelated ones that share the prefix.
 */
final class UnknownSmtpProperties {

    /** One key that no property has. */
    record UnknownProperty(String name, @Nullable Origin origin, Optional<String> suggestion) {

        /** The key, where it was set, and the property it probably means. */
        String describe() {
            return "'" + name + "'" + (origin == null ? "" : " (from " + origin + ")")
                    + suggestion.map(known -> ": did you mean '" + known + "'?")
                            .orElse(": no smtp.client property is spelt like it");
        }
    }

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("smtp.client");

    private UnknownSmtpProperties() {
    }

    /** @throws UnknownSmtpPropertyException when the configuration has a key that no property has */
    static void check(Environment environment, ClassLoader classLoader) {
        List<UnknownProperty> unknown = find(environment, classLoader);
        if (!unknown.isEmpty()) {
            throw new UnknownSmtpPropertyException(unknown);
        }
    }

    static List<UnknownProperty> find(Environment environment, ClassLoader classLoader) {
        Map<String, Origin> names = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable
                    && !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
                iterable.stream().filter(ROOT::isAncestorOf).forEach(name -> {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    names.putIfAbsent(name.toString(), property == null ? null : property.getOrigin());
                });
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        KnownProperties known = KnownProperties.load(classLoader);
        List<UnknownProperty> unknown = new ArrayList<>();
        names.forEach((name, origin) -> {
            if (!known.isKnown(name)) {
                unknown.add(new UnknownProperty(name, origin, known.nearest(name)));
            }
        });
        return unknown;
    }
}
