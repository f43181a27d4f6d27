package io.github.smtpclient.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds the public and protected elements of a module's main sources that have no Javadoc comment, with the JDK's
 * own rules (javac's doclint, the check javadoc runs): a type, constructor, method, field or enum constant that an
 * application can see needs one; a method that overrides another inherits its comment. The build's Javadoc run
 * leaves this check out because on JDK 17 it comes only together with demands for {@code @param} and
 * {@code @return} on every method, which the project does not make.
 */
public final class JavadocCoverage {

    private JavadocCoverage() {
    }

    /**
     * The elements without a comment, as {@code file:line: source line}.
     *
     * @param sources  the module's {@code src/main/java}; {@code module-info.java} is left out
     * @param packages the packages whose elements are documented (an application sees them)
     */
    public static List<String> undocumented(Path sources, Collection<String> packages) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("module-info.java"))
                    .filter(file -> packages.contains(packageOf(sources, file)))
                    .sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("javadoc-coverage");
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-proc:none", "-implicit:none", "--release", "17", "-XDshould-stop.ifNoError=FLOW",
                    "-classpath", System.getProperty("java.class.path"), "-sourcepath", sources.toString(),
                    "-d", out.toString(),
                    "-Xdoclint:missing/protected", "-Xdoclint/package:" + String.join(",", packages),
                    "-Xmaxwarns", "100000", "-Xmaxerrs", "100000");
            javac.getTask(new StringWriter(), fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
        } finally {
            deleteRecursively(out);
        }
        List<String> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getSource() != null && diagnostic.getMessage(Locale.ROOT).equals("no comment")) {
                Path file = Path.of(diagnostic.getSource().toUri());
                String line = Files.readAllLines(file).get((int) diagnostic.getLineNumber() - 1).strip();
                found.add(sources.toAbsolutePath().relativize(file) + ":" + diagnostic.getLineNumber() + ": " + line);
            }
        }
        return found.stream().distinct().sorted().collect(Collectors.toList());
    }

    private static String packageOf(Path sources, Path file) {
        Path directory = sources.relativize(file).getParent();
        return directory == null ? "" : directory.toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
