package io.github.smtpclient.sample.web;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.smtpclient.SmtpException;
import io.github.smtpclient.boot.event.SmtpCommandEvent;
import io.github.smtpclient.boot.event.SmtpCommandReplyEvent;
import io.github.smtpclient.boot.event.SmtpErrorEvent;
import io.github.smtpclient.boot.event.SmtpMessageSentEvent;
import io.github.smtpclient.boot.event.SmtpNotificationEvent;
import io.github.smtpclient.boot.event.SmtpProgressEvent;

import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live protocol log: turns the starter's {@code Smtp*Event}s into lines (commands, replies, notices, errors;
 * secrets arrive already masked) and transfer progress, and streams them to every page that subscribed, as
 * Server-Sent Events named {@code log} and {@code progress}. A new subscriber first gets the last
 * {@value #BACKLOG} lines.
 */
@Component
public final class ProtocolLog {

    /** One log line. {@code direction}: {@code C} client, {@code S} server, {@code *} notice, {@code !} error. */
    public record Line(Instant time, String direction, String text) {
    }

    /** Message data handed to the connection so far; {@code totalBytes} is -1 when the size is not known ahead. */
    public record Progress(long bytesSent, long totalBytes) {
    }

    static final int BACKLOG = 200;

    private static final long SUBSCRIPTION_TIMEOUT_MILLIS = 30 * 60 * 1000;

    private final Deque<Line> backlog = new ArrayDeque<>(BACKLOG);
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();

    /** A stream of the backlog and then every new line and progress report; the browser reconnects when it times out. */
    public synchronized SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(SUBSCRIPTION_TIMEOUT_MILLIS);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(emitter::complete);
        emitter.onError(failure -> subscribers.remove(emitter));
        try {
            // Sent even with an empty backlog: the browser sees the stream as open only once something arrives.
            emitter.send(SseEmitter.event().comment("protocol log"));
            for (Line line : backlog) {
                emitter.send(SseEmitter.event().name("log").data(line, MediaType.APPLICATION_JSON));
            }
        } catch (IOException gone) {
            return emitter;
        }
        subscribers.add(emitter);
        return emitter;
    }

    /** The lines kept for new subscribers, oldest first. */
    public synchronized List<Line> backlog() {
        return List.copyOf(backlog);
    }

    @EventListener
    void command(SmtpCommandEvent event) {
        log("C", event.getEvent().line());
    }

    @EventListener
    void reply(SmtpCommandReplyEvent event) {
        for (String line : event.getEvent().reply().toWireString().split("\r\n")) {
            log("S", line);
        }
    }

    @EventListener
    void notification(SmtpNotificationEvent event) {
        log("*", event.getEvent().kind() + ": " + event.getEvent().text());
    }

    @EventListener
    void error(SmtpErrorEvent event) {
        SmtpException failure = event.getEvent().exception();
        log("!", failure.errorCode() + ": " + failure.getMessage());
    }

    @EventListener
    void sent(SmtpMessageSentEvent event) {
        log("*", "Message accepted for " + event.getResult().acceptedRecipients().size() + " recipient(s), "
                + event.getResult().bytesSent() + " bytes");
    }

    @EventListener
    synchronized void progress(SmtpProgressEvent event) {
        broadcast("progress", new Progress(event.getEvent().bytesSent(), event.getEvent().totalBytes()));
    }

    private synchronized void log(String direction, String text) {
        Line line = new Line(Instant.now(), direction, text);
        if (backlog.size() == BACKLOG) {
            backlog.removeFirst();
        }
        backlog.addLast(line);
        broadcast("log", line);
    }

    private void broadcast(String name, Object data) {
        subscribers.removeIf(emitter -> !send(emitter, name, data));
    }

    /** False when the page has gone away. */
    private static boolean send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException gone) {
            return false;
        }
    }
}
