package cn.laorenjia.settlement.error;

import cn.laorenjia.core.senior.Period;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.util.List;

/**
 * Test-only endpoints (under src/test, so never in the service) that reach a service with a bug in it: the
 * way a stray IllegalArgumentException or IllegalStateException would escape a real service. Beside them,
 * the refusals of a request done right: an {@link InvalidRequest} and Bean Validation's constraints.
 */
@Path("/api/test-only/errors")
@RolesAllowed(Roles.ADMINISTRATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FaultyResource {

    /** A service whose code has a bug: it breaks its own preconditions, as a programming error would. */
    @ApplicationScoped
    public static class BuggyService {

        public String illegalArgument() {
            // a value object of the core refusing what the service itself computed (not what a client sent):
            // the same IllegalArgumentException that used to answer 400 as if the client were wrong
            LocalDate start = LocalDate.of(2026, 11, 23);
            return Period.between(start, start.minusDays(1)).toString();
        }

        public void illegalState() {
            throw new IllegalStateException("a quota counter would pass its cap (SENSITIVE-DETAIL)");
        }

        public void invalidRequest() {
            throw InvalidRequest.of("mealSetCode", "请求内容无效：套餐编码 mealSetCode 须为 1 至 32 个字符");
        }
    }

    public record Probe(@NotNull(message = "请填写名称 name") String name,
                        List<@NotNull(message = "条目 items 中有空项（null）") @Valid Item> items) {
    }

    public record Item(@NotNull(message = "请填写备注 note") @Size(max = 3, message = "备注 note 不能超过 3 个字符")
                       String note) {
    }

    private final BuggyService service;

    public FaultyResource(BuggyService service) {
        this.service = service;
    }

    @GET
    @Path("/illegal-argument")
    @Operation(hidden = true)
    public String illegalArgument() {
        return service.illegalArgument();
    }

    @GET
    @Path("/illegal-state")
    @Operation(hidden = true)
    public void illegalState() {
        service.illegalState();
    }

    @GET
    @Path("/invalid-request")
    @Operation(hidden = true)
    public void invalidRequest() {
        service.invalidRequest();
    }

    @POST
    @Path("/validated")
    @Operation(hidden = true)
    public String validated(@Valid Probe probe) {
        return "accepted";
    }
}
