package io.github.smtpclient.sample.outbox;

import java.util.UUID;

import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.outbox.OutboxException;
import io.github.smtpclient.outbox.SmtpOutbox;
import io.github.smtpclient.sample.web.MessageForm;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Outbox panel's API: queue what the compose form holds, show the queue, and retry or park one message, as an
 * operator would through the {@code smtpoutbox} Actuator endpoint.
 */
@RestController
@RequestMapping("/api/outbox")
class OutboxController {

    private static final String OPERATOR = "sample page";

    private final SmtpOutbox outbox;
    private final MailMessageDefaults defaults;
    private final OutboxView view;

    OutboxController(SmtpOutbox outbox, MailMessageDefaults defaults) {
        this.outbox = outbox;
        this.defaults = defaults;
        this.view = new OutboxView(outbox);
    }

    /** What the enqueue answers: the outbox id, which the panel's rows and the Actuator endpoint know it by. */
    record Queued(UUID id) {
    }

    /** What an action answers: whether it changed the message, and the row afterwards. */
    record Acted(boolean changed, OutboxView.Row message) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Queued enqueue(@ModelAttribute MessageForm form) {
        return new Queued(outbox.enqueue(form.toMessage(defaults)));
    }

    @GetMapping
    OutboxView.Snapshot list() {
        return view.snapshot();
    }

    @PostMapping("/{id}/retry")
    Acted retry(@PathVariable UUID id) {
        return acted(id, outbox.retry(id, OPERATOR));
    }

    @PostMapping("/{id}/park")
    Acted park(@PathVariable UUID id) {
        return acted(id, outbox.park(id, OPERATOR));
    }

    private Acted acted(UUID id, boolean changed) {
        return outbox.find(id).map(entry -> new Acted(changed, OutboxView.Row.of(entry)))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No outbox message " + id));
    }

    @ExceptionHandler
    ProblemDetail badInput(IllegalArgumentException failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, failure.getMessage());
        problem.setTitle("The message cannot be queued");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail storeFailed(OutboxException failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage());
        problem.setTitle("The outbox store failed");
        return problem;
    }
}
