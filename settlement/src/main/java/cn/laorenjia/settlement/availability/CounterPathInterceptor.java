package cn.laorenjia.settlement.availability;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Statement;

/**
 * Gives a {@link CounterPath} transaction its short bounds on its connection: SET LOCAL statement_timeout (ends with
 * the transaction) and a short socket timeout, which also bounds the COMMIT ({@link NetworkTimeoutReset} puts the
 * pool's own back when the connection returns). Runs after the transaction interceptor (a higher priority), i.e.
 * inside the transaction.
 */
@CounterPath
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class CounterPathInterceptor {

    @Inject
    EntityManager em;

    @Inject
    DatabaseConfig config;

    @AroundInvoke
    Object bound(InvocationContext context) throws Exception {
        long statementMillis = config.counter().statementTimeout().toMillis();
        int networkMillis = Math.toIntExact(config.counter().networkTimeout().toMillis());
        em.unwrap(Session.class).doWork(connection -> {
            connection.setNetworkTimeout(Runnable::run, networkMillis);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local statement_timeout = " + statementMillis);
            }
        });
        return context.proceed();
    }
}
