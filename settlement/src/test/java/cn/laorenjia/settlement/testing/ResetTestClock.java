package cn.laorenjia.settlement.testing;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** After every {@code @QuarkusTest} method the clock is back at {@link TestClock#MONDAY_LUNCH}: no test inherits another's time. */
public class ResetTestClock implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        TestClock.current().reset();
    }
}
