package cn.laorenjia.settlement.app;

import cn.laorenjia.settlement.ledger.chain.cli.VerifyLedgerCommand;
import cn.laorenjia.settlement.replay.cli.ReplayPolicyCommand;
import cn.laorenjia.settlement.settling.cli.SettleCommand;
import cn.laorenjia.settlement.supervision.cli.ScanAnomaliesCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the settlement service on the PostgreSQL server named by the standard Quarkus datasource settings. The
 * service ships no database of its own: the run command's launcher ({@code fixtures/embedded-postgres},
 * {@code RunWithEmbeddedDatabase}) starts an embedded one and passes those settings.
 *
 * <p>{@code settle [--from D --to D]} as first argument runs one settlement and exits ({@link SettleCommand});
 * {@code verify-ledger} verifies the ledger hash chain and exits ({@link VerifyLedgerCommand}); {@code scan-anomalies --month
 * YYYY-MM [--cases-csv FILE]} runs the anomaly rules over a month and exits ({@link ScanAnomaliesCommand}); {@code
 * replay-policy --from D --to D [--draft FILE]} replays a period under a proposed policy and exits
 * ({@link ReplayPolicyCommand}).
 */
@QuarkusMain
public final class SettlementMain {

    /** The first arguments that run a command and exit instead of starting the service. */
    static final java.util.Set<String> COMMANDS = java.util.Set.of("settle", "verify-ledger", "scan-anomalies", "replay-policy");

    /** Whether these arguments run a command (which prints only its own result) rather than the service. */
    public static boolean isCommand(String... args) {
        return args != null && args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("settle")) {
            // command mode: one run, no nightly job, the HTTP port out of the running service's way
            System.setProperty("laorenjia.settlement.cron", "off");
            System.setProperty("quarkus.http.port", "0");
            commandListensOnLoopbackOnly();
            Quarkus.run(SettleCommand.class, args);
            return;
        }
        if (args.length > 0 && args[0].equals("verify-ledger")) {
            // command mode: read-only verification, no scheduled jobs, no port
            System.setProperty("laorenjia.settlement.cron", "off");
            System.setProperty("laorenjia.ledger.chain.seal-every", "off");
            System.setProperty("quarkus.http.port", "0");
            commandListensOnLoopbackOnly();
            Quarkus.run(VerifyLedgerCommand.class, args);
            return;
        }
        if (args.length > 0 && args[0].equals("scan-anomalies")) {
            // command mode: one scan, no scheduled jobs (nor the ledger's sealing: a scan only reads it), no port
            System.setProperty("laorenjia.settlement.cron", "off");
            System.setProperty("laorenjia.anomaly.cron", "off");
            System.setProperty("laorenjia.ledger.chain.seal-every", "off");
            System.setProperty("quarkus.http.port", "0");
            commandListensOnLoopbackOnly();
            Quarkus.run(ScanAnomaliesCommand.class, args);
            return;
        }
        if (args.length > 0 && args[0].equals("replay-policy")) {
            // command mode: one read-only replay, no scheduled jobs, no port
            System.setProperty("laorenjia.settlement.cron", "off");
            System.setProperty("laorenjia.anomaly.cron", "off");
            System.setProperty("laorenjia.ledger.chain.seal-every", "off");
            System.setProperty("quarkus.http.port", "0");
            commandListensOnLoopbackOnly();
            Quarkus.run(ReplayPolicyCommand.class, args);
            return;
        }
        Quarkus.run(args);
    }

    /**
     * A command serves nothing: whatever the service's environment says (TLS, a public host), it listens on a free
     * loopback port, out of the running service's way and never beyond this machine.
     */
    private static void commandListensOnLoopbackOnly() {
        System.setProperty("quarkus.http.host", "127.0.0.1");
        System.setProperty("quarkus.http.ssl-port", "0");
    }
}
