package cn.laorenjia.terminal.display;

import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.terminal.display.VoicePrompts.Prompt;
import cn.laorenjia.terminal.sale.CounterState.Display;
import cn.laorenjia.terminal.sale.CounterState.Display.Tone;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Objects;

/**
 * Composes what the public senior display shows and says, for every state of the counter. The whole queue reads
 * it, so it speaks kindly and neutrally: the amount to pay is always there, a meal at full price says only that
 * ("本餐按原价"), never why (已故, 低保, 不符合条件, 本周已用完: those stay on the cashier's screen), and how many
 * subsidised meals are left this week is shown only to a subsidised senior, whose figure it is.
 */
@Singleton
public final class SeniorDisplay {

    /** The kind small line under a full price or a void. */
    static final String ASK_THE_CASHIER = "如有疑问请问收银员";
    static final String ENJOY = "谢谢，请慢用";

    private final VoicePrompts prompts;

    @Inject
    public SeniorDisplay(DisplayConfig config) {
        this(VoicePrompts.load(config.voicePrompts()));
    }

    public SeniorDisplay(VoicePrompts prompts) {
        this.prompts = Objects.requireNonNull(prompts, "prompts");
    }

    /** Waiting for the next senior: silent. */
    public static Display welcome() {
        return Display.welcome();
    }

    /** A senior identified and the meal decided, not yet paid: subsidised (blue) or at full price (neutral). */
    public Display preview(MealPreview p) {
        String name = nameOf(p.senior());
        if (p.subsidised()) {
            return new Display(Tone.PREVIEW.name(), subsidyHeadline(p.discount(), p.remainingThisWeek()), name,
                    prompts.say(Prompt.PREVIEW, figures(p.discount(), p.amountToPay(), p.price(), p.remainingThisWeek(),
                            p.remainingToday())),
                    toPay(p.amountToPay()), "原价 " + p.price().toYuanString() + " 元，减免 " + p.discount().toYuanString() + " 元");
        }
        return fullPrice(name, fullAmount(p.amountToPay(), p.price()), p.price());
    }

    /**
     * A meal to be paid at full price that the counter has already decided for good (an offline decision that could
     * not subsidise): the same neutral words as a full-price preview.
     */
    public Display fullPrice(MealAuthorisation sale) {
        return fullPrice(nameOf(sale.senior()), fullAmount(sale.amountToPay(), sale.price()), sale.price());
    }

    /** The sale is recorded (live or offline): green, with what the senior pays. */
    public Display paid(MealAuthorisation sale) {
        String name = nameOf(sale.senior());
        Money amount = fullAmount(sale.amountToPay(), sale.price());
        boolean subsidised = sale.discount() != null && !sale.discount().isZero();
        if (subsidised) {
            return new Display(Tone.PAID.name(), subsidyHeadline(sale.discount(), sale.remainingThisWeek()), name,
                    prompts.say(Prompt.PAID, figures(sale.discount(), amount, sale.price(), sale.remainingThisWeek(),
                            sale.remainingToday())),
                    toPay(amount), ENJOY);
        }
        return new Display(Tone.PAID.name(), "收款完成", name,
                prompts.say(Prompt.PAID_FULL_PRICE, Map.of("amount", spoken(amount), "price", spoken(sale.price()))),
                toPay(amount), ENJOY);
    }

    /**
     * The sale is voided: what is given back. Nothing about the senior's quota: the figure would be read by whoever
     * stands at the counter now.
     */
    /** A meal sold at full price at the till (a senior not subsidised, or a walk-in): paid, thanks. */
    public Display paidAtFullPrice(String nameMasked, Money amount) {
        return new Display(Tone.PAID.name(), "收款完成", nameMasked == null ? "" : nameMasked,
                prompts.say(Prompt.PAID_FULL_PRICE, Map.of("amount", spoken(amount), "price", spoken(amount))),
                toPay(amount), ENJOY);
    }

    public Display voided(MealVoid reversal) {
        return refunded(Objects.requireNonNullElse(reversal.refund(), Money.ZERO));
    }

    /** A sale voided at the till (a subsidised one reversed in the ledger, or a full-price one): the money given back. */
    public Display refunded(Money refund) {
        return new Display(Tone.VOIDED.name(), "已撤销", "", prompts.say(Prompt.VOIDED, Map.of("refund", spoken(refund))),
                "退还 " + refund.toYuanString() + " 元", ASK_THE_CASHIER);
    }

    /** The cashier is dealing with something (a code not read, the central's refusal of a look-up): please wait. */
    public Display problem() {
        return pleaseWait("收银员正在处理");
    }

    /** A senior presented a card before a cashier signed in. */
    public Display cashierSigningIn() {
        return pleaseWait("收银员正在登录");
    }

    /** The senior could not be identified or the decision not made: the cashier looks the senior up. */
    public Display lookingUp() {
        return pleaseWait("收银员正在为您查询");
    }

    private Display pleaseWait(String what) {
        return new Display(Tone.PROBLEM.name(), "请稍候", what, prompts.say(Prompt.PLEASE_WAIT, Map.of()), null, null);
    }

    private Display fullPrice(String name, Money amount, Money price) {
        return new Display(Tone.FULL_PRICE.name(), "本餐按原价", name,
                prompts.say(Prompt.FULL_PRICE, Map.of("amount", spoken(amount), "price", spoken(price))),
                toPay(amount), ASK_THE_CASHIER);
    }

    /** "减免3元 本周还剩2次": two phrases the page keeps whole when it wraps. */
    private static String subsidyHeadline(Money discount, int remainingThisWeek) {
        return "减免" + spoken(discount) + "元 本周还剩" + remainingThisWeek + "次";
    }

    private static Map<String, String> figures(Money discount, Money amount, Money price, int remainingWeek,
                                               int remainingToday) {
        return Map.of("discount", spoken(discount), "amount", spoken(amount), "price", spoken(price),
                "remainingWeek", String.valueOf(remainingWeek), "remainingToday", String.valueOf(remainingToday));
    }

    private static String toPay(Money amount) {
        return "应付 " + amount.toYuanString() + " 元";
    }

    /** A meal at full price costs its price; the amount to pay is that, when the answer carries it. */
    private static Money fullAmount(Money amountToPay, Money price) {
        return amountToPay != null ? amountToPay : Objects.requireNonNull(price, "price");
    }

    private static String nameOf(MealAuthorisation.SeniorView senior) {
        return senior == null || senior.nameMasked() == null ? "" : senior.nameMasked();
    }

    /** "3" for 300 fen, "2.5" for 250 fen, "12.05" for 1205: how an amount is said (and read in a headline). */
    static String spoken(Money amount) {
        String text = amount.toYuanString();
        if (text.endsWith(".00")) {
            return text.substring(0, text.length() - 3);
        }
        return text.endsWith("0") ? text.substring(0, text.length() - 1) : text;
    }
}
