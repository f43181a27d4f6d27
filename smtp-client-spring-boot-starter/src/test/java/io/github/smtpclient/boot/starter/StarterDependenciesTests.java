package io.github.smtpclient.boot.starter;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter brings what spring-boot-starter-mail brings, so code written for it runs after the dependency swap,
 * without Boot's own mail auto-configuration; smtp-client-core stays free of Spring and Jakarta Mail.
 */
class StarterDependenciesTests {

    @Test
    void springMailCodeFindsEverythingItNeedsOnTheStartersClasspath() {
        assertThat(List.of("org.springframework.mail.javamail.JavaMailSender",
                "org.springframework.mail.javamail.MimeMessageHelper", "jakarta.mail.internet.MimeMessage",
                "org.eclipse.angus.mail.smtp.SMTPTransport", "io.github.smtpclient.boot.mail.SmtpJavaMailSender",
                "io.github.smtpclient.SmtpMailSender")).allSatisfy(name -> assertThat(loadable(name)).as(name).isTrue());
    }

    @Test
    void bootsOwnMailAutoConfigurationIsNotBroughtIn() {
        assertThat(loadable("org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")).isFalse();
    }

    @Test
    void coreDependsOnNeitherSpringNorJakartaMail() throws Exception {
        List<String> compile = compileDependencies(Path.of("..", "smtp-client-core", "pom.xml"));
        assertThat(compile).isNotEmpty().noneMatch(dependency -> dependency.startsWith("org.springframework")
                || dependency.startsWith("jakarta.") || dependency.startsWith("org.eclipse.angus"));
    }

    @Test
    void theJarSaysWhyItHasNoClasses() throws IOException {
        try (InputStream note = getClass().getResourceAsStream("/META-INF/smtp-client-starter.txt")) {
            assertThat(note).isNotNull();
            assertThat(new String(note.readAllBytes())).contains("no classes by design", "spring-boot-starter-mail");
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, StarterDependenciesTests.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** groupId:artifactId of every dependency in the pom without a test scope. */
    private static List<String> compileDependencies(Path pom)
            throws ParserConfigurationException, SAXException, IOException {
        NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Files.newInputStream(pom)).getElementsByTagName("dependency");
        List<String> compile = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String scope = text(dependency, "scope");
            if (!"test".equals(scope)) {
                compile.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
            }
        }
        return compile;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
