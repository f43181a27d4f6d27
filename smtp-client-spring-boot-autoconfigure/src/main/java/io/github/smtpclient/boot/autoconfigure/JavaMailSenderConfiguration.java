package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.boot.mail.SmtpJavaMailSender;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Spring's {@link JavaMailSender} on the pooled sender when Jakarta Mail and spring-context-support are present (the
 * starter brings both, as {@code spring-boot-starter-mail} does), unless the application defines a
 * {@link MailSender}. Boot's own {@code MailSenderAutoConfiguration}, which runs after this one, then backs off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ MimeMessage.class, JavaMailSender.class })
class JavaMailSenderConfiguration {

    @Bean
    @ConditionalOnMissingBean(MailSender.class)
    SmtpJavaMailSender smtpJavaMailSender(SmtpMailSender sender, MailMessageDefaults defaults,
            SmtpClientProperties properties) {
        return new SmtpJavaMailSender(sender, defaults, SpringMailSenderConfiguration.options(properties));
    }
}
