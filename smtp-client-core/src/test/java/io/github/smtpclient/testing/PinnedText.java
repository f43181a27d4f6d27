package io.github.smtpclient.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A generated text checked in beside the code (the API of a module, its configuration keys), so that a change to
 * it shows in the diff of the commit that makes it. The text is made of blocks: a line ending in {@code " {"} names
 * the block (its first word with a dot in it), indented lines belong to it, and {@code "}"} closes it.
 *
 * <p>With the system property {@value #UPDATE_PROPERTY} set to {@code true} the file is rewritten instead of
 * compared, so that one command regenerates every pinned file: {@code ./mvnw -B -o verify -Dapi.update=true}.
 */
public final class PinnedText {

    /** The system property that makes {@link #assertMatches} write the file instead of comparing. */
    public static final String UPDATE_PROPERTY = "api.update";

    private static final String INDENT = "    ";

    private PinnedText() {
    }

    /**
     * Compares {@code actual} with {@code file}, or rewrites the file when {@value #UPDATE_PROPERTY} is
     * {@code true}.
     *
     * @param what       what the text is, for the failure message ("The public API")
     * @param regenerate the command that regenerates the file, for the failure message
     * @throws AssertionError listing, per block, every line only the file has ({@code -}) and every line only the
     *                        code has ({@code +}), and the command that regenerates the file
     */
    public static void assertMatches(Path file, String actual, String what, String regenerate) throws IOException {
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            System.out.println("Wrote " + file.toAbsolutePath());
            return;
        }
        String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!expected.equals(actual)) {
            throw new AssertionError(what + " differs from " + file + " (- only in the file, + only in the code):\n"
                    + difference(expected, actual) + "\nIf the change is meant, regenerate the file and commit it"
                    + " with the change:\n    " + regenerate + "\n(after a merge conflict in the file, take either"
                    + " side and regenerate)\n");
        }
    }

    /** Per type: the lines only the file has ({@code -}) and the lines only the code has ({@code +}). */
    static String difference(String expected, String actual) {
        Map<String, Set<String>> before = blocks(expected);
        Map<String, Set<String>> after = blocks(actual);
        Set<String> types = new TreeSet<>(before.keySet());
        types.addAll(after.keySet());
        StringBuilder out = new StringBuilder();
        for (String type : types) {
            Set<String> removed = new LinkedHashSet<>(before.getOrDefault(type, Set.of()));
            removed.removeAll(after.getOrDefault(type, Set.of()));
            Set<String> added = new LinkedHashSet<>(after.getOrDefault(type, Set.of()));
            added.removeAll(before.getOrDefault(type, Set.of()));
            if (removed.isEmpty() && added.isEmpty()) {
                continue;
            }
            String note = !before.containsKey(type) ? " (new type)" : !after.containsKey(type) ? " (type removed)" : "";
            out.append("  ").append(type).append(note).append('\n');
            removed.forEach(line -> out.append("-   ").append(line).append('\n'));
            added.forEach(line -> out.append("+   ").append(line).append('\n'));
        }
        return out.length() == 0 ? "  (only the order or blank lines differ)\n" : out.toString();
    }

    /** Type name to its lines: the header line first, then one per member. */
    private static Map<String, Set<String>> blocks(String dump) {
        Map<String, Set<String>> blocks = new LinkedHashMap<>();
        Set<String> current = null;
        for (String line : dump.split("\n")) {
            if (line.endsWith(" {") && !line.startsWith(INDENT)) {
                String header = line.substring(0, line.length() - 2);
                current = new LinkedHashSet<>();
                current.add(header);
                blocks.put(typeName(header), current);
            } else if (line.startsWith(INDENT) && current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** The first word of a header that holds a dot: the type's binary name. */
    private static String typeName(String header) {
        return Arrays.stream(header.split(" ")).filter(word -> word.contains(".")).findFirst()
                .map(word -> word.contains("<") ? word.substring(0, word.indexOf('<')) : word).orElse(header);
    }
}
