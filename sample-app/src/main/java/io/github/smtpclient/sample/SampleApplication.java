package io.github.smtpclient.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

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
        Environment environment = event.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port");
        if (port != null) {
            String address = environment.getProperty("server.address", "127.0.0.1");
            String host = address.equals("0.0.0.0") || address.equals("::") ? "localhost"
                    : address.contains(":") ? "[" + address + "]" : address;
            log.info("smtp-client sample app is ready: open http://{}:{}/", host, port);
        }
    }
}
