package io.github.smtpclient.boot.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Hands the bound {@link SmtpClientProperties} to {@link SpringMailMigration} once, so that every bean reading them
 * sees the {@code spring.mail.*} configuration, and logs the migration's notes at start-up.
 */
final class SpringMailMigrationPostProcessor implements BeanPostProcessor {

    private static final Log LOG = LogFactory.getLog(SpringMailMigration.class);

    private final Environment environment;

    SpringMailMigrationPostProcessor(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SmtpClientProperties properties) {
            for (SpringMailMigration.Note note : SpringMailMigration.apply(Binder.get(environment), properties)) {
                if (note.warning()) {
                    LOG.warn(note.text());
                } else {
                    LOG.info(note.text());
                }
            }
        }
        return bean;
    }
}
