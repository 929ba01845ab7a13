package cn.laorenjia.settlement.supervision.cli;

import cn.laorenjia.settlement.supervision.AnomalyWorld;
import cn.laorenjia.settlement.supervision.service.SupervisionCases;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch command as the recall command runs it (outside any request, as in command mode): the summary, exit 0, and
 * the cases CSV with the contract's header and empty-column conventions.
 */
@QuarkusTest
class ScanAnomaliesCommandTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SupervisionCases cases;

    private int run(String... args) throws Exception {
        ScanAnomaliesCommand command = new ScanAnomaliesCommand();
        command.cases = cases;
        // a thread of its own: no request context, as in the jar's command mode
        return CompletableFuture.supplyAsync(() -> {
            try {
                return command.run(args);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get();
    }

    @Test
    void writesEveryCaseOfTheMonthAsTheContractsCsv() throws Exception {
        AnomalyWorld world = AnomalyWorld.plant(dataSource);
        Path csv = Files.createTempFile("cases", ".csv");
        assertEquals(0, run("scan-anomalies", "--month", AnomalyWorld.MONTH.toString(), "--cases-csv", csv.toString()));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("rule,canteen_code,cashier_number,senior_id,score", lines.get(0));
        assertTrue(lines.contains("ROUND_TOTALS," + world.codes.get("ROUND_TOTALS") + ",,,1"), String.join("\n", lines));
        assertTrue(lines.contains("MANY_CANTEENS,,," + world.ringSenior + ",3"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("MANUAL_SHARE_CASHIER," + world.codes.get("MANUAL_SHARE_CASHIER")
                + ",3,,")), String.join("\n", lines));
        // idempotent: the same cases again
        assertEquals(0, run("scan-anomalies", "--month", AnomalyWorld.MONTH.toString(), "--cases-csv", csv.toString()));
        assertEquals(lines, Files.readAllLines(csv, StandardCharsets.UTF_8));
        assertEquals(2, run("scan-anomalies", "--month", "March"));
        assertEquals(2, run("scan-anomalies"));
    }
}
