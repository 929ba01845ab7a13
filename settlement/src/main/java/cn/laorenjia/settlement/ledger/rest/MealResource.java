package cn.laorenjia.settlement.ledger.rest;

import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.settlement.ledger.service.MealAuthorisation;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.settlement.ledger.service.MealVoid;
import cn.laorenjia.settlement.ledger.service.QuotaView;
import cn.laorenjia.settlement.ledger.service.TransientFailures;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.security.TerminalPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Used by counter terminals: authorise a subsidised meal, void it, and read a senior's quota. */
@Path("/api/meals")
@RolesAllowed("terminal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "meals", description = "助餐消费 (meal authorisation by counter terminals)")
public class MealResource {

    private final MealLedger ledger;
    private final TerminalPrincipal terminal;

    public MealResource(MealLedger ledger, TerminalPrincipal terminal) {
        this.ledger = ledger;
        this.terminal = terminal;
    }

    @POST
    @Operation(summary = "核准一餐助餐补贴: decides with the policy in force, takes the day and week quota across "
            + "all canteens and records the sale, exactly once per saleId (a retry gets the first answer; the same "
            + "saleId with a different body is refused with 409 DUPLICATE_ID_DIFFERENT_BODY)")
    public MealAuthorisation authorise(MealRequests.AuthoriseJson body) {
        var command = requireBody(body).toCommand();
        return TransientFailures.retry(() -> ledger.authorise(counter(), command));
    }

    @POST
    @Path("/{saleId}/void")
    @Operation(summary = "撤销当天本食堂的一笔交易: a reversing ledger entry, the quota given back; idempotent per voidId")
    public MealVoid voidSale(@PathParam("saleId") UUID saleId, MealRequests.VoidJson body) {
        var command = requireBody(body).toCommand(saleId);
        return TransientFailures.retry(() -> ledger.voidSale(counter(), command));
    }

    @GET
    @Path("/quota")
    @Operation(summary = "查询老人今日和本周已用、剩余补贴次数 (for the senior display)")
    public QuotaView quota(@QueryParam("cardKind") String cardKind, @QueryParam("identifier") String identifier) {
        if (cardKind == null) {
            throw new IllegalArgumentException("cardKind is required");
        }
        Card.Kind kind;
        try {
            kind = Card.Kind.valueOf(cardKind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cardKind has an unknown value");
        }
        return ledger.quotaOf(counter(), new Identification.ByCard(kind, identifier));
    }

    private MealLedger.Counter counter() {
        return new MealLedger.Counter(terminal.terminalId(), terminal.canteenId());
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        return body;
    }
}
