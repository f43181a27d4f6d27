package io.github.smtpclient.sample.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Serves the {@link ProtocolLog} as Server-Sent Events. */
@RestController
class ProtocolLogController {

    private final ProtocolLog protocolLog;

    ProtocolLogController(ProtocolLog protocolLog) {
        this.protocolLog = protocolLog;
    }

    @GetMapping(path = "/api/log", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter log() {
        return protocolLog.subscribe();
    }
}
