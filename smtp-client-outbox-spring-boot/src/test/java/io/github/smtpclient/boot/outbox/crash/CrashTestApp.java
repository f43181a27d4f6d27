package io.github.smtpclient.boot.outbox.crash;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.outbox.SmtpOutbox;

/**
 * One application instance of the crash test, in its own JVM: a Spring Boot app that enqueues order confirmations
 * {@code from} to {@code to} (program arguments), each in a transaction with its order row (every tenth rolled back),
 * while its outbox workers deliver. It resumes after the last order it committed, prints {@code ENQUEUE-DONE}, and
 * keeps delivering until it is stopped. With {@code --crash.embedded} the outbox is the embedded H2 store and there
 * is no order table.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class CrashTestApp {

    /** Runs an instance; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int from = Integer.parseInt(args[0]);
        int to = Integer.parseInt(args[1]);
        String[] springArgs = java.util.Arrays.copyOfRange(args, 2, args.length);
        SpringApplication application = new SpringApplication(CrashTestApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableApplicationContext context = application.run(springArgs);
        SmtpOutbox outbox = context.getBean(SmtpOutbox.class);
        boolean embedded = context.getEnvironment().getProperty("crash.embedded", Boolean.class, false);
        if (embedded) {
            enqueueEmbedded(outbox, from, to);
        } else {
            enqueueTransactional(context, outbox, from, to);
        }
        System.out.println("ENQUEUE-DONE");
        System.out.flush();
        Thread.sleep(Duration.ofHours(1).toMillis());
    }

    private static void enqueueTransactional(ConfigurableApplicationContext context, SmtpOutbox outbox, int from,
            int to) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        Integer last = jdbc.queryForObject("SELECT MAX(id) FROM orders WHERE id >= ? AND id < ?", Integer.class,
                from, to);
        int start = last == null ? from : last + 1;
        System.out.println("RESUME " + start);
        for (int n = start; n < to; n++) {
            int order = n;
            transactions.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO orders (id) VALUES (?)", order);
                UUID id = outbox.enqueue(message(order));
                if (order % 10 == 0) {
                    status.setRollbackOnly();
                }
                if (id == null) {
                    throw new IllegalStateException("no id");
                }
            });
            if (order % 500 == 0) {
                System.out.println("ENQUEUED " + order);
                System.out.flush();
            }
        }
    }

    private static void enqueueEmbedded(SmtpOutbox outbox, int from, int to) {
        long present = outbox.depths().values().stream().mapToLong(Long::longValue).sum();
        int start = (int) (from + present);
        System.out.println("RESUME " + start);
        for (int n = start; n < to; n++) {
            outbox.enqueue(message(n));
            if (n % 500 == 0) {
                System.out.println("ENQUEUED " + n);
                System.out.flush();
            }
        }
    }

    /** The message of order {@code n}; its Message-ID names the order, so the Maildir can be counted by it. */
    static MailMessage message(int n) {
        return MailMessage.builder().from("shop@example.test").to("outbox@example.test")
                .messageId("<order-" + n + "@crash.example.test>").subject("Order " + n + " confirmed")
                .plainText("Thank you for order " + n + ".").build();
    }
}
