package cn.laorenjia.settlement.replay.rest;

import cn.laorenjia.settlement.export.rest.ExportResource;
import cn.laorenjia.settlement.replay.run.ReplayRunView;
import cn.laorenjia.settlement.replay.run.ReplayRunner;
import cn.laorenjia.settlement.replay.run.ReplayRuns;
import cn.laorenjia.settlement.replay.run.ReplayXlsx;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Stored replays: the list, one as JSON, one as an Excel workbook. Administrators only. */
@Path("/api/replay/runs")
@Tag(name = "replay")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMINISTRATOR)
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class ReplayRunResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ReplayRuns runs;
    private final ReplayRunner runner;

    public ReplayRunResource(ReplayRuns runs, ReplayRunner runner) {
        this.runs = runs;
        this.runner = runner;
    }

    /** What to replay: a version id (a draft's or the catalogue's) and the meal dates, both ends included. */
    public record RunRequest(String versionId, String from, String to) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "测算：按所选版本重放期间内的柜台记录并与实际对比 (may take up to a minute; the report is kept)")
    @APIResponse(responseCode = "201", description = "the stored run with its report")
    @APIResponse(responseCode = "400", description = "REPLAY_PERIOD_INVALID, REPLAY_PERIOD_NOT_OVER, "
            + "REPLAY_UNKNOWN_JURISDICTION")
    @APIResponse(responseCode = "404", description = "UNKNOWN_POLICY_VERSION")
    @APIResponse(responseCode = "409", description = "POLICY_DRAFT_WITHDRAWN")
    @APIResponse(responseCode = "503", description = "REPLAY_DATABASE_UNREADABLE")
    public Response start(RunRequest body) {
        ReplayRunView run = body == null ? runner.run(null, null, null)
                : runner.run(body.versionId(), body.from(), body.to());
        return Response.created(java.net.URI.create("/api/replay/runs/" + run.id())).entity(run).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "最近的测算 (the latest 50 runs, newest first; totals in fen)")
    public List<ReplayRuns.RunSummary> latest() {
        return runs.latest(50);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "一次测算的报告 (as stored when it ran; never run again)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_REPLAY_RUN")
    public ReplayRunView run(@PathParam("id") long id) {
        return runs.find(id);
    }

    @GET
    @Path("/{id}/comparison.xlsx")
    @Produces(XLSX)
    @Operation(summary = "测算对比 Excel: 总览, 区街镇食堂, 按资格类型 (yuan to the fen, numeric cells)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_REPLAY_RUN")
    public Response xlsx(@PathParam("id") long id) {
        ReplayRunView run = runs.find(id);
        String filename = "政策测算-" + run.versionId() + "-" + run.report().period().from() + "至"
                + run.report().period().to() + ".xlsx";
        return ExportResource.download((StreamingOutput) out -> ReplayXlsx.write(run, out), XLSX, filename);
    }
}
