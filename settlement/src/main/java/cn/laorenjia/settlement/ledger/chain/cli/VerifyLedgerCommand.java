package cn.laorenjia.settlement.ledger.chain.cli;

import cn.laorenjia.settlement.ledger.chain.ChainVerification;
import cn.laorenjia.settlement.ledger.chain.LedgerVerifier;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar settlement/target/quarkus-app/quarkus-run.jar verify-ledger}: verifies the whole ledger hash
 * chain of the configured database, prints the result in Chinese and English, and exits. Exit status: 0 intact,
 * 3 tampered (the first problem is named), 1 failed.
 */
public class VerifyLedgerCommand implements QuarkusApplication {

    @Inject
    LedgerVerifier verifier;

    @Override
    public int run(String... args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ChainVerification result = verifier.verify();
        out.println(result.describe());
        out.printf("links=%d problems=%d verify_ms=%d%n", result.links(), result.problemCount(), result.tookMillis());
        return result.intact() ? 0 : 3;
    }
}
