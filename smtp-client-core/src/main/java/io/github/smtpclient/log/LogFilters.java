package io.github.smtpclient.log;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which commands and events the protocol log shows (the reference's LogFilters), within what the {@link LogLevel}
 * allows. A command filter keeps those commands and the replies to them (and the message data, when DATA or BDAT is
 * kept); an empty one keeps every command.
 *
 * <p>Text form, as {@code config("LogFilters=...")} and {@code smtp.client.log.filters} take it:
 * {@code commands=MAIL,RCPT;events=error,message}. Either part may be left out (all), and a plain list such as
 * {@code MAIL,RCPT} names commands.
 *
 * @param commands the command verbs shown (upper case), or empty for all
 * @param events   the other events shown
 */
public record LogFilters(Set<String> commands, Set<LogEvent> events) {

    /** Every command and every event. */
    public static final LogFilters ALL = new LogFilters(Set.of(), EnumSet.allOf(LogEvent.class));

    /**
     * Copies the sets, upper-casing the verbs.
     *
     * @throws IllegalArgumentException if a verb is not letters only
     */
    public LogFilters {
        Set<String> verbs = new LinkedHashSet<>();
        for (String command : commands) {
            String verb = command.strip().toUpperCase(Locale.ROOT);
            if (!verb.matches("[A-Z]+")) {
                throw new IllegalArgumentException("LogFilters: '" + command + "' is not an SMTP command verb such as"
                        + " MAIL or RCPT");
            }
            verbs.add(verb);
        }
        commands = Set.copyOf(verbs);
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    }

    /** Whether lines of {@code verb} (a command, or the replies to it) are shown. */
    public boolean showsCommand(String verb) {
        return commands.isEmpty() || commands.contains(verb.toUpperCase(Locale.ROOT));
    }

    /** Whether lines of {@code event} are shown. */
    public boolean shows(LogEvent event) {
        return events.contains(event);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static LogFilters parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        Set<String> commands = Set.of();
        Set<LogEvent> events = EnumSet.allOf(LogEvent.class);
        for (String part : text.split(";")) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String key = equals < 0 ? "commands" : trimmed.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String values = equals < 0 ? trimmed : trimmed.substring(equals + 1);
            switch (key) {
                case "commands" -> commands = list(values);
                case "events" -> events = events(values);
                default -> throw new IllegalArgumentException("LogFilters: unknown part '" + key + "'; write"
                        + " commands=MAIL,RCPT;events=error,message");
            }
        }
        return new LogFilters(commands, events);
    }

    private static Set<String> list(String values) {
        Set<String> items = new LinkedHashSet<>();
        for (String value : values.split("[,\\s]+")) {
            if (!value.isBlank()) {
                items.add(value.strip());
            }
        }
        return items;
    }

    private static Set<LogEvent> events(String values) {
        Set<LogEvent> events = EnumSet.noneOf(LogEvent.class);
        for (String value : list(values)) {
            try {
                events.add(LogEvent.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("LogFilters: unknown event '" + value + "'; known: connection,"
                        + " notification, error, message", e);
            }
        }
        return events;
    }

    /** The text form, which {@link #parse(String)} reads back. */
    @Override
    public String toString() {
        return "commands=" + String.join(",", commands.stream().sorted().toList()) + ";events="
                + events.stream().sorted().map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(","));
    }
}
