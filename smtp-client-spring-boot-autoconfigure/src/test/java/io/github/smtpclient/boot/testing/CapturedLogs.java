package io.github.smtpclient.boot.testing;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger writes during a test, instead of the console, so that a test can assert the lines a user
 * sees at start-up without printing them into the build log.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final boolean additive;
    private final Level level;

    private final boolean withStackTraces;

    private CapturedLogs(String loggerName, boolean withStackTraces) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.withStackTraces = withStackTraces;
        this.additive = logger.isAdditive();
        this.level = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        // The test logging configuration may silence the logger for the rest of the build.
        logger.setLevel(Level.DEBUG);
    }

    /** Starts recording the logger named after {@code loggerClass}; close to stop. */
    public static CapturedLogs of(Class<?> loggerClass) {
        return new CapturedLogs(loggerClass.getName(), false);
    }

    /** Starts recording a logger, each line followed by the stack trace logged with it, if any; close to stop. */
    public static CapturedLogs withStackTraces(String loggerName) {
        return new CapturedLogs(loggerName, true);
    }

    /** Every line at INFO or above so far, as {@code LEVEL message}. */
    public List<String> lines() {
        return appender.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .map(event -> event.getLevel() + " " + event.getFormattedMessage() + stackTrace(event)).toList();
    }

    private String stackTrace(ILoggingEvent event) {
        if (!withStackTraces || event.getThrowableProxy() == null) {
            return "";
        }
        return "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setAdditive(additive);
        logger.setLevel(level);
        appender.stop();
    }
}
