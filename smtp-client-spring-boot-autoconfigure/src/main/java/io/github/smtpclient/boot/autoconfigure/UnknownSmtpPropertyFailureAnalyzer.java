package io.github.smtpclient.boot.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an {@link UnknownSmtpPropertyException}: which keys, where they were set, and what was probably meant. */
class UnknownSmtpPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSmtpPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownSmtpPropertyException cause) {
        String keys = cause.unknown().stream().map(UnknownSmtpProperties.UnknownProperty::describe)
                .collect(Collectors.joining("\n    ", "\n    ", ""));
        boolean one = cause.unknown().size() == 1;
        String description = (one ? "This key is not an smtp-client property, so the client would ignore it:"
                : "These keys are not smtp-client properties, so the client would ignore them:") + keys;
        String action = "Correct the spelling" + (one ? "" : "s") + " in the configuration;"
                + " every smtp.client property is listed in docs/STARTER.md and completed by the IDE.";
        return new FailureAnalysis(description, action, cause);
    }
}
