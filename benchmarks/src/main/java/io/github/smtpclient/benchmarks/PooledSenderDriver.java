package io.github.smtpclient.benchmarks;

import java.util.List;

import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.Submission;
import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.tls.TlsMode;

/**
 * smtp-client's pooled, thread-safe {@link SmtpMailSender}: every sending thread shares one sender whose pool holds
 * up to four connections; each batch borrows one connection and is sent pipelined.
 */
final class PooledSenderDriver implements Driver<Submission> {

    private final SmtpClientDriver messages = new SmtpClientDriver();
    private SmtpMailSender shared;
    private int openSenders;

    @Override
    public Submission prepare(TestMessage message) {
        return messages.prepare(message);
    }

    @Override
    public synchronized Sender<Submission> open(String host, int port) {
        if (shared == null) {
            shared = newSender(host, port, 4);
        }
        openSenders++;
        SmtpMailSender sender = shared;
        return new Sender<>() {
            @Override
            public void send(List<Submission> batch) throws Exception {
                for (SendOutcome outcome : sender.sendAll(batch)) {
                    outcome.orThrow();
                }
            }

            @Override
            public void close() {
                release();
            }
        };
    }

    /** A pooled sender with up to {@code connections} plaintext connections, as every pooled benchmark uses it. */
    static SmtpMailSender newSender(String host, int port, int connections) {
        PoolSettings pool = new PoolSettings();
        pool.setMaxSize(connections);
        return SmtpMailSender.builder(host, port).configureClients(client -> {
            client.setDomain("bench.example.test");
            client.tls().setMode(TlsMode.NONE);
        }).pool(pool).build();
    }

    private synchronized void release() {
        if (--openSenders == 0) {
            shared.close();
            shared = null;
        }
    }
}
