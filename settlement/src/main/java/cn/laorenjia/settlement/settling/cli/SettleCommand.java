package cn.laorenjia.settlement.settling.cli;

import cn.laorenjia.settlement.settling.service.SettlementReport;
import cn.laorenjia.settlement.settling.service.SettlementService;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code java -jar settlement/target/quarkus-app/quarkus-run.jar settle [--from D --to D]}: one settlement
 * run against the configured database (the embedded one by default), then exit. Without dates it runs the
 * nightly window. Exit status: 0 reconciled, 3 settled but the check found a difference, 4 another run held
 * the lock, 2 bad command line, 1 failed.
 */
public class SettleCommand implements QuarkusApplication {

    public static final String USAGE = String.join("\n",
            "用法 / usage: java -jar settlement/target/quarkus-app/quarkus-run.jar settle [--from YYYY-MM-DD --to YYYY-MM-DD]",
            "  不带日期时结算夜间任务的范围 (without dates: the nightly window up to yesterday, Asia/Shanghai)");

    @Inject
    SettlementService settlement;

    @Override
    public int run(String... args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LocalDate from = null;
        LocalDate to = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--from" -> from = LocalDate.parse(args[++i]);
                    case "--to" -> to = LocalDate.parse(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if ((from == null) != (to == null)) {
                throw new IllegalArgumentException("give both --from and --to, or neither");
            }
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            out.println("错误 / error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        SettlementReport report;
        if (from == null) {
            var nightly = settlement.settleNightly("cli");
            if (nightly.isEmpty()) {
                out.println("另一个结算任务正在运行 / another settlement run holds the lock");
                return 4;
            }
            report = nightly.get();
        } else {
            try {
                report = settlement.settle(from, to, "cli");
            } catch (cn.laorenjia.settlement.error.ApiException e) {
                out.println("错误 / error " + e.code() + ": " + e.messageZh());
                return "SETTLEMENT_RUNNING".equals(e.code()) ? 4 : 2;
            }
        }
        out.println(report.describeZh());
        out.printf("settle_ms=%d heap_peak_mb=%.1f rss_peak_mb=%s%n", report.took().toMillis(), peakHeapMb(), peakRssMb());
        return report.reconciled() ? 0 : 3;
    }

    /** Peak heap use of this JVM so far, summed over the heap pools. */
    static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }

    /** The process's peak resident set (VmHWM) on Linux, or "n/a". */
    static String peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.1f", kb / 1024.0);
                }
            }
        } catch (Exception e) {
            // not Linux: the benchmark measures from outside instead
        }
        return "n/a";
    }
}
