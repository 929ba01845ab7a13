package cn.laorenjia.settlement.ledger.rest;

import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.ledger.service.AuthoriseMeal;
import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.settlement.ledger.service.LedgerError;
import cn.laorenjia.settlement.ledger.service.OfflineSales;
import cn.laorenjia.settlement.ledger.service.VoidMeal;
import cn.laorenjia.settlement.register.entity.Card;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The JSON a terminal sends. Parsed into the service's validated commands; anything missing is a 400. */
public final class MealRequests {

    private MealRequests() {
    }

    @Schema(name = "IdentificationRequest", description = "刷卡 (CARD)、扫码 (QR: 扫到的签名二维码全文) 或手工查询 (MANUAL, 需说明原因)")
    public record IdentificationJson(
            @Schema(enumeration = {"CARD", "QR", "MANUAL"}, examples = "CARD") String method,
            @Schema(enumeration = {"UID", "SOCIAL_SECURITY", "PRINTED_QR"}, examples = "UID") String cardKind,
            @Schema(examples = "04A1B2C3D4E5F6") String identifier,
            @Schema(description = "18位身份证号 (MANUAL)") String idNumber,
            @Schema(enumeration = {"CARD_FORGOTTEN", "CARD_DAMAGED", "CARD_LOST", "READER_FAULT", "OTHER"}) String reason,
            @Schema(description = "QR: 扫码枪或摄像头读到的文本, 以 LRJ: 开头") String token) {

        public Identification toIdentification() {
            if ("CARD".equals(method)) {
                return new Identification.ByCard(enumValue(Card.Kind.class, cardKind, "cardKind"), identifier);
            }
            if ("QR".equals(method)) {
                return new Identification.ByQrToken(token);
            }
            if ("MANUAL".equals(method)) {
                if (idNumber == null) {
                    throw InvalidRequest.missing("identification.idNumber");
                }
                return new Identification.Manual(idNumber,
                        enumValue(Identification.ManualReason.class, reason, "reason"));
            }
            throw InvalidRequest.of("identification.method", "请求内容无效：identification.method 须为 CARD、QR 或 MANUAL");
        }
    }

    @Schema(name = "AuthoriseMealRequest")
    record AuthoriseJson(
            @Schema(description = "终端生成的交易号 (UUID),重试时保持不变", examples = "6f1c2a3b-8d4e-4f5a-9b6c-7d8e9f0a1b2c") UUID saleId,
            @Schema(examples = "2026-11-23T11:42:10+08:00") OffsetDateTime occurredAt,
            IdentificationJson identification,
            @Schema(examples = "LUNCH-STD") String mealSetCode,
            @Schema(description = "终端显示的套餐价格(分)", examples = "1300") Long priceFen) {

        AuthoriseMeal toCommand() {
            // the commands refuse a null with NullPointerException, which would answer 500: say what is missing
            if (saleId == null) {
                throw InvalidRequest.missing("saleId");
            }
            if (occurredAt == null) {
                throw InvalidRequest.missing("occurredAt");
            }
            if (identification == null) {
                throw InvalidRequest.missing("identification");
            }
            if (priceFen == null) {
                throw InvalidRequest.missing("priceFen");
            }
            return new AuthoriseMeal(saleId, instant(occurredAt),
                    identification.toIdentification(), mealSetCode, priceFen);
        }
    }

    @Schema(name = "OfflineSaleRequest", description = "终端离线期间完成的一笔交易,同步时发送")
    record OfflineSaleJson(
            @Schema(description = "终端生成的交易号 (UUID),与在线重试相同") UUID saleId,
            @Schema(description = "交易发生的时间 (柜台时钟)") OffsetDateTime occurredAt,
            IdentificationJson identification,
            @Schema(examples = "LUNCH-STD") String mealSetCode,
            @Schema(description = "当时收费所依据的套餐价格(分)") Long priceFen,
            @Schema(description = "终端离线时是否给予了补贴") Boolean granted) {

        OfflineSales.OfflineSale toCommand() {
            if (granted == null) {
                throw InvalidRequest.missing("granted");
            }
            return new OfflineSales.OfflineSale(
                    new AuthoriseJson(saleId, occurredAt, identification, mealSetCode, priceFen).toCommand(), granted);
        }
    }

    /** At most {@link #MAX_SALES} sales, in the order the terminal made them. */
    @Schema(name = "OfflineSyncRequest")
    record OfflineBatchJson(List<OfflineSaleJson> sales) {

        static final int MAX_SALES = 200;

        List<OfflineSales.OfflineSale> toCommands() {
            if (sales == null || sales.isEmpty()) {
                throw InvalidRequest.of("sales", "请求内容无效：sales 须列出 1 至 " + MAX_SALES + " 笔交易");
            }
            if (sales.size() > MAX_SALES) {
                throw InvalidRequest.of("sales", "请求内容无效：一次同步最多 " + MAX_SALES + " 笔交易");
            }
            Set<UUID> ids = new HashSet<>();
            List<OfflineSales.OfflineSale> commands = new ArrayList<>(sales.size());
            for (OfflineSaleJson sale : sales) {
                if (sale == null) {
                    throw InvalidRequest.of("sales", "请求内容无效：sales 中有空项(null)");
                }
                OfflineSales.OfflineSale command = sale.toCommand();
                if (!ids.add(command.sale().saleId())) {
                    throw InvalidRequest.of("sales", "请求内容无效：同一交易号 saleId 在一次同步中出现两次");
                }
                commands.add(command);
            }
            return commands;
        }
    }

    @Schema(name = "VoidMealRequest")
    record VoidJson(
            @Schema(description = "终端为本次撤销生成的编号 (UUID)") UUID voidId,
            @Schema(examples = "2026-11-23T11:45:00+08:00") OffsetDateTime occurredAt,
            @Schema(examples = "收银员选错套餐") String reason) {

        VoidMeal toCommand(UUID saleId) {
            if (voidId == null) {
                throw InvalidRequest.missing("voidId");
            }
            if (occurredAt == null) {
                throw InvalidRequest.missing("occurredAt");
            }
            return new VoidMeal(voidId, saleId, instant(occurredAt), reason);
        }
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
