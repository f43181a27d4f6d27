package io.github.smtpclient.boot.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a missing bean of the starter (the pooled sender, the client factory, the probe, or Spring's
 * {@code MailSender}/{@code JavaMailSender}) when the reason is that no server was configured: neither
 * {@code smtp.client.host}, nor {@code spring.mail.host}, nor an {@link SmtpConnectionDetails} bean. It runs before
 * Spring Boot's generic missing-bean analysis, which would only say that no bean qualifies, and it names a
 * mistyped {@code smtp.client} key when that is why the host is missing.
 */
class NoSmtpServerFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> implements Ordered {

    private static final Set<String> STARTER_BEANS = Set.of(SmtpMailSender.class.getName(),
            SmtpClientFactory.class.getName(), SmtpServerProbe.class.getName(), "org.springframework.mail.MailSender",
            "org.springframework.mail.javamail.JavaMailSender");

    private final BeanFactory beanFactory;
    private final Environment environment;

    NoSmtpServerFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
        this.beanFactory = beanFactory;
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        Class<?> type = cause.getBeanType() != null ? cause.getBeanType()
                : cause.getResolvableType() != null ? cause.getResolvableType().resolve() : null;
        if (type == null || !STARTER_BEANS.contains(type.getName()) || !serverConditionFailed()) {
            return null;
        }
        List<UnknownSmtpProperties.UnknownProperty> unknown = UnknownSmtpProperties.find(environment,
                NoSmtpServerFailureAnalyzer.class.getClassLoader());
        String description = "A " + type.getSimpleName() + " bean could not be found because no SMTP server is"
                + " configured: neither 'smtp.client.host' nor 'spring.mail.host' is set, and there is no"
                + " SmtpConnectionDetails bean."
                + (unknown.isEmpty() ? "" : unknown.stream().map(UnknownSmtpProperties.UnknownProperty::describe)
                        .collect(Collectors.joining("\n    ", " These keys of the configuration are not smtp-client properties:\n    ",
                                "")));
        String action = "Set 'smtp.client.host' to the SMTP server (usually with 'smtp.client.port',"
                + " 'smtp.client.username' and 'smtp.client.password'); an application written for"
                + " spring-boot-starter-mail may keep 'spring.mail.host' instead (see docs/MIGRATING.md). In tests, use"
                + " @AutoConfigureTestSmtpServer or a Testcontainers @ServiceConnection.";
        return new FailureAnalysis(description, action, cause);
    }

    /**
     * Decided from the configuration and the bean definitions, not from the condition report: by the time a failure
     * is analysed, the failed context has destroyed its singletons, the report among them.
     */
    private boolean serverConditionFailed() {
        Binder binder = Binder.get(environment);
        boolean hostConfigured = binder.bind("smtp.client.host", String.class).isBound()
                || binder.bind("spring.mail.host", String.class).isBound()
                || binder.bind("spring.mail.jndi-name", String.class).isBound();
        boolean connectionDetails = beanFactory instanceof ListableBeanFactory listable
                && listable.getBeanNamesForType(SmtpConnectionDetails.class, true, false).length > 0;
        return !hostConfigured && !connectionDetails;
    }
}
