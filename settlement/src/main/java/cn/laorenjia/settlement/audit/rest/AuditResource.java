package cn.laorenjia.settlement.audit.rest;

import cn.laorenjia.settlement.audit.AuditQueries;
import cn.laorenjia.settlement.audit.AuditQuery;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The audit, for administrators only: who read personal data, who changed what, which sign-ins failed. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMINISTRATOR)
@SecurityRequirement(name = "basic")
@Tag(name = "audit", description = "审计记录 (who did what)")
public class AuditResource {

    private final AuditQueries audit;

    public AuditResource(AuditQueries audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "查询审计记录, newest first, 50 a page: by actor (username or terminal code), subject "
            + "(kind:id such as senior:42, or an id), action code, and Beijing dates from/to (inclusive)")
    @APIResponse(responseCode = "403", description = "FORBIDDEN (not an administrator)")
    public AuditQueries.AuditPage find(@QueryParam("actor") String actor,
                                       @QueryParam("subject") @Parameter(description = "kind:id or id") String subject,
                                       @QueryParam("action") String action,
                                       @QueryParam("from") @Parameter(description = "yyyy-MM-dd") String from,
                                       @QueryParam("to") @Parameter(description = "yyyy-MM-dd") String to,
                                       @QueryParam("page") @DefaultValue("0") int page) {
        return audit.find(new AuditQuery(actor, subject, action, date("from", from), date("to", to), page));
    }

    private static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("日期格式应为 yyyy-MM-dd：" + name);
        }
    }
}
