package io.github.smtpclient.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

/**
 * The {@code smtp.client.*} properties that exist, read from the configuration metadata of every jar on the class
 * path (so keys another module adds count too), and the nearest of them to a name that does not exist.
 */
final class KnownProperties {

    static final String PREFIX = "smtp.client.";

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** Each property with whether it holds a map or a list, whose keys or indices follow its name. */
    private final Map<String, Boolean> properties;

    private KnownProperties(Map<String, Boolean> properties) {
        this.properties = properties;
    }

    static KnownProperties load(ClassLoader classLoader) {
        Map<String, Boolean> properties = new TreeMap<>();
        try {
            Enumeration<URL> files = classLoader.getResources(METADATA);
            while (files.hasMoreElements()) {
                read(files.nextElement(), properties);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + METADATA + ": " + e.getMessage(), e);
        }
        return new KnownProperties(properties);
    }

    private static void read(URL file, Map<String, Boolean> properties) throws IOException {
        ConfigurationMetadataRepository repository;
        try (InputStream in = file.openStream()) {
            repository = ConfigurationMetadataRepositoryJsonBuilder.create(StandardCharsets.UTF_8).withJsonResource(in)
                    .build();
        }
        repository.getAllProperties().forEach((name, property) -> {
            if (name.startsWith(PREFIX)) {
                String type = String.valueOf(property.getType());
                properties.merge(name, type.startsWith("java.util.Map") || type.startsWith("java.util.List")
                        || type.startsWith("java.util.Set") || type.startsWith("java.util.Collection")
                        || type.endsWith("[]"), Boolean::logicalOr);
            }
        });
    }

    /** Whether a canonical property name ({@code smtp.client.tls.trusted-certificates[0]}) is a known property. */
    boolean isKnown(String name) {
        String bare = name.replaceAll("\\[[^]]*]", "");
        if (properties.containsKey(bare)) {
            return true;
        }
        for (Map.Entry<String, Boolean> property : properties.entrySet()) {
            if (property.getValue() && (bare.startsWith(property.getKey() + ".") || name.startsWith(property.getKey() + "["))) {
                return true;
            }
        }
        return false;
    }

    /** The known property closest in spelling, when one is close enough to be what was meant. */
    Optional<String> nearest(String name) {
        String bare = name.replaceAll("\\[[^]]*]", "");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : properties.keySet()) {
            int distance = distance(bare, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerated = Math.max(2, (bare.length() - PREFIX.length()) / 3);
        return bestDistance <= tolerated ? Optional.of(best) : Optional.empty();
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn one name into the other. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
