package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.testing.SwitchableProxy;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The real settlement service of {@link SettlementProcess}, reached by the terminal through a link the test can
 * cut and restore ({@link SwitchableProxy}, on loopback): the terminal's settlement-url is the relay's, and the
 * test reads the ledger directly at {@link #DIRECT_URL}. The relay is injected into the test's field annotated
 * {@link CounterLink}.
 */
public class SettlementBehindASwitch extends SettlementProcess {

    /** The settlement service itself, not through the relay: where a test checks the ledger. */
    public static final String DIRECT_URL = "laorenjia.e2e.settlement-direct-url";

    /** Marks the test's {@link SwitchableProxy} field: the link between the counter and the central. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface CounterLink {
    }

    private SwitchableProxy link;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        if (config.containsKey(UNAVAILABLE)) {
            return config;
        }
        URI direct = URI.create(config.get("laorenjia.terminal.settlement-url"));
        try {
            link = new SwitchableProxy(direct);
        } catch (IOException e) {
            super.stop();
            throw new IllegalStateException("cannot start the relay in front of the settlement service", e);
        }
        config.put("laorenjia.terminal.settlement-url", link.uri().toString());
        config.put(DIRECT_URL, direct.toString());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        if (link != null) {
            injector.injectIntoFields(link, new TestInjector.AnnotatedAndMatchesType(CounterLink.class, SwitchableProxy.class));
        }
    }

    @Override
    public void stop() {
        if (link != null) {
            try {
                link.close();
            } catch (IOException e) {
                // closing a loopback relay: nothing left to do
            }
            link = null;
        }
        super.stop();
    }
}
