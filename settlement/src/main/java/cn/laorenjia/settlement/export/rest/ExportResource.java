package cn.laorenjia.settlement.export.rest;

import cn.laorenjia.settlement.export.service.CsvExport;
import cn.laorenjia.settlement.export.service.PdfStatement;
import cn.laorenjia.settlement.export.service.XlsxExport;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.settling.service.SettlementQueries;
import cn.laorenjia.settlement.statement.service.StatementService;
import cn.laorenjia.settlement.statement.service.StatementView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;

/** Downloads of a month's statements (XLSX, CSV) and of one statement as a printable PDF. */
@Path("/api/settlement/exports")
@Tag(name = "settlement")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class ExportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final StatementService statements;
    private final PdfStatement pdf;

    public ExportResource(StatementService statements, PdfStatement pdf) {
        this.statements = statements;
        this.pdf = pdf;
    }

    @GET
    @Path("/{month}/statements.xlsx")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "本月结算单 Excel: 汇总 per 街镇 and one sheet per canteen, yuan to the fen")
    public Response xlsx(@PathParam("month") String month) {
        YearMonth m = SettlementQueries.parseMonth(month);
        List<StatementView> all = statements.statements(m);
        return download((StreamingOutput) out -> XlsxExport.write(m, all, out), XLSX, "结算单-" + m + ".xlsx");
    }

    @GET
    @Path("/{month}/statements.csv")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "本月结算单 CSV (UTF-8 with BOM): one row per statement line")
    public Response csv(@PathParam("month") String month) {
        YearMonth m = SettlementQueries.parseMonth(month);
        List<StatementView> all = statements.statements(m);
        return download((StreamingOutput) out -> CsvExport.write(m, all, out), "text/csv; charset=UTF-8",
                "结算单-" + m + ".csv");
    }

    @GET
    @Path("/statements/{id}.pdf")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "一张结算单 PDF (printable, CJK font embedded, space for signatures and stamps)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_STATEMENT")
    @APIResponse(responseCode = "503", description = "PDF_FONT_MISSING")
    public Response pdf(@PathParam("id") long id) {
        StatementView s = statements.statement(id);
        // laid out before answering, so a missing font is a clean error rather than a broken download
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pdf.write(s, bytes);
        return download(bytes.toByteArray(), "application/pdf", "结算单-" + s.canteenCode() + "-" + s.month() + ".pdf");
    }

    /** A file to save: the filename in ASCII for old clients and in full (RFC 5987) for the others. */
    public static Response download(Object entity, String type, String filename) {
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(entity, type)
                .header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^\\x21-\\x7e]", "_")
                        + "\"; filename*=UTF-8''" + encoded)
                .build();
    }
}
