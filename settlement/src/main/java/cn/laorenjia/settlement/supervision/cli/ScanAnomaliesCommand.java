package cn.laorenjia.settlement.supervision.cli;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.supervision.service.SupervisionCases;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.ScanSummary;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

/**
 * {@code java -jar settlement/target/quarkus-app/quarkus-run.jar scan-anomalies --month YYYY-MM [--cases-csv FILE]}:
 * runs every anomaly rule over the month against the configured database, opens cases (re-running never duplicates
 * one), prints a per-rule summary and exits 0; with {@code --cases-csv} writes every case of the month (all states)
 * as UTF-8 CSV {@code rule,canteen_code,cashier_number,senior_id,score} (/work/helpers/anomaly-contract.md).
 * Exit status: 0 done, 2 bad command line, 1 failed.
 */
public class ScanAnomaliesCommand implements QuarkusApplication {

    public static final String CSV_HEADER = "rule,canteen_code,cashier_number,senior_id,score";

    public static final String USAGE = String.join("\n",
            "用法 / usage: java -jar settlement/target/quarkus-app/quarkus-run.jar scan-anomalies --month YYYY-MM [--cases-csv FILE]",
            "  按全部异常规则筛查该月并建立线索；--cases-csv 写出该月全部线索 (" + CSV_HEADER + ")");

    @Inject
    SupervisionCases cases;

    @Override
    public int run(String... args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        YearMonth month = null;
        Path csv = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--month" -> month = YearMonth.parse(args[++i]);
                    case "--cases-csv" -> csv = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (month == null) {
                throw new IllegalArgumentException("--month YYYY-MM is required");
            }
        } catch (RuntimeException e) {
            out.println("错误 / error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        ScanSummary summary;
        try {
            summary = cases.scan(month);
        } catch (ApiException e) {
            out.println("错误 / error " + e.code() + ": " + e.messageZh());
            return 1;
        }
        out.print(summary.describeZh());
        if (csv != null) {
            List<String[]> rows = cases.csvRows(month);
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write(CSV_HEADER + "\n");
                for (String[] r : rows) {
                    w.write(String.join(",", r) + "\n");
                }
            }
            out.println("cases_csv=" + csv + " rows=" + rows.size());
        }
        return 0;
    }
}
