package cn.laorenjia.settlement.availability;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A transaction a counter waits for with its 8 s read timeout: it fails within a few seconds instead of hanging
 * ({@link CounterPathInterceptor}). Put it beside {@code @Transactional}; it runs inside the transaction. Batch work
 * (settlement runs, exports, CLI commands) never carries it and keeps the pool's long socket timeout.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CounterPath {
}
