package io.github.smtpclient.boot.test;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Clears the {@link TestSmtpServer} before each test method, so that a test reads only what it sent itself, also
 * when Spring's test context cache shares one application (and one server) between test classes.
 */
public final class TestSmtpServerTestExecutionListener implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(TestSmtpServer.class).ifAvailable(TestSmtpServer::clear);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 100;
    }
}
