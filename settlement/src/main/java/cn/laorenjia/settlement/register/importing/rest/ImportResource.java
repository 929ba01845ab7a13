package cn.laorenjia.settlement.register.importing.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.register.importing.ImportError;
import cn.laorenjia.settlement.register.importing.ImportKind;
import cn.laorenjia.settlement.register.importing.ImportTemplates;
import cn.laorenjia.settlement.register.importing.ImportView;
import cn.laorenjia.settlement.register.importing.RegisterImports;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Bulk import of the register and of 民政 change lists (README "批量导入"). The file is the request body as it is
 * (Content-Type text/csv, the XLSX type or application/octet-stream: a form or multipart body is refused for every
 * endpoint by BrowserDefences), its name in {@code fileName}. Who may import is decided here, on the class, and
 * nowhere else: widen this one annotation to let another role (the 街道 clerk) import.
 */
@Path("/api/register/imports")
@Tag(name = "register")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMINISTRATOR)
@APIResponse(responseCode = "400", description = "IMPORT_FILE_EMPTY, IMPORT_FILE_UNREADABLE, IMPORT_WRONG_HEADERS, "
        + "IMPORT_TOO_MANY_ROWS, IMPORT_UNKNOWN_KIND, IMPORT_UNKNOWN_CHARSET, INVALID_REQUEST",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class ImportResource {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RegisterImports imports;

    public ImportResource(RegisterImports imports) {
        this.imports = imports;
    }

    @POST
    @Consumes({"text/csv", XLSX, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "上传文件预检（dry run）: every row checked, nothing written into the register; answers the "
            + "problems and the result file's address")
    @APIResponse(responseCode = "201", description = "checked (rowsWithProblems may be > 0)")
    @APIResponse(responseCode = "413", description = "REQUEST_TOO_LARGE (laorenjia.register-import.max-upload-size)")
    public Response dryRun(@QueryParam("kind") @Parameter(description = "REGISTER（老人登记名册）or CHANGES（民政变更名单）",
                                   required = true) String kind,
                           @QueryParam("fileName") @Parameter(description = "the file's name, e.g. 海滨街道2024年3月.xlsx")
                           String fileName,
                           @QueryParam("charset") @Parameter(description = "CSV only: UTF-8 or GBK; detected when left out")
                           String charset,
                           byte[] body) {
        ImportView view = imports.dryRun(kind(kind), fileName, charset, body == null ? new byte[0] : body);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @POST
    @Path("/{id}/apply")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "导入已预检的文件: all rows in one transaction or none; the same file applied before answers "
            + "that import (200) and changes nothing")
    @APIResponse(responseCode = "201", description = "applied")
    @APIResponse(responseCode = "200", description = "this file was applied before (alreadyAppliedBy): nothing changed")
    @APIResponse(responseCode = "404", description = "UNKNOWN_IMPORT")
    @APIResponse(responseCode = "409", description = "IMPORT_HAS_PROBLEMS, IMPORT_NOT_A_DRY_RUN")
    public Response apply(@PathParam("id") long id) {
        ImportView view = imports.apply(id);
        boolean before = view.alreadyAppliedBy() != null;
        return Response.status(before ? Response.Status.OK : Response.Status.CREATED).entity(view).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "导入记录: the latest dry runs and imports, newest first")
    public List<ImportView> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return imports.latest(limit);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "一条导入记录")
    @APIResponse(responseCode = "404", description = "UNKNOWN_IMPORT")
    public ImportView get(@PathParam("id") long id) {
        return imports.find(id);
    }

    @GET
    @Path("/{id}/result")
    @Produces(XLSX)
    @Operation(summary = "下载结果文件 (XLSX): every row of the file with its outcome (可导入/已导入/无变化/有问题) and problems")
    @APIResponse(responseCode = "404", description = "UNKNOWN_IMPORT")
    public Response result(@PathParam("id") long id) {
        RegisterImports.ResultDownload download = imports.result(id);
        return attachment(download.content(), XLSX, download.fileName());
    }

    @GET
    @Path("/templates/{kind}")
    @Produces({XLSX, "text/csv"})
    @Operation(summary = "下载空白模板: REGISTER or CHANGES, format xlsx (with a sheet of instructions) or csv")
    public Response template(@PathParam("kind") String kind, @QueryParam("format") @DefaultValue("xlsx") String format) {
        ImportKind k = kind(kind);
        boolean csv = "csv".equalsIgnoreCase(format);
        if (!csv && !"xlsx".equalsIgnoreCase(format)) {
            throw new ApiException(ErrorCodes.INVALID_REQUEST, "模板格式 format 须为 xlsx 或 csv");
        }
        return attachment(csv ? ImportTemplates.csv(k) : ImportTemplates.xlsx(k),
                csv ? "text/csv;charset=UTF-8" : XLSX, k.labelZh() + "模板." + (csv ? "csv" : "xlsx"));
    }

    private static ImportKind kind(String kind) {
        try {
            return ImportKind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ImportError.IMPORT_UNKNOWN_KIND.exception();
        }
    }

    private static Response attachment(byte[] content, String type, String fileName) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        String ascii = "import" + fileName.substring(fileName.lastIndexOf('.'));
        return Response.ok(content, type)
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded)
                .build();
    }
}
