package io.github.smtpclient;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.smtpclient.auth.Credentials;
import io.github.smtpclient.event.SendFinishedEvent;
import io.github.smtpclient.event.SendRetryingEvent;
import io.github.smtpclient.event.SendStartedEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.internal.ReadTrackingInputStream;
import io.github.smtpclient.internal.RetryableFailures;
import io.github.smtpclient.internal.SenderRateLimit;
import io.github.smtpclient.internal.WriteTrackingContent;
import io.github.smtpclient.message.BodyType;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.pool.ConnectionFactory;
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
 * <p>When the server keeps failing (connect refused, a 421 greeting, TLS failing), the pool's circuit breaker
 * stops connecting for a while, and sends fail at once with {@link SmtpErrorCode#CIRCUIT_OPEN}; see
 * {@link io.github.smtpclient.pool.CircuitBreakerSettings}.
 *
 * <p>One sender can send as several SMTP accounts of the same server: {@link #withCredentials(Credentials)} gives a
 * view that authenticates as other credentials, with connections of its own that are never lent to a send as
 * anyone else.
 *
 * <p>{@link #close()} closes the connections and makes every later send fail with
 * {@link SmtpErrorCode#NOT_CONNECTED}.
 */
public final class SmtpMailSender implements AutoCloseable {

    private final SmtpConnectionPool pool;
    private final RetryPolicy retryPolicy;
    private final Executor executor;
    /** The sender's own threads, shut down by the sender that was built; null for a view or a given executor. */
    private final ExecutorService ownedExecutor;
    private final String target;
    private final SmtpListener listener;
    private final AtomicLong sends;
    /** Shared by the sender that was built and every view of it. */
    private final AtomicBoolean closed;
    /** Whom this sender's sends authenticate as; null for the clients' own configuration. */
    private final Credentials credentials;
    private final SenderRateLimit rateLimit;

    private SmtpMailSender(Builder builder) {
        this.target = builder.host + ":" + builder.port;
        this.retryPolicy = builder.retryPolicy;
        this.listener = builder.listener == SmtpListener.NONE ? SmtpListener.NONE
                : SmtpListener.of(List.of(builder.listener));
        this.sends = new AtomicLong();
        this.closed = new AtomicBoolean();
        this.credentials = null;
        this.rateLimit = builder.rateLimit;
        // One TLS session cache for every pooled connection, so a new connection resumes an earlier one's session.
        this.pool = new SmtpConnectionPool(target, new ClientOpener(builder.host, builder.port, new TlsSessionCache(),
                builder.clientConfigurer.andThen(rateLimit::applyTo)), builder.poolSettings);
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = sendingThreads(builder.poolSettings.getMaxSize(), target);
            this.executor = ownedExecutor;
        }
    }

    /** A view of {@code origin} that authenticates as {@code credentials}. */
    private SmtpMailSender(SmtpMailSender origin, Credentials credentials) {
        this.pool = origin.pool;
        this.retryPolicy = origin.retryPolicy;
        this.executor = origin.executor;
        this.ownedExecutor = null;
        this.target = origin.target;
        this.listener = origin.listener;
        this.sends = origin.sends;
        this.closed = origin.closed;
        this.rateLimit = origin.rateLimit;
        this.credentials = credentials;
    }

    /** Starts building a sender for the server at {@code host:port}. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * A sender for the same server that authenticates as {@code credentials} instead of the configured account:
     * for an application that sends for several accounts (tenants, users) through one pool. Each client is
     * configured as usual, then its user name and secret are replaced by these credentials (a password or token
     * configured for another account is cleared, never sent).
     *
     * <p>The view shares this sender's pool, circuit breaker, threads, retry policy and listener. Its connections
     * are its own: a connection authenticated as one account is never lent to a send as another, and the pool's
     * maximum size counts every account's connections together (an idle connection of another account is closed
     * to make room when the pool is full). Equal credentials share connections, so keep one {@link Credentials}
     * (or one token supplier) per account. {@link #close()} on the view closes only its idle connections; closing
     * the sender that was built closes every view.
     *
     * @param credentials the account to send as
     * @return a view sending as {@code credentials}
     */
    public SmtpMailSender withCredentials(Credentials credentials) {
        return new SmtpMailSender(this, Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Opens the pool's connections: a new client, configured, given the view's credentials if any, connected. Run
     * by the pool on the borrowing thread (or its maintenance thread), so the configurer must be thread-safe.
     */
    private static final class ClientOpener implements ConnectionFactory {

        private final String host;
        private final int port;
        private final TlsSessionCache sessions;
        private final Consumer<SmtpClient> configurer;

        ClientOpener(String host, int port, TlsSessionCache sessions, Consumer<SmtpClient> configurer) {
            this.host = host;
            this.port = port;
            this.sessions = sessions;
            this.configurer = configurer;
        }

        @Override
        public SmtpClient open() throws SmtpException {
            return connect(null);
        }

        @Override
        public SmtpClient open(Credentials credentials) throws SmtpException {
            return connect(credentials);
        }

        private SmtpClient connect(Credentials credentials) throws SmtpException {
            SmtpClient client = new SmtpClient();
            client.tls().setSessionCache(sessions);
            configurer.accept(client);
            if (credentials != null) {
                credentials.applyTo(client.auth());
            }
            client.connect(host, port);
            return client;
        }
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
        return sendStream(envelope, message, null);
    }

    /**
     * {@link #sendStream(Envelope, InputStream)} with the body type declared, as
     * {@link SmtpClient#sendStream(Envelope, InputStream, BodyType)} says (null: the default).
     */
    public SendResult sendStream(Envelope envelope, InputStream message, BodyType bodyType) throws SmtpException {
        ReadTrackingInputStream tracked = new ReadTrackingInputStream(Objects.requireNonNull(message, "message"));
        return send(client -> client.sendStream(envelope, tracked, bodyType), tracked::isUntouched);
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

    /**
     * Sends one prepared submission over a pooled connection, such as a message another MIME library writes (the
     * Spring Boot starter's {@code JavaMailSender} sends each {@code MimeMessage} this way, streamed). A failure
     * before the engine began writing the content (no connection, a 4xx to MAIL or RCPT) is retried as the
     * {@link RetryPolicy} says; once it began, nothing is retried, since a {@link MessageContent} may be readable
     * only once.
     */
    public SendResult send(Submission submission) throws SmtpException {
        Objects.requireNonNull(submission, "submission");
        AtomicReference<WriteTrackingContent> content = new AtomicReference<>();
        return send(client -> {
            // A raw content is fitted to the server of this try, then tracked as it is written.
            Submission fitted = client.fitted(submission);
            WriteTrackingContent tracked = new WriteTrackingContent(fitted.content());
            content.set(tracked);
            return client.sendAll(List.of(fitted.withContent(tracked))).get(0).orThrow();
        }, () -> content.get() == null || content.get().isUntouched());
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
            future.completeExceptionally(closed.get() ? closedFailure() : new SmtpException(SmtpErrorCode.CANCELLED,
                    "The executor refused the send: " + e.getMessage(), e));
        }
        return future;
    }

    /**
     * Sends several prepared submissions over one connection, pipelined when the server allows (with PIPELINING and
     * CHUNKING every message is written without waiting for the replies of the ones before); see
     * {@link SmtpClient#sendAll}. Each gets its own outcome. Obtaining the connection is retried as the
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
        rateLimit.beforeMessages(size);
        AtomicBoolean started = new AtomicBoolean();
        return withRetry(size, connection -> {
            started.set(true);
            connection.countMessages(size);
            List<SendOutcome> outcomes = send.send(connection.client());
            outcomes.forEach(outcome -> outcome.failure().ifPresent(connection::failed));
            return outcomes;
        }, () -> !started.get(), Function.identity());
    }

    /**
     * Connections lent, idle and awaited right now, and the circuit breaker's state; for every account's
     * connections together, also on a view.
     */
    public PoolStats stats() {
        return pool.stats();
    }

    /**
     * Closes the idle connections with QUIT (connections in use are closed when their send ends) and stops the
     * sender's own executor. Every later send fails with {@link SmtpErrorCode#NOT_CONNECTED}, through any view too.
     *
     * <p>On a view made by {@link #withCredentials(Credentials)} it closes only the view's idle connections, for an
     * account that is no longer used; the sender stays open, and a later send as the account opens new ones.
     */
    @Override
    public void close() {
        if (credentials != null) {
            pool.closeIdle(credentials);
            return;
        }
        closed.set(true);
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
        rateLimit.beforeMessages(1);
        return withRetry(1, connection -> {
            connection.countMessages(1);
            return send.send(connection.client());
        }, replayable, result -> List.of(SendOutcome.success(result)));
    }

    /**
     * Borrows a connection (of this sender's credentials), numbers its messages with the try, runs the work, and
     * gives the connection back unless the work put it in doubt.
     */
    private <T> T withConnection(int attempt, ConnectionWork<T> work) throws SmtpException {
        try (PooledConnection connection = credentials == null ? pool.borrow() : pool.borrow(credentials)) {
            connection.client().setAttempt(attempt);
            try {
                return work.run(connection);
            } catch (SmtpException | RuntimeException e) {
                connection.failed(e);
                throw e;
            }
        }
    }

    /**
     * One send as the listener sees it: started, then the tries (see {@link #tries}), then exactly one finished
     * event, whatever ended it.
     */
    private <T> T withRetry(int messages, ConnectionWork<T> work, BooleanSupplier replayable,
            Function<T, List<SendOutcome>> outcomes) throws SmtpException {
        long send = sends.incrementAndGet();
        listener.sendStarted(new SendStartedEvent(send, messages,
                Optional.ofNullable(credentials).map(Credentials::username)));
        AtomicInteger attempts = new AtomicInteger();
        try {
            T result = tries(send, attempts, work, replayable);
            listener.sendFinished(new SendFinishedEvent(send, attempts.get(), outcomes.apply(result), Optional.empty()));
            return result;
        } catch (SmtpException failure) {
            listener.sendFinished(new SendFinishedEvent(send, attempts.get(), List.of(), Optional.of(failure)));
            throw failure;
        } catch (RuntimeException failure) {
            // Thrown to the caller as it is; the event still ends the send, with the failure wrapped to fit it.
            listener.sendFinished(new SendFinishedEvent(send, attempts.get(), List.of(),
                    Optional.of(new SmtpException(SmtpErrorCode.IO_ERROR, "The send failed unexpectedly: " + failure,
                            failure))));
            throw failure;
        }
    }

    /** Runs the work on a lent connection; after a failure the policy allows to retry, again on whatever the pool lends. */
    private <T> T tries(long send, AtomicInteger attempts, ConnectionWork<T> work, BooleanSupplier replayable)
            throws SmtpException {
        while (true) {
            int attempt = attempts.incrementAndGet();
            if (closed.get()) {
                throw closedFailure();
            }
            try {
                return withConnection(attempt, work);
            } catch (SmtpException failure) {
                if (attempt >= retryPolicy.maxAttempts() || closed.get() || !replayable.getAsBoolean()
                        || !RetryableFailures.isRetryable(failure)) {
                    throw failure;
                }
                Duration pause = retryPolicy.backoffBefore(attempt + 1);
                listener.sendRetrying(new SendRetryingEvent(send, attempt, failure, pause));
                pause(pause, failure);
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
        private SmtpListener listener = SmtpListener.NONE;
        private SenderRateLimit rateLimit = SenderRateLimit.NONE;

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

        /**
         * Limits the whole sender, all its connections together, as a provider limits an account: at most
         * {@code messagesPerSecond} messages start per second (a batch counts as its messages; a retry is not counted
         * again) and at most {@code bytesPerSecond} bytes are written per second (commands and data, above TLS). 0
         * leaves that one unlimited, the default for both. Each connection's own limit is
         * {@code socket().setOutgoingSpeedLimit}.
         *
         * @throws IllegalArgumentException if a value is negative or not finite
         */
        public Builder rateLimit(double messagesPerSecond, long bytesPerSecond) {
            this.rateLimit = SenderRateLimit.of(messagesPerSecond, bytesPerSecond);
            return this;
        }

        /**
         * Receives the sender's own events: {@link SmtpListener#sendStarted}, {@link SmtpListener#sendRetrying} and
         * {@link SmtpListener#sendFinished}, one start/end pair per send around all its tries. The clients' events
         * go to the listener set on them in {@link #configureClients}; set the same listener there to hear both.
         * Called on the sending thread; a listener that throws is logged and skipped.
         *
         * @param listener the listener; default {@link SmtpListener#NONE}
         * @return this builder
         */
        public Builder listener(SmtpListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener (use SmtpListener.NONE for none)");
            return this;
        }

        /**
         * Builds the sender and its pool, which opens connections as sends need them (and, in the background, enough
         * to keep {@link PoolSettings#getMinIdle()} idle).
         *
         * @throws IllegalArgumentException if the pool settings are inconsistent
         */
        public SmtpMailSender build() {
            return new SmtpMailSender(this);
        }
    }
}
