package cn.laorenjia.settlement.offline.rest;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.settlement.offline.service.OfflineReport;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.settlement.offline.service.OfflineSnapshots;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.security.TerminalPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;

/** For counters: the offline copy, and the offline sales of this terminal's canteen. */
@Path("/api/counter/offline")
@RolesAllowed(Roles.TERMINAL)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "offline", description = "离线收银 (offline counters: cached copy, conflicts report)")
public class OfflineCounterResource {

    private final OfflineSnapshots snapshots;
    private final OfflineReport report;
    private final TerminalPrincipal terminal;
    private final Clock clock;

    public OfflineCounterResource(OfflineSnapshots snapshots, OfflineReport report, TerminalPrincipal terminal, Clock clock) {
        this.snapshots = snapshots;
        this.report = report;
        this.terminal = terminal;
        this.clock = clock;
    }

    @GET
    @Path("/snapshot")
    @Operation(summary = "离线缓存: the seniors eligible today (masked), their active cards and the quota used so far, "
            + "for the counter to decide while the network is down")
    public OfflineSnapshot snapshot() {
        return snapshots.of(new MealLedger.Counter(terminal.terminalId(), terminal.canteenId()));
    }

    @GET
    @Path("/report")
    @Operation(summary = "本食堂离线交易情况: confirmed, conflicts and rejections of this terminal's canteen (default: today)")
    public OfflineReport.Report canteenReport(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        return report.between(from == null ? today : from, to == null ? today : to, terminal.canteenId());
    }
}
