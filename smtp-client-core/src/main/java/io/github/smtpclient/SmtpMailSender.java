package io.github.smtpclient;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.github.smtpclient.internal.ReadTrackingInputStream;
import io.github.smtpclient.internal.RetryableFailures;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.pool.PoolStats;
import io.github.smtpclient.pool.PooledConnection;
import io.github.smtpclient.pool.SmtpConnectionPool;
import io.github.smtpclient.tls.TlsSessionCache;

/**
 * Sends mail to one server over pooled connections, from any number of threads. Each send borrows a connection,
 * sends, and gives the connection back for the next message (the server sees one session carrying many messages,
 * with RSET after a failed transaction). A failure before the end of the message data is retried on another
 * connection as the {@link RetryPolicy} says; after the end of data nothing is retried, so no message is sent twice.
 *
 * <pre>{@code
 * try (SmtpMailSender sender = SmtpMailSender.builder("smtp.example.com", 587)
 *         .configureClients(client -> {
 *             client.auth().setUsername("alice");
 *             client.auth().setPassword("secret");
 *         })
 *         .build()) {
 *     SendResult result = sender.sendBytes(rfc5322Bytes);
 * }
 * }</pre>
 *
 * <p>{@link #close()} closes the connections and makes every later send fail with
 * {@link SmtpErrorCode#NOT_CONNECTED}.
 */
public final class SmtpMailSender implements AutoCloseable {

    private final SmtpConnectionPool pool;
    private final RetryPolicy retryPolicy;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final String target;
    private volatile boolean closed;

    private SmtpMailSender(Builder builder) {
        this.target = builder.host + ":" + builder.port;
        this.retryPolicy = builder.retryPolicy;
        String host = builder.host;
        int port = builder.port;
        Consumer<SmtpClient> configurer = builder.clientConfigurer;
        // One TLS session cache for every pooled connection, so a new connection resumes an earlier one's session.
        TlsSessionCache sessions = new TlsSessionCache();
        this.pool = new SmtpConnectionPool(target, () -> open(host, port, sessions, configurer), builder.poolSettings);
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = sendingThreads(builder.poolSettings.getMaxSize(), target);
            this.executor = ownedExecutor;
        }
    }

    /** Starts building a sender for the server at {@code host:port}. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    private static SmtpClient open(String host, int port, TlsSessionCache sessions, Consumer<SmtpClient> configurer)
            throws SmtpException {
        SmtpClient client = new SmtpClient();
        client.tls().setSessionCache(sessions);
        configurer.accept(client);
        client.connect(host, port);
        return client;
    }

    /** Sends a ready-made RFC 5322 message; the envelope comes from its headers. */
    public SendResult sendBytes(byte[] message) throws SmtpException {
        return sendBytes(null, message);
    }

    /** Sends a ready-made RFC 5322 message with an explicit envelope (null: from the headers). */
    public SendResult sendBytes(Envelope envelope, byte[] message) throws SmtpException {
        Objects.requireNonNull(message, "message");
        return send(client -> client.sendBytes(envelope, message));
    }

    /** Sends a message stored in a file, streamed; the envelope comes from its headers. */
    public SendResult sendFile(Path file) throws SmtpException {
        return sendFile(null, file);
    }

    /** Sends a message stored in a file with an explicit envelope (null: from the headers). A retry reads it again. */
    public SendResult sendFile(Envelope envelope, Path file) throws SmtpException {
        Objects.requireNonNull(file, "file");
        return send(client -> client.sendFile(envelope, file));
    }

    /** Sends a message read from a stream until its end; the envelope comes from its headers. See {@link #sendStream(Envelope, InputStream)}. */
    public SendResult sendStream(InputStream message) throws SmtpException {
        return sendStream(null, message);
    }

    /**
     * Sends a message read from a stream until its end, without buffering it, with an explicit envelope (null: from
     * the headers). The stream is not closed.
     *
     * <p>A stream cannot be read twice, so a failure is retried only when nothing was read from it yet. The headers
     * are read before the envelope is sent, so in practice only a failure to obtain a connection is retried; prefer
     * {@link #sendFile} or {@link #sendBytes} when the message can be read again.
     */
    public SendResult sendStream(Envelope envelope, InputStream message) throws SmtpException {
        ReadTrackingInputStream tracked = new ReadTrackingInputStream(Objects.requireNonNull(message, "message"));
        return send(client -> client.sendStream(envelope, tracked), tracked::isUntouched);
    }

    /** {@link #sendBytes(byte[])} on the sender's executor. The future fails with the {@link SmtpException}. */
    public CompletableFuture<SendResult> sendBytesAsync(byte[] message) {
        return sendBytesAsync(null, message);
    }

    /** {@link #sendBytes(Envelope, byte[])} on the sender's executor. The future fails with the {@link SmtpException}. */
    public CompletableFuture<SendResult> sendBytesAsync(Envelope envelope, byte[] message) {
        Objects.requireNonNull(message, "message");
        return async(() -> sendBytes(envelope, message));
    }

    /**
     * Composes and sends a message over a pooled connection, retried when safe (its attachments are read again from
     * their sources). The result carries the Message-ID.
     */
    public SendResult sendMessage(MailMessage message) throws SmtpException {
        Objects.requireNonNull(message, "message");
        return send(client -> client.sendMessage(message));
    }

    /** {@link #sendMessage(MailMessage)} on the sender's executor. The future fails with the {@link SmtpException}. */
    public CompletableFuture<SendResult> sendMessageAsync(MailMessage message) {
        Objects.requireNonNull(message, "message");
        return async(() -> sendMessage(message));
    }

    /** A send that may run on the executor. */
    @FunctionalInterface
    private interface AsyncSend {
        SendResult send() throws SmtpException;
    }

    private CompletableFuture<SendResult> async(AsyncSend send) {
        CompletableFuture<SendResult> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    future.complete(send.send());
                } catch (Throwable failure) {
                    // The future is the only way back to the caller; whatever happened must reach it.
                    future.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closed ? closedFailure() : new SmtpException(SmtpErrorCode.CANCELLED,
                    "The executor refused the send: " + e.getMessage(), e));
        }
        return future;
    }

    /**
     * Sends several prepared submissions over one connection, pipelined when the server allows (one round trip per
     * message); see {@link SmtpClient#sendAll}. Each gets its own outcome. Obtaining the connection is retried as the
     * {@link RetryPolicy} says; the messages are not, since a {@link MessageContent} may be readable only once.
     */
    public List<SendOutcome> sendAll(List<Submission> submissions) throws SmtpException {
        List<Submission> batch = List.copyOf(submissions);
        return sendBatch(batch.size(), client -> client.sendAll(batch));
    }

    /**
     * Composes several messages and sends them over one connection, pipelined when the server allows; see
     * {@link SmtpClient#sendMessages}. Obtaining the connection is retried as the {@link RetryPolicy} says.
     */
    public List<SendOutcome> sendMessages(List<MailMessage> messages) throws SmtpException {
        List<MailMessage> batch = List.copyOf(messages);
        return sendBatch(batch.size(), client -> client.sendMessages(batch));
    }

    /** A batch over one client. */
    @FunctionalInterface
    private interface BatchSend {
        List<SendOutcome> send(SmtpClient client) throws SmtpException;
    }

    /** Only obtaining the connection is retried: once the batch started, its messages may be in flight. */
    private List<SendOutcome> sendBatch(int size, BatchSend send) throws SmtpException {
        AtomicBoolean started = new AtomicBoolean();
        return withRetry(connection -> {
            started.set(true);
            connection.countMessages(size);
            List<SendOutcome> outcomes = send.send(connection.client());
            outcomes.forEach(outcome -> outcome.failure().ifPresent(connection::failed));
            return outcomes;
        }, () -> !started.get());
    }

    /** Connections lent, idle and awaited right now. */
    public PoolStats stats() {
        return pool.stats();
    }

    /**
     * Closes the idle connections with QUIT (connections in use are closed when their send ends) and stops the
     * sender's own executor. Every later send fails with {@link SmtpErrorCode#NOT_CONNECTED}.
     */
    @Override
    public void close() {
        closed = true;
        pool.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    /** One message over one client: what every single-message send does with the connection it was lent. */
    @FunctionalInterface
    private interface ClientSend {
        SendResult send(SmtpClient client) throws SmtpException;
    }

    /** Work on a lent connection. */
    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(PooledConnection connection) throws SmtpException;
    }

    /** The core every single-message send goes through: a lent connection, one message, retries when safe. */
    private SendResult send(ClientSend send) throws SmtpException {
        return send(send, () -> true);
    }

    private SendResult send(ClientSend send, BooleanSupplier replayable) throws SmtpException {
        return withRetry(connection -> {
            connection.countMessages(1);
            return send.send(connection.client());
        }, replayable);
    }

    /** Borrows a connection, runs the work, and gives the connection back unless the work put it in doubt. */
    private <T> T withConnection(ConnectionWork<T> work) throws SmtpException {
        try (PooledConnection connection = pool.borrow()) {
            try {
                return work.run(connection);
            } catch (SmtpException | RuntimeException e) {
                connection.failed(e);
                throw e;
            }
        }
    }

    /** Runs the work on a lent connection; after a failure the policy allows to retry, again on whatever the pool lends. */
    private <T> T withRetry(ConnectionWork<T> work, BooleanSupplier replayable) throws SmtpException {
        for (int number = 1; ; number++) {
            if (closed) {
                throw closedFailure();
            }
            try {
                return withConnection(work);
            } catch (SmtpException failure) {
                if (number >= retryPolicy.maxAttempts() || closed || !replayable.getAsBoolean()
                        || !RetryableFailures.isRetryable(failure)) {
                    throw failure;
                }
                pause(retryPolicy.backoffBefore(number + 1), failure);
            }
        }
    }

    private static void pause(Duration pause, SmtpException failure) throws SmtpException {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private SmtpException closedFailure() {
        return new SmtpException(SmtpErrorCode.NOT_CONNECTED, "This SmtpMailSender for " + target + " is closed;"
                + " build a new one to send");
    }

    private static ExecutorService sendingThreads(int count, String target) {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(count, count, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "smtp-sender-" + target + "-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    /** Builds a {@link SmtpMailSender}. Not thread-safe. */
    public static final class Builder {

        private final String host;
        private final int port;
        private Consumer<SmtpClient> clientConfigurer = client -> { };
        private PoolSettings poolSettings = new PoolSettings();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Executor executor;

        private Builder(String host, int port) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535, was " + port);
            }
            this.host = host;
            this.port = port;
        }

        /**
         * Configures every new client before it connects: TLS, authentication, socket and transfer settings,
         * listener, domain. Called once per connection, possibly from several threads, so it must be thread-safe.
         */
        public Builder configureClients(Consumer<SmtpClient> clientConfigurer) {
            this.clientConfigurer = Objects.requireNonNull(clientConfigurer, "clientConfigurer");
            return this;
        }

        /** The pool's limits (copied); default {@code new PoolSettings()}. */
        public Builder pool(PoolSettings poolSettings) {
            this.poolSettings = Objects.requireNonNull(poolSettings, "poolSettings").copy();
            return this;
        }

        /** When to try a failed send again; default {@link RetryPolicy#DEFAULT}. */
        public Builder retry(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Where asynchronous sends run. Default: the sender's own daemon threads, as many as the pool's maximum
         * size, stopped by {@link SmtpMailSender#close()}. An executor given here is not shut down by the sender.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** @throws IllegalArgumentException if the pool settings are inconsistent */
        public SmtpMailSender build() {
            return new SmtpMailSender(this);
        }
    }
}
