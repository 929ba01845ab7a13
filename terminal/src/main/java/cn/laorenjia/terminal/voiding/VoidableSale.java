package cn.laorenjia.terminal.voiding;

import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.contract.json.MoneyJson;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.till.TillJournal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One line of the counter's list of sales to void from ({@code GET /api/sale/voidable}): the open shift's sales as the
 * till journalled them, a subsidised one with its ledger status from the sale journal.
 *
 * @param saleId        the sale's id
 * @param at            when it was made
 * @param time          the same, Beijing time of day ("11:32")
 * @param nameMasked    the senior, masked ("张*珍"), or null when no answer named them yet
 * @param mealSetCode   the set sold
 * @param mealSetName   its name, or null when no answer named it yet
 * @param amountPaid    what the senior paid, in yuan text, or null when not known yet
 * @param cashier       the number of the cashier who made the sale, or null
 * @param cashierName   the cashier's name when this counter knows it, or null
 * @param status        VOIDABLE, VOIDED, OFFLINE_PENDING (not uploaded yet), OUTCOME_UNKNOWN (sent, answer lost),
 *                      FULL_PRICE (no subsidy to void) or NOT_VOIDABLE
 * @param statusZh      the status in Chinese, for the list
 * @param voidReason    for a voided sale: why
 * @param refund        for a voided sale: what was given back, in yuan text
 * @param refusalZh     why it cannot be voided now (the same words a void of it is refused with), or null
 */
public record VoidableSale(UUID saleId, Instant at, String time, String nameMasked, String mealSetCode,
                           String mealSetName, String amountPaid, String cashier, String cashierName, String status,
                           String statusZh, String voidReason, String refund, String refusalZh) {

    public static final String VOIDABLE = "VOIDABLE";
    public static final String VOIDED = "VOIDED";
    public static final String OFFLINE_PENDING = "OFFLINE_PENDING";
    public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";
    public static final String FULL_PRICE = "FULL_PRICE";
    public static final String NOT_VOIDABLE = "NOT_VOIDABLE";

    /** The line for a journalled sale; {@code cashierName} as this counter knows the cashier, or null. */
    public static VoidableSale of(SaleJournal.JournalledSale s, String cashierName) {
        MealAuthorisation shown = s.shown();
        String status = statusOf(s);
        VoidableSale line = new VoidableSale(s.saleId(), s.at(),
                LocalTime.ofInstant(s.at(), ChinaCalendar.ZONE).truncatedTo(ChronoUnit.MINUTES).toString(),
                shown == null || shown.senior() == null ? null : shown.senior().nameMasked(), s.mealSetCode(),
                shown == null || shown.mealSet() == null ? null : shown.mealSet().name(),
                shown == null || shown.amountToPay() == null ? null : shown.amountToPayYuan(), s.cashier(), cashierName,
                status, statusZh(status), s.voided() == null ? null : s.voided().reason(),
                s.voided() == null ? null : MoneyJson.yuan(s.voided().refund()), null);
        try {
            line.requireVoidable();
            return line;
        } catch (VoidRefused refused) {
            return new VoidableSale(line.saleId, line.at, line.time, line.nameMasked, line.mealSetCode, line.mealSetName,
                    line.amountPaid, line.cashier, line.cashierName, line.status, line.statusZh, line.voidReason,
                    line.refund, refused.messageZh());
        }
    }

    /**
     * The line for a sale of the open shift as the till journalled it: a full-price sale (a senior not subsidised, a
     * walk-in) is voided at the till alone; a subsidised one as its ledger entry allows ({@code ledger}, the sale
     * journal's record of it, null when that journal no longer holds it).
     */
    public static VoidableSale ofTill(TillJournal.SaleView till, String cashier, String cashierName,
                                      SaleJournal.JournalledSale ledger) {
        String status;
        if (till.voided() || ledger != null && ledger.voided() != null) {
            status = VOIDED;
        } else if (!till.subsidised()) {
            status = VOIDABLE;
        } else {
            status = ledger == null ? NOT_VOIDABLE : statusOf(ledger);
        }
        Instant at = till.time().toInstant();
        VoidableSale line = new VoidableSale(till.saleId(), at,
                LocalTime.ofInstant(at, ChinaCalendar.ZONE).truncatedTo(ChronoUnit.MINUTES).toString(),
                till.nameMasked(), till.mealSetCode(), till.setName(), till.amountDue(), cashier, cashierName, status,
                statusZh(status), ledger == null || ledger.voided() == null ? null : ledger.voided().reason(),
                ledger == null || ledger.voided() == null ? null : MoneyJson.yuan(ledger.voided().refund()), null);
        try {
            line.requireVoidable();
            return line;
        } catch (VoidRefused refused) {
            return new VoidableSale(line.saleId, line.at, line.time, line.nameMasked, line.mealSetCode, line.mealSetName,
                    line.amountPaid, line.cashier, line.cashierName, line.status, line.statusZh, line.voidReason,
                    line.refund, refused.messageZh());
        }
    }

    /**
     * Whether the central can void the sale: it answered it as a recorded subsidised meal (live, or an offline sale
     * synced and recorded), and it is not voided yet.
     */
    static String statusOf(SaleJournal.JournalledSale s) {
        if (s.voided() != null) {
            return VOIDED;
        }
        if (!s.granted()) {
            return FULL_PRICE;
        }
        if (s.pending()) {
            return s.mode() == SaleJournal.Mode.OFFLINE ? OFFLINE_PENDING : OUTCOME_UNKNOWN;
        }
        return MealAuthorisation.SUBSIDISED.equals(s.status()) || "OFFLINE_CONFLICT".equals(s.status())
                ? VOIDABLE : NOT_VOIDABLE;
    }

    private static String statusZh(String status) {
        return switch (status) {
            case VOIDABLE -> "可撤销";
            case VOIDED -> "已撤销";
            case OFFLINE_PENDING -> "离线交易待上传，暂不能撤销";
            case OUTCOME_UNKNOWN -> "结果未知，请先重试收款";
            case FULL_PRICE -> "按原价收费，无补贴可撤销";
            default -> "不能撤销";
        };
    }

    /** Who and what, as the cashier reads it: "张*珍 午餐标准套餐 实收 10.00 元（11:32）". */
    public String describedZh() {
        return (nameMasked == null ? "（未知老人）" : nameMasked) + " " + (mealSetName == null ? mealSetCode : mealSetName)
                + (amountPaid == null ? "" : " 实收 " + amountPaid + " 元") + "（" + time + "）";
    }

    /** Refuses, with the reason in Chinese, unless the central can void the sale now. */
    public void requireVoidable() {
        switch (status) {
            case VOIDABLE -> { }
            case VOIDED -> throw new VoidRefused(VoidRefused.ALREADY_VOIDED, "这笔交易已经撤销过了：" + describedZh());
            case OFFLINE_PENDING -> throw new VoidRefused(VoidRefused.OFFLINE_SALE_NOT_SYNCED,
                    "这笔离线交易还没有上传到结算中心，上传后才能撤销；现在请直接退款并记下单号 " + saleId);
            case OUTCOME_UNKNOWN -> throw new VoidRefused(VoidRefused.OUTCOME_UNKNOWN,
                    "这笔交易的结果还不知道：请先按 Enter 重试收款（不会重复扣次数），再撤销");
            case FULL_PRICE -> throw new VoidRefused(VoidRefused.NOTHING_TO_VOID, "这笔按原价收费，没有补贴需要撤销");
            default -> throw new VoidRefused(VoidRefused.NOTHING_TO_VOID, "这笔交易不能在本机撤销，请联系管理员");
        }
    }

    /** The sale id the page sent, or a refusal when it names none. */
    public static UUID saleIdOf(String text) {
        if (text == null || text.isBlank()) {
            throw new VoidRefused(VoidRefused.SALE_REQUIRED, "请先在列表中选择要撤销的交易");
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new VoidRefused(VoidRefused.NOTHING_TO_VOID, "没有找到这笔交易，请在列表中重新选择");
        }
    }
}
