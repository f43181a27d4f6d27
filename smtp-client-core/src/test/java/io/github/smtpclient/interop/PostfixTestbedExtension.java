package io.github.smtpclient.interop;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Skips tests when the Postfix test bed is not running and injects {@link PostfixTestbed} parameters when it is.
 * Detection runs once per test run. Use it through {@link EnabledIfPostfixTestbed}.
 */
final class PostfixTestbedExtension implements ExecutionCondition, ParameterResolver {

    /** System property that turns "test bed not running" from a skip into a failure. */
    static final String REQUIRED_PROPERTY = "smtp.testbed.required";

    private static final String HOW_TO_START = "start it with scripts/testbed/start.sh";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        PostfixTestbed.Detection detection = detection(context);
        if (detection.testbed().isPresent()) {
            return ConditionEvaluationResult.enabled(detection.explanation());
        }
        String message = "Postfix test bed not running: " + HOW_TO_START + " (" + detection.explanation() + ")";
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            throw new IllegalStateException(message + "; -D" + REQUIRED_PROPERTY + "=true forbids skipping");
        }
        return ConditionEvaluationResult.disabled(message);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PostfixTestbed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return detection(extensionContext).testbed().orElseThrow(
                () -> new IllegalStateException("Postfix test bed not running: " + HOW_TO_START));
    }

    private static PostfixTestbed.Detection detection(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(PostfixTestbedExtension.class));
        return store.computeIfAbsent(PostfixTestbed.Detection.class,
                key -> PostfixTestbed.detect(PostfixTestbed.configuredEnvFile()), PostfixTestbed.Detection.class);
    }
}
