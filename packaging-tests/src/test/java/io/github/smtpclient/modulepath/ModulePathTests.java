package io.github.smtpclient.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;

/**
 * The client as a modular application uses it: {@link SendThroughModule} runs in a JVM of its own with nothing on
 * the class path, only the module path (this module, the core module and what the core requires), and sends one
 * message with STARTTLS and AUTH to a real SMTP server in this JVM.
 */
class ModulePathTests {

    private static final String MAIN = "io.github.smtpclient.modulepath/" + SendThroughModule.class.getName();

    @Test
    void aNamedModuleSendsWithStartTlsAndAuthOnTheModulePath(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.forLocalhost();
        Path ca = Files.writeString(dir.resolve("ca.pem"), certificates.caPem());
        try (InProcessSmtpServer server = InProcessSmtpServer.startRequiringTlsAndAuth(certificates)) {
            Run run = java(dir, "--module-path", modulePath(), "--module", MAIN, "localhost",
                    String.valueOf(server.port()), ca.toString(), InProcessSmtpServer.USER,
                    InProcessSmtpServer.PASSWORD, "app@example.org", "user@example.net", "From a named module");

            assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
            assertThat(run.output()).contains("module=io.github.smtpclient", "accepted=1", "secure=true");
            assertThat(exportedPackages(run.output())).contains("io.github.smtpclient", "io.github.smtpclient.message")
                    .doesNotContain("io.github.smtpclient.internal", "io.github.smtpclient.protocol");
            assertThat(server.received()).singleElement().satisfies(received -> assertThat(
                    new String(received.data(), StandardCharsets.UTF_8)).contains("Subject: From a named module"));
        }
    }

    /** This module's classes, then every runtime dependency as the build resolved it (the core's among them). */
    private static String modulePath() throws IOException {
        String dependencies = Files.readString(Path.of(System.getProperty("module.path.file"))).strip();
        return System.getProperty("module.classes") + File.pathSeparator + dependencies;
    }

    private static List<String> exportedPackages(String output) {
        return output.lines().filter(line -> line.startsWith("exports=")).findFirst()
                .map(line -> List.of(line.substring("exports=".length()).split(","))).orElse(List.of());
    }

    private static Run java(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("java.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the module-path JVM did not finish in 60 s; output:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private record Run(int exitCode, String output) {
    }
}
