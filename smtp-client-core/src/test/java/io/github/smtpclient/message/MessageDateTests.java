package io.github.smtpclient.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.Property;

class MessageDateTests {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    @Test
    void writesTheDateAsTheFormatterDoes() {
        Property.forAll(5000, gen -> {
            long seconds = gen.anyLong() % 300_000_000_000L; // years about -7500 to 11500: both paths
            int offsetSeconds = gen.anyBoolean() ? gen.intBetween(-18 * 60, 18 * 60) * 60 : gen.intBetween(-64800, 64800);
            ZonedDateTime date = Instant.ofEpochSecond(seconds).atZone(ZoneOffset.ofTotalSeconds(offsetSeconds));
            assertThat(MessageDate.format(date)).isEqualTo(RFC_5322.format(date));
        });
    }

    @Test
    void writesADayOfMonthWithoutPaddingAndTheOffsetWithItsSign() {
        ZonedDateTime date = ZonedDateTime.of(2026, 12, 6, 9, 5, 3, 0, ZoneId.of("America/St_Johns"));
        assertThat(MessageDate.format(date)).isEqualTo("Sun, 6 Dec 2026 09:05:03 -0330");
    }
}
