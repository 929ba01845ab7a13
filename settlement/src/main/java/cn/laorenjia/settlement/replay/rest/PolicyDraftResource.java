package cn.laorenjia.settlement.replay.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.replay.draft.DraftError;
import cn.laorenjia.settlement.replay.draft.DraftView;
import cn.laorenjia.settlement.replay.draft.PolicyDrafts;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Proposed policies (政策草案): a version file uploaded, edited (a new revision) or withdrawn by an administrator, never
 * in force; and the catalogue's own versions, which can be replayed too. The YAML travels as a JSON string (the
 * central takes no multipart bodies; BrowserDefences).
 */
@Path("/api/replay")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "replay", description = "政策测算：草案与重放 (proposed policies and their replays)")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMINISTRATOR)
@APIResponse(responseCode = "400", description = "POLICY_DRAFT_INVALID (details.line, details.problem), "
        + "POLICY_DRAFT_TOO_LARGE, POLICY_DRAFT_UNKNOWN_JURISDICTION, POLICY_DRAFT_ID_CHANGED",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class PolicyDraftResource {

    private final PolicyDrafts drafts;

    public PolicyDraftResource(PolicyDrafts drafts) {
        this.drafts = drafts;
    }

    /** A draft's text: a version file in the catalogue's YAML format. */
    public record DraftText(String yaml) {
    }

    /** A version that can be replayed: a draft's latest revision or a version of the catalogue. */
    public record VersionChoice(String versionId, String titleZh, String jurisdiction, String source,
                                Integer revision, LocalDate effectiveFrom, LocalDate effectiveUntil) {
    }

    @GET
    @Path("/drafts")
    @Operation(summary = "政策草案列表 (each draft's latest revision, withdrawn ones included; no text)")
    public List<DraftView> list() {
        return drafts.drafts().stream().map(PolicyDraftResource::withoutText).toList();
    }

    @POST
    @Path("/drafts")
    @Operation(summary = "上传政策草案 (a new draft: checked as the catalogue checks its files; its id must be new)")
    @APIResponse(responseCode = "201", description = "the draft's first revision")
    @APIResponse(responseCode = "409", description = "POLICY_DRAFT_ID_IN_CATALOGUE, POLICY_DRAFT_EXISTS")
    public Response upload(DraftText body) {
        DraftView draft = drafts.upload(body == null ? null : body.yaml());
        return Response.created(URI.create("/api/replay/drafts/" + encode(draft.versionId()))).entity(draft).build();
    }

    @GET
    @Path("/drafts/{versionId}")
    @Operation(summary = "一个政策草案的全部修订 (latest first, with their text)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_POLICY_DRAFT")
    public List<DraftView> revisions(@PathParam("versionId") String versionId) {
        List<DraftView> all = drafts.revisions(versionId);
        if (all.isEmpty()) {
            throw DraftError.UNKNOWN_POLICY_DRAFT.exception();
        }
        return all;
    }

    @PUT
    @Path("/drafts/{versionId}")
    @Operation(summary = "修改政策草案 (a new revision; the text keeps the draft's id)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_POLICY_DRAFT")
    @APIResponse(responseCode = "409", description = "POLICY_DRAFT_WITHDRAWN")
    public DraftView edit(@PathParam("versionId") String versionId, DraftText body) {
        return drafts.edit(versionId, body == null ? null : body.yaml());
    }

    @POST
    @Path("/drafts/{versionId}/withdraw")
    @Operation(summary = "撤回政策草案 (no longer offered for replays; its revisions and runs stay)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_POLICY_DRAFT")
    @APIResponse(responseCode = "409", description = "POLICY_DRAFT_WITHDRAWN")
    public DraftView withdraw(@PathParam("versionId") String versionId) {
        return withoutText(drafts.withdraw(versionId));
    }

    @GET
    @Path("/versions")
    @Operation(summary = "可测算的政策版本 (drafts not withdrawn, then the catalogue's versions)")
    public List<VersionChoice> versions() {
        List<VersionChoice> fromDrafts = drafts.drafts().stream().filter(d -> !d.withdrawn())
                .map(d -> new VersionChoice(d.versionId(), d.titleZh(), d.jurisdiction(), "DRAFT", d.revision(),
                        null, null)).toList();
        List<VersionChoice> fromCatalogue = drafts.catalogueVersions().stream()
                .map(v -> new VersionChoice(v.id(), v.titleZh(), v.jurisdiction(), "CATALOGUE", null,
                        v.effectiveFrom(), v.effectiveUntil().orElse(null))).toList();
        return Stream.concat(fromDrafts.stream(), fromCatalogue.stream()).toList();
    }

    private static DraftView withoutText(DraftView d) {
        return new DraftView(d.id(), d.versionId(), d.revision(), d.kind(), d.jurisdiction(), d.titleZh(), null,
                d.at(), d.actor());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
