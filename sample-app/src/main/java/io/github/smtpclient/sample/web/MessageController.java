package io.github.smtpclient.sample.web;

import java.util.List;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.sample.embedded.ReceivedMessage;
import io.github.smtpclient.sample.embedded.ReceivedMessages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sends what the page's form composed ({@link MessageForm}), and lists what the embedded server received. */
@RestController
@RequestMapping("/api")
class MessageController {

    private final SmtpMailSender sender;
    private final MailMessageDefaults defaults;
    private final ObjectProvider<ReceivedMessages> receivedMessages;

    MessageController(SmtpMailSender sender, MailMessageDefaults defaults,
            ObjectProvider<ReceivedMessages> receivedMessages) {
        this.sender = sender;
        this.defaults = defaults;
        this.receivedMessages = receivedMessages;
    }

    /** What the send endpoint answers: the Message-ID and the recipients the server accepted. */
    record Sent(String messageId, List<String> accepted, List<String> rejected) {
    }

    /** The received list; {@code embedded} is false with the {@code relay} profile, where the list stays empty. */
    record Received(boolean embedded, List<ReceivedMessage> messages) {
    }

    @PostMapping(path = "/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Sent send(@ModelAttribute MessageForm form) throws SmtpException {
        SendResult result = sender.sendMessage(form.toMessage(defaults));
        return new Sent(result.messageId().orElse(""), addresses(result.acceptedRecipients()),
                addresses(result.rejectedRecipients()));
    }

    @GetMapping("/received")
    Received received() {
        ReceivedMessages messages = receivedMessages.getIfAvailable();
        return messages == null ? new Received(false, List.of()) : new Received(true, messages.newestFirst());
    }

    @ExceptionHandler
    ProblemDetail refused(SmtpException failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, failure.getMessage());
        problem.setTitle("The SMTP server did not take the message");
        problem.setProperty("errorCode", failure.errorCode().name());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail badInput(IllegalArgumentException failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, failure.getMessage());
        problem.setTitle("The message cannot be composed");
        return problem;
    }

    private static List<String> addresses(List<RecipientResult> recipients) {
        return recipients.stream().map(RecipientResult::address).toList();
    }
}
