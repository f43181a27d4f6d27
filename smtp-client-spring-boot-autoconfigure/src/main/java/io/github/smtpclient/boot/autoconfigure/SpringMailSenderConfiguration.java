package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.boot.mail.MailSenderOptions;
import io.github.smtpclient.boot.mail.SmtpSpringMailSender;
import io.github.smtpclient.message.Mailbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailSender;

/**
 * Spring's {@link MailSender} on the pooled sender when spring-context-support is present without Jakarta Mail
 * (with it, {@link JavaMailSenderConfiguration} provides the {@code MailSender}), unless the application defines one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MailSender.class)
class SpringMailSenderConfiguration {

    @Bean
    @ConditionalOnMissingBean(MailSender.class)
    SmtpSpringMailSender smtpSpringMailSender(SmtpMailSender sender, MailMessageDefaults defaults,
            SmtpClientProperties properties) {
        return new SmtpSpringMailSender(sender, defaults, options(properties));
    }

    /** {@code smtp.client.mail-sender.*}, checked. */
    static MailSenderOptions options(SmtpClientProperties properties) {
        SmtpMailSenderProperties mailSender = properties.getMailSender();
        PropertyCheck.set("smtp.client.mail-sender.envelope-from", mailSender.getEnvelopeFrom(), address -> {
            if (address != null) {
                Mailbox.parse(address);
            }
        });
        return new MailSenderOptions(mailSender.getDefaultEncoding(), mailSender.getPartialRejection(),
                mailSender.getEnvelopeFrom());
    }
}
