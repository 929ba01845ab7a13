package cn.laorenjia.settlement.offline.rest;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.settlement.offline.service.OfflineReport;
import cn.laorenjia.settlement.offline.service.OfflineSnapshots;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.security.TerminalPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;

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

    /**
     * The copy of the terminal's jurisdiction, built once per version for all its counters: 304 when If-None-Match
     * names the current version (its ETag), a delta when {@code since} names a recent version of the same day, else
     * the whole copy; gzip'd (made once per version) when the counter accepts it.
     */
    @GET
    @Path("/snapshot")
    @Operation(summary = "离线缓存: the seniors of the canteen's jurisdiction eligible today (masked, cards as keyed "
            + "hashes), their quota used so far, for the counter to decide while the network is down; ETag/304, "
            + "?since=<version> for a delta, gzip")
    public Response snapshot(@QueryParam("since") Long since,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        OfflineSnapshots.Served served = snapshots.serve(
                new MealLedger.Counter(terminal.terminalId(), terminal.canteenId()), since, ifNoneMatch);
        if (served instanceof OfflineSnapshots.Body body) {
            boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
            Response.ResponseBuilder ok = Response.ok(gzip ? body.gzip() : body.json(), MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.ETAG, body.etag()).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
            return gzip ? ok.header("Content-Encoding", "gzip").build() : ok.build();
        }
        return Response.notModified().header(HttpHeaders.ETAG, served.etag()).build();
    }

    @GET
    @Path("/report")
    @Operation(summary = "本食堂离线交易情况: confirmed, conflicts and rejections of this terminal's canteen (default: today)")
    public OfflineReport.Report canteenReport(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        return report.between(from == null ? today : from, to == null ? today : to, terminal.canteenId());
    }
}
