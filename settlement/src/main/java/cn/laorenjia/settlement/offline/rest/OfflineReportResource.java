package cn.laorenjia.settlement.offline.rest;

import cn.laorenjia.settlement.offline.service.OfflineReport;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

/** For finance, administrators and supervisors: offline conflicts and rejections per canteen. */
@Path("/api/settlement/offline")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "offline", description = "离线收银 (offline counters: cached copy, conflicts report)")
public class OfflineReportResource {

    private final OfflineReport report;

    public OfflineReportResource(OfflineReport report) {
        this.report = report;
    }

    @GET
    @Operation(summary = "离线交易冲突报告: per canteen, offline sales confirmed, conflicts (discount reimbursed by the "
            + "district, no operating subsidy) and rejections (borne by the canteen), with counts and amounts")
    public OfflineReport.Report report(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        return report.between(from, to, null);
    }
}
