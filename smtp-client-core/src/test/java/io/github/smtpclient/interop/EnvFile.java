package io.github.smtpclient.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code KEY=VALUE} files the test-bed scripts write, and where a run finds them. */
final class EnvFile {

    private EnvFile() {
    }

    /**
     * Reads {@code KEY=VALUE} lines; blank lines and {@code #} comments are ignored, and a later line overrides an
     * earlier one with the same key.
     */
    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IOException(file + ": expected KEY=VALUE but found: " + line);
            }
            settings.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return settings;
    }

    /** The file named by the system property, else by the environment variable; empty when neither is set. */
    static Optional<Path> configured(String property, String variable) {
        String configured = System.getProperty(property);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(variable);
        }
        return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured));
    }
}
