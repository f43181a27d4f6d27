package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps docs/REFERENCE-COVERAGE.md true: one row per line of the reference list, in its order, each with a status,
 * and every test it cites exists.
 */
class ReferenceCoverageTests {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path DOC = MODULE.resolveSibling("docs").resolve("REFERENCE-COVERAGE.md");
    private static final Path REFERENCE = MODULE.getParent().resolveSibling("shared").resolve("reference")
            .resolve("SMTPClient-reference.txt");
    private static final Pattern ROW = Pattern.compile("^\\| (\\w+) \\| (.*) \\| (.*) \\| (.*) \\|$");
    private static final Pattern CITED_TEST = Pattern.compile("`((?:\\w+\\.)*\\w+Tests)`(?: `(\\w+)`)?");

    @Test
    void everyReferenceLineHasOneRowInOrder() throws IOException {
        // The reference list lives in the project's shared folder beside the repository (present in CI).
        assumeTrue(Files.exists(REFERENCE), "reference list not found at " + REFERENCE);
        List<String> reference = new ArrayList<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher matcher = Pattern.compile("^\\| (\\w+) \\| .* \\|$").matcher(line);
            if (matcher.matches()) {
                reference.add(matcher.group(1));
            }
        }
        assertThat(rows().stream().map(row -> row[0]).toList()).containsExactlyElementsOf(reference);
    }

    @Test
    void everyRowHasAStatusAndDoneRowsCiteATest() throws IOException {
        for (String[] row : rows()) {
            assertThat(row[2]).as(row[0]).matches("(done|partial|not yet|not applicable).*");
            if (row[2].equals("done")) {
                assertThat(row[3]).as("test for " + row[0]).isNotBlank();
            }
        }
    }

    @Test
    void everyCitedTestExists() throws IOException {
        Set<String> missing = new LinkedHashSet<>();
        for (String[] row : rows()) {
            Matcher matcher = CITED_TEST.matcher(row[3]);
            while (matcher.find()) {
                Path source = MODULE.resolve("src/test/java/io/github/smtpclient")
                        .resolve(matcher.group(1).replace('.', '/') + ".java");
                if (!Files.exists(source)) {
                    missing.add(matcher.group(1));
                } else if (matcher.group(2) != null && !Files.readString(source).contains(" " + matcher.group(2) + "(")) {
                    missing.add(matcher.group(1) + "#" + matcher.group(2));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher matcher = ROW.matcher(line);
            if (matcher.matches() && !matcher.group(1).equals("reference")) {
                rows.add(new String[] {matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)});
            }
        }
        return rows;
    }
}
