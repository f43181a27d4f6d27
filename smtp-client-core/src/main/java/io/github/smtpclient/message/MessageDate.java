package io.github.smtpclient.message;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The RFC 5322 date-time of the Date field, {@code Sun, 6 Dec 2026 09:05:03 +0100}, written by hand: every composed
 * message has one, and {@link DateTimeFormatter} costs more than the rest of the header block. Years outside
 * 1000-9999 and offsets with seconds go through the formatter, whose output this matches.
 */
final class MessageDate {

    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private MessageDate() {
    }

    static String format(ZonedDateTime date) {
        int offset = date.getOffset().getTotalSeconds();
        if (date.getYear() < 1000 || date.getYear() > 9999 || offset % 60 != 0) {
            return FORMATTER.format(date);
        }
        int offsetMinutes = Math.abs(offset) / 60;
        StringBuilder out = new StringBuilder(31)
                .append(DAYS[date.getDayOfWeek().getValue() - 1]).append(", ")
                .append(date.getDayOfMonth()).append(' ')
                .append(MONTHS[date.getMonthValue() - 1]).append(' ')
                .append(date.getYear()).append(' ');
        twoDigits(out, date.getHour()).append(':');
        twoDigits(out, date.getMinute()).append(':');
        twoDigits(out, date.getSecond()).append(' ').append(offset < 0 ? '-' : '+');
        return twoDigits(twoDigits(out, offsetMinutes / 60), offsetMinutes % 60).toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
