package io.github.smtpclient.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Replaces the application's SMTP server with a real one in the test's JVM: a {@link TestSmtpServer} on a free
 * loopback port, which the pooled sender, {@code JavaMailSender} and {@code MailSender} send to (plaintext, any
 * login accepted), whatever {@code smtp.client.*} or {@code spring.mail.*} says. Inject the server to read what it
 * received; it forgets its messages before each test method.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureTestSmtpServer
 * class WelcomeMailTests {
 *
 *     @Autowired WelcomeMail welcomeMail;
 *     @Autowired TestSmtpServer smtp;
 *
 *     @Test
 *     void welcomesTheNewUser() throws Exception {
 *         welcomeMail.send("bob@example.com");
 *         ReceivedMail mail = smtp.awaitMessage();
 *         assertThat(mail.recipients()).containsExactly("bob@example.com");
 *         assertThat(mail.mimeMessage().getSubject()).isEqualTo("Welcome");
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(TestSmtpServerAutoConfiguration.class)
public @interface AutoConfigureTestSmtpServer {
}
