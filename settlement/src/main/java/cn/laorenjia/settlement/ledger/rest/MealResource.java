package cn.laorenjia.settlement.ledger.rest;

import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.contract.meal.VoidMealRequest;
import cn.laorenjia.contract.offline.OfflineSaleResult;
import cn.laorenjia.contract.offline.OfflineSyncRequest;
import cn.laorenjia.settlement.ledger.service.OfflineSales;
import cn.laorenjia.settlement.ledger.service.SaleMetrics;
import cn.laorenjia.contract.meal.QuotaView;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
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
    private final OfflineSales offline;
    private final SaleMetrics metrics;

    public MealResource(MealLedger ledger, TerminalPrincipal terminal, OfflineSales offline, SaleMetrics metrics) {
        this.ledger = ledger;
        this.offline = offline;
        this.terminal = terminal;
        this.metrics = metrics;
    }

    @POST
    @Operation(summary = "核准一餐助餐补贴: decides with the policy in force, takes the day and week quota across "
            + "all canteens and records the sale, exactly once per saleId (a retry gets the first answer; the same "
            + "saleId with a different body is refused with 409 DUPLICATE_ID_DIFFERENT_BODY)")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "已核准并记账 (subsidised and recorded; a retry returns this same body)"),
            @APIResponse(responseCode = "400", description = "MALFORMED_REQUEST, INVALID_REQUEST, INVALID_ID_NUMBER, INVALID_CARD_IDENTIFIER, TIMESTAMP_OUT_OF_RANGE, "
                    + "QR_MALFORMED, QR_TRUNCATED",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "TIMESTAMP_OUT_OF_RANGE",
                            value = "{\"code\":\"TIMESTAMP_OUT_OF_RANGE\",\"message\":\"终端时间与服务器相差过大，请校准终端时钟后重试\"}"))),
            @APIResponse(responseCode = "401", description = "UNAUTHENTICATED: missing or wrong terminal credential"),
            @APIResponse(responseCode = "403", description = "TERMINAL_NOT_OF_THIS_CANTEEN, CARD_NOT_ACTIVE, CARD_NOT_YET_VALID "
                    + "(before the card's issue date), FORBIDDEN; QR codes: "
                    + "QR_FORGED, QR_EXPIRED, QR_NOT_YET_VALID, QR_UNKNOWN_KEY, QR_REPLAYED (a phone code already used by another sale)"),
            @APIResponse(responseCode = "404", description = "UNKNOWN_CARD, UNKNOWN_SENIOR, UNKNOWN_MEAL_SET",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "UNKNOWN_CARD",
                            value = "{\"code\":\"UNKNOWN_CARD\",\"message\":\"未找到该卡，请确认老人已登记助餐服务，或改用身份证号查询\"}"))),
            @APIResponse(responseCode = "409", description = "DUPLICATE_ID_DIFFERENT_BODY, PRICE_CHANGED",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "DUPLICATE_ID_DIFFERENT_BODY",
                            value = "{\"code\":\"DUPLICATE_ID_DIFFERENT_BODY\",\"message\":\"该单号已用于另一笔不同的交易，请重新下单\"}"))),
            @APIResponse(responseCode = "413", description = "request body over 64 KiB"),
            @APIResponse(responseCode = "422", description = "不予补贴, nothing recorded: NOT_ENROLLED, NOT_ELIGIBLE, BELOW_STANDARD_PRICE, "
                    + "QUOTA_USED_TODAY, QUOTA_USED_THIS_WEEK, MEAL_NOT_COVERED; details.reasons lists every reason",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "QUOTA_USED_TODAY",
                            value = "{\"code\":\"QUOTA_USED_TODAY\",\"message\":\"今日补贴次数已用完，本餐按原价收费\",\"details\":{\"reasons\":"
                                    + "[{\"code\":\"DAILY_QUOTA_EXHAUSTED\",\"message\":\"今日补贴次数已用完\"}],\"remainingToday\":0,"
                                    + "\"remainingThisWeek\":4,\"ruleVersion\":\"tianjin-2024\"}}")))
    })
    public MealAuthorisation authorise(AuthoriseMealRequest body) {
        try {
            var command = MealRequests.sale(requireBody(body));
            MealAuthorisation answer = TransientFailures.retry(() -> ledger.authorise(counter(), command));
            metrics.authorised(answer);
            return answer;
        } catch (RuntimeException e) {
            metrics.notAuthorised(e);
            throw e;
        }
    }

    @POST
    @Path("/offline")
    @Operation(summary = "同步离线交易: the sales this terminal made while it could not reach the service, in order; each "
            + "answered SUBSIDISED, OFFLINE_CONFLICT (recorded, the district reimburses the discount only), REJECTED (the "
            + "canteen bears the discount), NOT_RECORDED or REFUSED. Exactly once per saleId; a sale whose live attempt "
            + "had landed gets that answer. All sales of a request are taken in one transaction.")
    @APIResponse(responseCode = "200", description = "one result per sale, in the same order")
    @APIResponse(responseCode = "400", description = "MALFORMED_REQUEST, INVALID_REQUEST (more than 200 sales, a saleId twice, a field missing)")
    public List<OfflineSaleResult> syncOffline(OfflineSyncRequest body) {
        int sales = body == null || body.sales() == null ? 0 : body.sales().size();
        try {
            var commands = MealRequests.offlineSales(requireBody(body));
            List<OfflineSaleResult> results = TransientFailures.retry(() -> offline.take(counter(), commands));
            metrics.synced(results);
            return results;
        } catch (RuntimeException e) {
            metrics.syncNotTaken(e, sales);
            throw e;
        }
    }

    @POST
    @Path("/{saleId}/void")
    @Operation(summary = "撤销当天本食堂的一笔交易: a reversing ledger entry, the quota given back; idempotent per voidId")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST (a saleId in the path that is not a UUID, a field "
            + "missing), MALFORMED_REQUEST, TIMESTAMP_OUT_OF_RANGE")
    @APIResponse(responseCode = "403", description = "TERMINAL_NOT_OF_THIS_CANTEEN (the sale was made at another canteen)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_SALE")
    @APIResponse(responseCode = "409", description = "SALE_ALREADY_VOIDED, VOID_NOT_SAME_DAY, DUPLICATE_ID_DIFFERENT_BODY")
    public MealVoid voidSale(@PathParam("saleId") UUID saleId, VoidMealRequest body) {
        try {
            var command = MealRequests.voidOf(saleId, requireBody(body));
            MealVoid answer = TransientFailures.retry(() -> ledger.voidSale(counter(), command));
            metrics.voided(answer);
            return answer;
        } catch (RuntimeException e) {
            metrics.notVoided(e);
            throw e;
        }
    }

    @GET
    @Path("/quota")
    @Operation(summary = "查询老人今日能否享受补贴及今日和本周已用、剩余补贴次数 (for the senior display): by cardKind+identifier, "
            + "or by qrToken (a phone code is checked but not used up); secondCheckRequired for printed codes. "
            + "eligible=false (code NOT_ENROLLED or NOT_ELIGIBLE, reasons from the eligibility decision, remaining 0) "
            + "for a senior not approved, suspended, withdrawn, deceased, in an institution ...")
    @APIResponse(responseCode = "403", description = "CARD_NOT_ACTIVE, CARD_NOT_YET_VALID, PRINTED_QR_NOT_SIGNED, QR_*")
    public QuotaView quota(@QueryParam("cardKind") String cardKind, @QueryParam("identifier") String identifier,
                           @QueryParam("qrToken") String qrToken) {
        if (qrToken != null) {
            // Read-only: a phone code is checked (signature, validity) but not used up by a look-up.
            return ledger.quotaOf(counter(), new Identification.ByQrToken(qrToken));
        }
        if (cardKind == null) {
            throw InvalidRequest.missing("cardKind");
        }
        Card.Kind kind;
        try {
            kind = Card.Kind.valueOf(cardKind);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.unknownValue("cardKind");
        }
        return ledger.quotaOf(counter(), new Identification.ByCard(kind, identifier));
    }

    private MealLedger.Counter counter() {
        return new MealLedger.Counter(terminal.terminalId(), terminal.canteenId());
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw new InvalidRequest("请求内容无效：缺少JSON请求体");
        }
        return body;
    }
}
