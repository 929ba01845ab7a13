package cn.laorenjia.settlement.register.rest;

import cn.laorenjia.settlement.register.service.RegisterSummary;
import cn.laorenjia.settlement.register.service.RegisterSummaryService;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/register/summary")
@Tag(name = "register", description = "登记册 (the register)")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.FINANCE})
public class RegisterSummaryResource {

    private final RegisterSummaryService summaries;

    public RegisterSummaryResource(RegisterSummaryService summaries) {
        this.summaries = summaries;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "登记册概况: counts of canteens, terminals, seniors and cards, and eligibility today by route and reason")
    public RegisterSummary summary() {
        return summaries.today();
    }
}
