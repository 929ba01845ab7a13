package cn.laorenjia.settlement.replay.cli;

import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.replay.service.PolicyReplay;
import cn.laorenjia.settlement.replay.service.ReplayAreaRow;
import cn.laorenjia.settlement.replay.service.ReplayComparison;
import cn.laorenjia.settlement.replay.service.ReplayFigures;
import cn.laorenjia.settlement.replay.service.ReplayLevel;
import cn.laorenjia.settlement.replay.service.ReplayPeriod;
import cn.laorenjia.settlement.replay.service.ReplayReport;
import cn.laorenjia.settlement.replay.service.ReplayRouteRow;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * {@code java -jar settlement/target/quarkus-app/quarkus-run.jar replay-policy --from D --to D [--draft FILE |
 * --version ID] [--jurisdiction J] [--expect-ledger]}: replays the period's counter traffic under a draft version file,
 * a catalogue version, or (neither given) the catalogue version in force on {@code --to} in {@code --jurisdiction}
 * (default tianjin), and prints the comparison with the ledger as {@code key=value} lines. With
 * {@code --expect-ledger} (the self-replay's proof) exits 1 unless the replay equals the ledger to the fen, in total and
 * for every canteen. Exit status: 0 done, 2 bad command line, 1 failed.
 */
public class ReplayPolicyCommand implements QuarkusApplication {

    public static final String USAGE = String.join("\n",
            "用法 / usage: java -jar settlement/target/quarkus-app/quarkus-run.jar replay-policy --from YYYY-MM-DD "
                    + "--to YYYY-MM-DD [--draft FILE | --version ID] [--jurisdiction J] [--expect-ledger]",
            "  按提议政策（草案文件或已有版本）回放该期间的柜台记录，与台账实付比较；--expect-ledger：回放须与台账分毫不差");

    @Inject
    PolicyReplay replay;

    @Inject
    PolicyCatalog policies;

    @Override
    public int run(String... args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LocalDate from = null;
        LocalDate to = null;
        Path draft = null;
        String versionId = null;
        String jurisdiction = "tianjin";
        boolean expectLedger = false;
        PolicyVersion version;
        ReplayPeriod period;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--from" -> from = LocalDate.parse(args[++i]);
                    case "--to" -> to = LocalDate.parse(args[++i]);
                    case "--draft" -> draft = Path.of(args[++i]);
                    case "--version" -> versionId = args[++i];
                    case "--jurisdiction" -> jurisdiction = args[++i];
                    case "--expect-ledger" -> expectLedger = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("--from and --to are required");
            }
            if (draft != null && versionId != null) {
                throw new IllegalArgumentException("--draft and --version exclude each other");
            }
            period = new ReplayPeriod(from, to);
            version = version(draft, versionId, jurisdiction, to);
        } catch (RuntimeException e) {
            out.println("错误 / error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        ReplayReport report;
        try {
            report = replay.replay(version, period);
        } catch (ApiException e) {
            out.println("错误 / error " + e.code() + ": " + e.messageZh());
            return 1;
        }
        double seconds = report.elapsed().toNanos() / 1e9;
        out.printf("version=%s period=%s..%s source=%s%n", report.proposedVersionId(), period.from(), period.to(),
                report.ranOnReplica() ? "replica" : "primary");
        out.printf("attempts=%d elapsed_s=%.2f attempts_per_s=%.0f%n", report.attemptsReplayed(), seconds,
                report.attemptsReplayed() / Math.max(seconds, 1e-9));
        print(out, "actual", report.total().actual());
        print(out, "proposed", report.total().proposed());
        out.printf("difference_meals=%d difference_total_fen=%d seniors_newly_reached=%d seniors_no_longer_reached=%d%n",
                report.total().mealsDifference(), report.total().totalDifference().fen(), report.seniorsNewlyReached(),
                report.seniorsNoLongerReached());
        for (ReplayRouteRow r : report.routes()) {
            out.printf("route %s actual_meals=%d proposed_meals=%d actual_seniors=%d proposed_seniors=%d%n", r.route(),
                    r.figures().actual().meals(), r.figures().proposed().meals(), r.figures().actual().seniorsReached(),
                    r.figures().proposed().seniorsReached());
        }
        long canteens = 0;
        long differing = 0;
        for (ReplayAreaRow row : report.areas()) {
            if (row.level() == ReplayLevel.CANTEEN) {
                canteens++;
                if (!same(row.figures())) {
                    differing++;
                }
            } else {
                out.printf("%s %s meals %d -> %d, total_fen %d -> %d%n", row.level(), row.nameZh(),
                        row.figures().actual().meals(), row.figures().proposed().meals(),
                        row.figures().actual().total().fen(), row.figures().proposed().total().fen());
            }
        }
        boolean equal = same(report.total()) && differing == 0;
        out.printf("canteens=%d canteens_differing=%d equals_ledger=%s%n", canteens, differing, equal);
        return expectLedger && !equal ? 1 : 0;
    }

    private static boolean same(ReplayComparison c) {
        ReplayFigures a = c.actual();
        ReplayFigures p = c.proposed();
        return a.meals() == p.meals() && a.discounts().equals(p.discounts())
                && a.operatingSubsidies().equals(p.operatingSubsidies()) && a.seniorsReached() == p.seniorsReached();
    }

    private static void print(PrintStream out, String side, ReplayFigures f) {
        out.printf("%s_meals=%d %s_discount_fen=%d %s_operating_fen=%d %s_total_fen=%d %s_seniors=%d%n", side,
                f.meals(), side, f.discounts().fen(), side, f.operatingSubsidies().fen(), side, f.total().fen(), side,
                f.seniorsReached());
    }

    private PolicyVersion version(Path draft, String versionId, String jurisdiction, LocalDate on) throws Exception {
        if (draft != null) {
            try (InputStream in = Files.newInputStream(draft)) {
                return PolicyCatalog.readVersion(in, draft.getFileName().toString());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read " + draft + ": " + e.getMessage(), e);
            }
        }
        if (versionId != null) {
            for (String j : policies.jurisdictions()) {
                var v = policies.book(j).version(versionId);
                if (v.isPresent()) {
                    return v.get();
                }
            }
            throw new IllegalArgumentException("no catalogue version " + versionId);
        }
        return policies.inForce(jurisdiction, on)
                .orElseThrow(() -> new IllegalArgumentException("no version of " + jurisdiction + " in force on " + on));
    }
}
