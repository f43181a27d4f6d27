package io.github.smtpclient.sample.embedded;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReceivedMessagesTests {

    @Test
    void keepsTheNewestMessagesNewestFirstAndForgetsTheOldest() {
        ReceivedMessages messages = new ReceivedMessages(2);

        messages.add(message("first"));
        messages.add(message("second"));
        messages.add(message("third"));

        assertThat(messages.newestFirst()).extracting(ReceivedMessage::subject).containsExactly("third", "second");
    }

    @Test
    void capacityBelowOneIsRefusedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceivedMessages(0))
                .withMessageContaining("sample.embedded-server.keep");
    }

    private static ReceivedMessage message(String subject) {
        return new ReceivedMessage(Instant.now(), "a@example.test", List.of("b@example.test"), subject, 10, List.of());
    }
}
