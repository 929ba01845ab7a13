package cn.laorenjia.settlement.qr;

import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.settlement.app.SettlementMain;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Refuses to start a central without a usable QR signing key. {@link QrKeys} is created on first use, so without
 * this check a central missing its key reported UP while {@code /api/qr/keys} (which every counter fetches at start)
 * and every code issued answered 500. Commands ({@code settle}, {@code verify-ledger}, ...) sign nothing and are let
 * through.
 */
@ApplicationScoped
public class QrKeyGuard {

    private static final Logger LOG = Logger.getLogger(QrKeyGuard.class);

    private final QrKeys keys;
    private final String[] args;

    public QrKeyGuard(QrKeys keys, @CommandLineArguments String[] args) {
        this.keys = keys;
        this.args = args;
    }

    /** Just after the transport guard: a central that will not serve codes should not serve anything. */
    void onStart(@Observes @Priority(2) StartupEvent event) {
        if (SettlementMain.isCommand(args)) {
            return;
        }
        try {
            selfTest(keys);
        } catch (RuntimeException e) {
            String refusal = "拒绝启动：" + e.getMessage();
            LOG.error(refusal);
            throw new IllegalStateException(refusal, e);
        }
    }

    /** Loads the key (first use of the bean) and proves it signs what its public half verifies. */
    static void selfTest(QrKeys keys) {
        // any fixed moment: the code is checked against the same moment, the clock plays no part
        Instant moment = Instant.parse("2026-01-01T00:00:00Z");
        String code = keys.signer().sign(new QrToken(keys.keyId(), QrTokenKind.PHONE, 0, moment, Duration.ofMinutes(1), 0));
        keys.verifier().verify(code, moment);
    }
}
