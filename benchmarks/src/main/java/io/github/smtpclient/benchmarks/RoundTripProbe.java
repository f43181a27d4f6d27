package io.github.smtpclient.benchmarks;

import java.util.Collections;
import java.util.List;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.Submission;
import io.github.smtpclient.tls.TlsMode;

/**
 * Counts smtp-client's round trips through a {@link DelayingRelay}: for one {@code sendBytes} and per message of a
 * {@code sendAll} batch.
 *
 * @param single round trips of one {@code sendBytes}
 * @param batch  round trips per message of a 20-message {@code sendAll}
 */
record RoundTripProbe(long single, double batch) {

    static RoundTripProbe measure(DelayingRelay relay) throws Exception {
        TestMessage message = TestMessages.text(1024, 1);
        Envelope envelope = Envelope.of(message.sender(), message.recipients());
        try (SmtpClient client = new SmtpClient()) {
            client.setDomain("bench.example.test");
            client.tls().setMode(TlsMode.NONE);
            client.connect("127.0.0.1", relay.port());
            client.noop();
            long before = relay.bursts();
            client.sendBytes(envelope, message.bytes());
            long single = relay.bursts() - before;
            Submission submission = new SmtpClientDriver().prepare(message);
            before = relay.bursts();
            client.sendAll(Collections.nCopies(20, submission));
            return new RoundTripProbe(single, (relay.bursts() - before) / 20.0);
        }
    }

    List<String> describe() {
        return List.of("smtp-client round trips (counted by the relay): one `sendBytes` = " + single
                + "; `sendAll` of 20 messages = " + String.format("%.2f", batch) + " per message.");
    }
}
