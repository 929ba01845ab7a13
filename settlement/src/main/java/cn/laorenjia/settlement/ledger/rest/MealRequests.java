package cn.laorenjia.settlement.ledger.rest;

import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.VoidMealRequest;
import cn.laorenjia.contract.offline.OfflineSaleRequest;
import cn.laorenjia.contract.offline.OfflineSyncRequest;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.ledger.service.AuthoriseMeal;
import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.settlement.ledger.service.LedgerError;
import cn.laorenjia.settlement.ledger.service.OfflineSales;
import cn.laorenjia.settlement.ledger.service.VoidMeal;
import cn.laorenjia.settlement.register.entity.Card;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The contract's request records, as a terminal sends them, parsed into the service's validated commands; anything
 * missing or out of range is a 400 naming the field.
 */
public final class MealRequests {

    private MealRequests() {
    }

    public static Identification identification(IdentificationRequest id) {
        String method = id.method();
        if (IdentificationRequest.CARD.equals(method)) {
            return new Identification.ByCard(enumValue(Card.Kind.class, id.cardKind(), "cardKind"), id.identifier());
        }
        if (IdentificationRequest.QR.equals(method)) {
            return new Identification.ByQrToken(id.token());
        }
        if (IdentificationRequest.MANUAL.equals(method)) {
            if (id.idNumber() == null) {
                throw InvalidRequest.missing("identification.idNumber");
            }
            return new Identification.Manual(id.idNumber(),
                    enumValue(Identification.ManualReason.class, id.reason(), "reason"));
        }
        throw InvalidRequest.of("identification.method", "请求内容无效：identification.method 须为 CARD、QR 或 MANUAL");
    }

    static AuthoriseMeal sale(AuthoriseMealRequest body) {
        // the commands refuse a null with NullPointerException, which would answer 500: say what is missing
        if (body.saleId() == null) {
            throw InvalidRequest.missing("saleId");
        }
        if (body.occurredAt() == null) {
            throw InvalidRequest.missing("occurredAt");
        }
        if (body.identification() == null) {
            throw InvalidRequest.missing("identification");
        }
        if (body.price() == null) {
            throw InvalidRequest.missing("priceFen");
        }
        return new AuthoriseMeal(body.saleId(), instant(body.occurredAt()),
                identification(body.identification()), body.mealSetCode(), body.price().fen(), body.cashier());
    }

    static OfflineSales.OfflineSale offlineSale(OfflineSaleRequest body) {
        if (body.granted() == null) {
            throw InvalidRequest.missing("granted");
        }
        return new OfflineSales.OfflineSale(sale(body.sale()), body.granted());
    }

    /** At most {@link OfflineSyncRequest#MAX_SALES} sales, in the order the terminal made them. */
    static List<OfflineSales.OfflineSale> offlineSales(OfflineSyncRequest body) {
        List<OfflineSaleRequest> sales = body.sales();
        int max = OfflineSyncRequest.MAX_SALES;
        if (sales == null || sales.isEmpty()) {
            throw InvalidRequest.of("sales", "请求内容无效：sales 须列出 1 至 " + max + " 笔交易");
        }
        if (sales.size() > max) {
            throw InvalidRequest.of("sales", "请求内容无效：一次同步最多 " + max + " 笔交易");
        }
        Set<UUID> ids = new HashSet<>();
        List<OfflineSales.OfflineSale> commands = new ArrayList<>(sales.size());
        for (OfflineSaleRequest sale : sales) {
            if (sale == null) {
                throw InvalidRequest.of("sales", "请求内容无效：sales 中有空项（null）");
            }
            OfflineSales.OfflineSale command = offlineSale(sale);
            if (!ids.add(command.sale().saleId())) {
                throw InvalidRequest.of("sales", "请求内容无效：同一交易号 saleId 在一次同步中出现两次");
            }
            commands.add(command);
        }
        return commands;
    }

    static VoidMeal voidOf(UUID saleId, VoidMealRequest body) {
        if (body.voidId() == null) {
            throw InvalidRequest.missing("voidId");
        }
        if (body.occurredAt() == null) {
            throw InvalidRequest.missing("occurredAt");
        }
        return new VoidMeal(body.voidId(), saleId, instant(body.occurredAt()), body.reason(), body.cashier());
    }

    /**
     * The instant of a sale or void. Outside the years 1–9999 it is out of range of any clock (and beyond
     * what the ledger's request hash, in epoch milliseconds, can hold): refused as such here, before anything.
     */
    private static Instant instant(OffsetDateTime at) {
        Instant instant = at.toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw LedgerError.TIMESTAMP_OUT_OF_RANGE.exception();
        }
        return instant;
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        if (value == null) {
            throw InvalidRequest.missing(field);
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.unknownValue(field);
        }
    }
}
