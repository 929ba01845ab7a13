package cn.laorenjia.terminal.testing;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** After every {@code @QuarkusTest} method the counter's clock is back in step with its start: no test inherits another's time. */
public class ResetTestClock implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        TestClock.current().reset();
    }
}
