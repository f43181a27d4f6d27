package io.github.smtpclient.interop;

import org.junit.jupiter.api.BeforeEach;

/** The Postfix interop scenarios against the test bed that {@code scripts/testbed/start.sh} runs on this machine. */
@EnabledIfPostfixTestbed
class PostfixInteropTests extends PostfixInteropScenarios {

    private PostfixTestbed testbed;

    @BeforeEach
    void useRunningTestbed(PostfixTestbed testbed) {
        this.testbed = testbed;
    }

    @Override
    protected PostfixTestbed testbed() {
        return testbed;
    }
}
