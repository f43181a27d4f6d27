package io.github.smtpclient.boot.autoconfigure;

import java.util.Map;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing {@link SmtpMailSender} or {@link SmtpClientFactory} bean when the reason is that no server
 * was configured: neither {@code smtp.client.host} nor an {@link SmtpConnectionDetails} bean.
 */
class NoSmtpServerFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {

    private final BeanFactory beanFactory;

    NoSmtpServerFailureAnalyzer(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        Class<?> type = cause.getBeanType() != null ? cause.getBeanType()
                : cause.getResolvableType() != null ? cause.getResolvableType().resolve() : null;
        boolean ours = type == SmtpMailSender.class || type == SmtpClientFactory.class || type == SmtpServerProbe.class;
        if (!ours || !serverConditionFailed()) {
            return null;
        }
        String description = "A " + type.getSimpleName() + " bean could not be found because no SMTP server is"
                + " configured: 'smtp.client.host' is not set and there is no SmtpConnectionDetails bean.";
        String action = "Set 'smtp.client.host' (and usually 'smtp.client.port', 'smtp.client.username' and"
                + " 'smtp.client.password'), or use a Testcontainers @ServiceConnection in tests.";
        return new FailureAnalysis(description, action, cause);
    }

    private boolean serverConditionFailed() {
        ConditionEvaluationReport report = ConditionEvaluationReport.find(beanFactory);
        if (report == null) {
            return false;
        }
        Map<String, ConditionAndOutcomes> bySource = report.getConditionAndOutcomesBySource();
        ConditionAndOutcomes outcomes = bySource.get(SmtpClientAutoConfiguration.class.getName());
        return outcomes != null && outcomes.stream()
                .anyMatch(candidate -> candidate.getCondition() instanceof SmtpClientAutoConfiguration.SmtpServerCondition
                        && !candidate.getOutcome().isMatch());
    }
}
