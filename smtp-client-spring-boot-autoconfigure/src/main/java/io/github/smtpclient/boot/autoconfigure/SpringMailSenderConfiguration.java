package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.boot.mail.SmtpSpringMailSender;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailSender;

/** Spring's {@link MailSender} on the pooled sender, when spring-context-support is on the classpath. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MailSender.class)
class SpringMailSenderConfiguration {

    @Bean
    @ConditionalOnMissingBean(MailSender.class)
    SmtpSpringMailSender smtpSpringMailSender(SmtpMailSender sender, MailMessageDefaults defaults) {
        return new SmtpSpringMailSender(sender, defaults);
    }
}
