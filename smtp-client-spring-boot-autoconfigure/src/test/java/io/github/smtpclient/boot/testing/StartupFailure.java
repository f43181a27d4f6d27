package io.github.smtpclient.boot.testing;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts an application that is meant to fail and returns what its user sees: the report of the
 * {@link FailureAnalyzer} that explained the failure, or, when none did, Spring Boot's "Application run failed"
 * with the stack trace. Both are read from the log (Boot's logging system is off in this module's tests, see the
 * pom), so nothing reaches the build output.
 *
 * @param report the lines the application logged when it failed
 */
public record StartupFailure(List<String> report) {

    /** Runs {@code application} with {@code properties} ({@code key=value}), expecting start-up to fail. */
    public static StartupFailure of(Class<?> application, String... properties) {
        try (CapturedLogs analysis = CapturedLogs.withStackTraces(
                "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter");
                CapturedLogs unexplained = CapturedLogs.withStackTraces(SpringApplication.class.getName())) {
            SpringApplicationBuilder builder = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE).properties(properties).properties("spring.main.banner-mode=off");
            assertThatThrownBy(builder::run).as("start-up of " + application.getSimpleName()).isNotNull();
            List<String> lines = new java.util.ArrayList<>(analysis.lines());
            lines.addAll(unexplained.lines());
            return new StartupFailure(lines);
        }
    }

    /** Everything the user sees, as one text. */
    public String text() {
        return String.join("\n", report);
    }
}
