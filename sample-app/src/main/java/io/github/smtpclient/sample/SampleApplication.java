package io.github.smtpclient.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.event.EventListener;

/**
 * The sample web app: a page to compose and send mail through the starter's pooled {@code SmtpMailSender}, the
 * messages the embedded SMTP server received, the live protocol log, and links to Actuator. By default the mail goes
 * to an SMTP server started in this JVM; the {@code relay} profile sends to the server named by {@code SMTP_HOST}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    private static final Logger log = LoggerFactory.getLogger(SampleApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @EventListener
    void printUrl(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
        if (port != null) {
            log.info("smtp-client sample app is ready: open http://localhost:{}/", port);
        }
    }
}
