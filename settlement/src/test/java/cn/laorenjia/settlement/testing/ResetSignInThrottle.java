package cn.laorenjia.settlement.testing;

import cn.laorenjia.settlement.security.SignInThrottle;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * After every {@code @QuarkusTest} method the sign-in counts are forgotten: every test signs in from 127.0.0.1, and
 * the clock it moved is put back, so no test may inherit another's failed sign-ins.
 */
public class ResetSignInThrottle implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        Arc.container().instance(SignInThrottle.class).get().forgetAll();
    }
}
