package io.github.smtpclient.boot.event;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.smtpclient.Reply;
import io.github.smtpclient.event.BeforeAuthEvent;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.CommandDataEvent;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.ProgressEvent;
import io.github.smtpclient.tls.validation.ValidationReason;
import io.github.smtpclient.tls.validation.ValidationResult;
import io.github.smtpclient.tls.validation.ValidationStatus;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationEventSmtpListenerTests {

    private final List<Object> published = new ArrayList<>();

    @Test
    void chattyEventsArePublishedOnlyWhenSwitchedOn() {
        ApplicationEventSmtpListener quiet = listener(new SmtpEventSwitches(false, false, false, false));
        fireChattyEvents(quiet);
        assertThat(published).isEmpty();

        ApplicationEventSmtpListener chatty = listener(new SmtpEventSwitches(true, true, true, true));
        fireChattyEvents(chatty);
        assertThat(published).hasExactlyElementsOfTypes(SmtpCommandEvent.class, SmtpCommandReplyEvent.class,
                SmtpCommandDataEvent.class, SmtpProgressEvent.class);
        assertThat(((SmtpCommandEvent) published.get(0)).getServer()).isEqualTo("mail.example.test:587");
    }

    @Test
    void anEventListenerCanAcceptACertificateTheValidationRejected() {
        ApplicationEventPublisher acceptingPublisher = event -> {
            if (event instanceof SmtpCertificateValidateEvent certificate) {
                certificate.getEvent().accept();
            }
        };
        CertificateValidateEvent event = new CertificateValidateEvent("mail.example.test", List.of(),
                new ValidationResult(ValidationStatus.INVALID, Set.of(ValidationReason.UNKNOWN_CA), Set.of(),
                        List.of(), List.of()));

        new ApplicationEventSmtpListener(acceptingPublisher, "mail.example.test:587",
                new SmtpEventSwitches(false, false, false, false)).certificateValidate(event);

        assertThat(event.isAccepted()).isTrue();
    }

    @Test
    void anEventListenerCanSupplyTheTokenBeforeAuthentication() {
        ApplicationEventPublisher tokenPublisher = event -> {
            if (event instanceof SmtpBeforeAuthEvent beforeAuth) {
                beforeAuth.getEvent().setOauthToken("fresh-token");
            }
        };
        BeforeAuthEvent event = new BeforeAuthEvent(List.of("XOAUTH2"));

        new ApplicationEventSmtpListener(tokenPublisher, "mail.example.test:587",
                new SmtpEventSwitches(false, false, false, false)).beforeAuth(event);

        assertThat(event.oauthToken()).isEqualTo("fresh-token");
    }

    private ApplicationEventSmtpListener listener(SmtpEventSwitches switches) {
        return new ApplicationEventSmtpListener(published::add, "mail.example.test:587", switches);
    }

    private static void fireChattyEvents(ApplicationEventSmtpListener listener) {
        listener.command(new CommandEvent("NOOP"));
        listener.commandReply(new CommandReplyEvent("NOOP", Reply.of(250, "OK")));
        listener.commandData(new CommandDataEvent(ByteBuffer.allocate(4)));
        listener.progress(new ProgressEvent(4, 4));
    }
}
