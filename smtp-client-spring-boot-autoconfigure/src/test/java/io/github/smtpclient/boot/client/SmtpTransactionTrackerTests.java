package io.github.smtpclient.boot.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.Reply;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.MessageFailedEvent;
import io.github.smtpclient.event.MessageSentEvent;
import io.github.smtpclient.event.MessageStartedEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpTransactionTrackerTests {

    private final List<String> outcomes = new ArrayList<>();

    private final SmtpTransactionTracker tracker = new SmtpTransactionTracker(List.of(message -> {
        String subject = message.subject().orElse("-");
        return new SmtpTransactionObserver.Transaction() {
            @Override
            public void succeeded(SendResult result) {
                outcomes.add("sent " + subject + " to " + result.acceptedRecipients().stream()
                        .map(RecipientResult::address).toList() + ", " + result.bytesSent() + " bytes");
            }

            @Override
            public void failed(SmtpException failure, List<RecipientResult> recipients, long bytesSent) {
                outcomes.add("failed " + subject + ": " + failure.errorCode() + " after " + recipients.size()
                        + " recipient(s)");
            }
        };
    }));

    @Test
    void eachStartIsEndedByTheEventWithItsSequenceNumberEvenWhenPipelined() {
        start(1, "first");
        start(2, "second");
        tracker.messageSent(new MessageSentEvent(1, result("b@y.test", 20)));
        tracker.messageFailed(new MessageFailedEvent(2, new SmtpException(SmtpErrorCode.MESSAGE_REJECTED, "no"),
                List.of(new RecipientResult("c@y.test", Reply.of(250, "ok"))), 12));

        assertThat(outcomes).containsExactly("sent first to [b@y.test], 20 bytes",
                "failed second: MESSAGE_REJECTED after 1 recipient(s)");
    }

    @Test
    void anEndWithoutAStartIsIgnoredAndAnEndIsToldOnce() {
        tracker.messageSent(new MessageSentEvent(7, result("b@y.test", 1)));
        start(1, "once");
        tracker.messageSent(new MessageSentEvent(1, result("b@y.test", 5)));
        tracker.messageSent(new MessageSentEvent(1, result("b@y.test", 5)));

        assertThat(outcomes).containsExactly("sent once to [b@y.test], 5 bytes");
    }

    private void start(long sequence, String subject) {
        tracker.messageStarted(new MessageStartedEvent(sequence, Envelope.of("a@x.test", "b@y.test"), Optional.empty(),
                Optional.of(subject)));
    }

    private static SendResult result(String recipient, long bytes) {
        return new SendResult(Optional.empty(), List.of(new RecipientResult(recipient, Reply.of(250, "ok"))),
                Reply.of(250, "queued"), bytes);
    }
}
