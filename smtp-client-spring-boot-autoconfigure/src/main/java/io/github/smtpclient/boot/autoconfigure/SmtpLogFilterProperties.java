package io.github.smtpclient.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.log.LogEvent;

/**
 * The {@code smtp.client.log.filters.*} properties: which commands and events the protocol log shows,
 * within its level.
 */
public class SmtpLogFilterProperties {

    /** Command verbs whose lines and replies are logged, such as MAIL and RCPT; empty means every command. */
    private List<String> commands = new ArrayList<>();

    /** Other events logged: CONNECTION, NOTIFICATION, ERROR, MESSAGE; empty means every event. */
    private List<LogEvent> events = new ArrayList<>();

    public List<String> getCommands() {
        return commands;
    }

    public void setCommands(List<String> commands) {
        this.commands = commands;
    }

    public List<LogEvent> getEvents() {
        return events;
    }

    public void setEvents(List<LogEvent> events) {
        this.events = events;
    }
}
