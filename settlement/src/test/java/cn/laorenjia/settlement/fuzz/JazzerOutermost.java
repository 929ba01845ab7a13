package cn.laorenjia.settlement.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * Lets Jazzer's {@code @FuzzTest} fuzz inside a {@code @QuarkusTest} class. Declared on the class
 * <em>before</em> {@code @QuarkusTest}, it puts Jazzer's interceptor outside Quarkus's: Quarkus runs every
 * test method itself and skips the rest of the interceptor chain, so Jazzer's own interceptor (registered by
 * {@code @FuzzTest} on the method, inside Quarkus's) never sees the fuzzing invocation and nothing is
 * fuzzed. From outside, Jazzer starts its fuzzing loop while the application Quarkus started keeps
 * serving; in regression mode ({@code mvn test}) it lets each seed proceed through Quarkus as usual.
 *
 * <p>Jazzer's extension class is package-private, hence the reflection. Checked with jazzer-junit 0.30.0
 * and Quarkus 3.33.
 */
public final class JazzerOutermost implements InvocationInterceptor {

    private final InvocationInterceptor jazzer;

    public JazzerOutermost() throws ReflectiveOperationException {
        Class<?> type = Class.forName("com.code_intelligence.jazzer.junit.FuzzTestExtensions", true,
                FuzzTest.class.getClassLoader());
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        jazzer = (InvocationInterceptor) constructor.newInstance();
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                            ExtensionContext extension) throws Throwable {
        if (context.getExecutable().isAnnotationPresent(FuzzTest.class)) {
            jazzer.interceptTestTemplateMethod(invocation, context, extension);
        } else {
            invocation.proceed();
        }
    }
}
