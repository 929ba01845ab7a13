package cn.laorenjia.settlement.till.rest;

import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.till.service.TillQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The till's shifts and Z reports for people: finance, administrators and supervisors see every canteen; a canteen's
 * manager sees their own only. No personal data (cashiers by staff number, figures only): nothing to audit.
 */
@Path("/api/settlement/till/shifts")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR, Roles.CANTEEN_MANAGER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "till", description = "收银台账 (the till's shifts, sales of every kind, voids and Z reports)")
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN (a terminal; a canteen manager asking for another canteen)")
public class TillReportResource {

    private final TillQueries queries;
    private final CurrentPerson person;

    public TillReportResource(TillQueries queries, CurrentPerson person) {
        this.queries = queries;
        this.person = person;
    }

    @GET
    @Operation(summary = "班次列表: the shifts opened from..to (Beijing dates, default today, at most 92 days) of a "
            + "canteen (or all), with the key figures of the central's and the counter's Z reports and whether they agree")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST (the range)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_CANTEEN")
    public List<TillQueries.ShiftSummary> shifts(@QueryParam("canteen") String canteen,
                                                 @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        return queries.shifts(canteen, from, to, onlyOwnCanteen());
    }

    @GET
    @Path("/{shiftId}/z-report")
    @Operation(summary = "一个班次的Z报表: the central's and the counter's, kept at the closing, which figures differ, "
            + "and the subsidised sales whose ledger entry was (and is) missing")
    @APIResponse(responseCode = "404", description = "TILL_SHIFT_UNKNOWN")
    @APIResponse(responseCode = "409", description = "TILL_SHIFT_NOT_CLOSED")
    public TillQueries.ShiftZReport zReport(@PathParam("shiftId") UUID shiftId) {
        return queries.zReport(shiftId, onlyOwnCanteen());
    }

    private Optional<Long> onlyOwnCanteen() {
        return person.seesAllCanteens() ? Optional.empty() : Optional.of(person.managedCanteenId().orElse(-1L));
    }
}
