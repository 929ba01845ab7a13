package cn.laorenjia.terminal.display;

import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.contract.meal.RefusalReason;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.terminal.display.VoicePrompts.Prompt;
import cn.laorenjia.terminal.sale.CounterState.Display;
import cn.laorenjia.terminal.sale.CounterState.Display.Tone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the public senior display shows and says in every state of the counter: the amount always there, a distinct
 * tone per state, never a refusal's reason; and the voice prompts a canteen overrides in its own file.
 */
class SeniorDisplayTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final MealAuthorisation.SeniorView ELIGIBLE = MealAuthorisation.SeniorView.of("张*珍", "1202**********1223", true);
    private static final MealAuthorisation.SeniorView NOT_ELIGIBLE = MealAuthorisation.SeniorView.of("李*兰", "1202**********0864", false);
    private static final MealAuthorisation.MealSetView LUNCH = new MealAuthorisation.MealSetView("L1", "午餐标准套餐", "LUNCH");

    private final SeniorDisplay display = new SeniorDisplay(VoicePrompts.defaults());

    @Test
    void aSubsidisedPreviewShowsTheDiscountTheWeeksRemainderAndWhatToPay() {
        Display d = display.preview(subsidised(1500, 300, 2));
        assertEquals("PREVIEW", d.tone());
        assertEquals("减免3元 本周还剩2次", d.headline());
        assertEquals("应付 12.00 元", d.amount());
        assertEquals("张*珍", d.detail());
        assertEquals("原价 15.00 元，减免 3.00 元", d.note());
        assertEquals("减免3元，本周还剩2次，请付12元", d.speak());
    }

    @Test
    void aRefusalSaysFullPriceAndTheAmountNeverTheReason() {
        for (ReasonCode reason : ReasonCode.values()) {
            MealPreview refused = refused(1500, reason);
            Display d = display.preview(refused);
            assertEquals("FULL_PRICE", d.tone(), reason::name);
            assertEquals("本餐按原价", d.headline());
            assertEquals("应付 15.00 元", d.amount());
            assertEquals("如有疑问请问收银员", d.note());
            assertEquals("本餐按原价，请付15元", d.speak());
            assertNoReasonIn(d, refused);
        }
    }

    @Test
    void aFullPriceMealDecidedOfflineReadsTheSame() {
        MealAuthorisation sale = sale(1500, 0, 5, "OFFLINE_FULL_PRICE", NOT_ELIGIBLE);
        Display d = display.fullPrice(sale);
        Display preview = display.preview(refused(1500, ReasonCode.NOT_ENROLLED));
        assertEquals(List.of(preview.tone(), preview.headline(), preview.amount(), preview.note(), preview.speak()),
                List.of(d.tone(), d.headline(), d.amount(), d.note(), d.speak()));
        assertEquals("李*兰", d.detail());
        assertFalse(String.join(" ", texts(d)).contains("5次"), "no week's remainder for a senior not subsidised");
    }

    @Test
    void aPaidSaleShowsWhatWasPaid() {
        Display subsidised = display.paid(sale(1600, 300, 4, "SUBSIDISED", ELIGIBLE));
        assertEquals("PAID", subsidised.tone());
        assertEquals("减免3元 本周还剩4次", subsidised.headline());
        assertEquals("应付 13.00 元", subsidised.amount());
        assertEquals("收款完成，请慢用", subsidised.speak());

        Display fullPrice = display.paid(sale(1500, 0, 5, "FULL_PRICE", NOT_ELIGIBLE));
        assertEquals("PAID", fullPrice.tone());
        assertEquals("收款完成", fullPrice.headline());
        assertEquals("应付 15.00 元", fullPrice.amount());
        assertFalse(String.join(" ", texts(fullPrice)).contains("本周"), "no quota for a full-price meal");
    }

    @Test
    void aVoidShowsTheRefundAndNoQuota() {
        Display d = display.voided(new MealVoid(UUID.randomUUID(), UUID.randomUUID(), MealVoid.VOIDED, MONDAY,
                Money.ofFen(300), Money.ofFen(200), Money.ofFen(1200), 1, 3, "已撤销，退还12元，本周还剩3次", Instant.EPOCH));
        assertEquals("VOIDED", d.tone());
        assertEquals("已撤销", d.headline());
        assertEquals("退还 12.00 元", d.amount());
        assertEquals("已撤销，退还12元", d.speak());
        assertFalse(String.join(" ", texts(d)).contains("本周"), "whoever stands at the counter now reads it");
    }

    @Test
    void waitingAndProblemsAreQuietAndSayNothingOfTheSenior() {
        for (Display d : List.of(display.problem(), display.cashierSigningIn(), display.lookingUp())) {
            assertEquals("PROBLEM", d.tone());
            assertEquals("请稍候", d.headline());
            assertNull(d.amount());
            assertNull(d.speak(), "the jar's please-wait prompt is silence");
        }
        Display welcome = SeniorDisplay.welcome();
        assertEquals("WELCOME", welcome.tone());
        assertEquals("欢迎光临", welcome.headline());
        assertNull(welcome.speak());
    }

    @Test
    void everyStateHasItsOwnTone() {
        Set<String> tones = new HashSet<>();
        tones.add(SeniorDisplay.welcome().tone());
        tones.add(display.preview(subsidised(1500, 300, 2)).tone());
        tones.add(display.preview(refused(1500, ReasonCode.DECEASED)).tone());
        tones.add(display.paid(sale(1500, 300, 2, "SUBSIDISED", ELIGIBLE)).tone());
        tones.add(display.voided(new MealVoid(UUID.randomUUID(), UUID.randomUUID(), MealVoid.VOIDED, MONDAY,
                Money.ofFen(300), Money.ofFen(200), Money.ofFen(1200), 1, 3, "", Instant.EPOCH)).tone());
        tones.add(display.problem().tone());
        assertEquals(Arrays.stream(Tone.values()).map(Tone::name).collect(Collectors.toSet()), tones);
    }

    @Test
    void amountsInHeadlinesAndSpeechDropTrailingZeros() {
        assertEquals("3", SeniorDisplay.spoken(Money.ofFen(300)));
        assertEquals("2.5", SeniorDisplay.spoken(Money.ofFen(250)));
        assertEquals("12.05", SeniorDisplay.spoken(Money.ofFen(1205)));
        assertEquals("0", SeniorDisplay.spoken(Money.ZERO));
        Display d = display.preview(subsidised(1350, 250, 0));
        assertEquals("减免2.5元 本周还剩0次", d.headline());
        assertEquals("应付 11.00 元", d.amount());
    }

    @Test
    void theCanteensFileReplacesPromptsKeyByKey(@TempDir Path dir) throws IOException {
        Path file = write(dir, """
                # our canteen's words
                preview=您好，今天减免{discount}元，请付{amount}元，本周还有{remainingWeek}次
                full-price=
                voided=已为您退款{refund}元
                """);
        SeniorDisplay ours = new SeniorDisplay(VoicePrompts.load(file));
        assertEquals("您好，今天减免3元，请付12元，本周还有2次", ours.preview(subsidised(1500, 300, 2)).speak());
        assertNull(ours.preview(refused(1500, ReasonCode.DECEASED)).speak(), "an empty prompt is silence");
        assertEquals("已为您退款12元", ours.voided(new MealVoid(UUID.randomUUID(), UUID.randomUUID(), MealVoid.VOIDED,
                MONDAY, Money.ofFen(300), Money.ofFen(200), Money.ofFen(1200), 1, 3, "", Instant.EPOCH)).speak());
        // keys the file lacks keep the jar's words
        assertEquals("收款完成，请慢用", ours.paid(sale(1500, 300, 2, "SUBSIDISED", ELIGIBLE)).speak());
        // and what is shown does not change with the prompts
        assertEquals(display.preview(subsidised(1500, 300, 2)).headline(), ours.preview(subsidised(1500, 300, 2)).headline());
    }

    @Test
    void aPromptWithAnUnknownPlaceholderOrAStrayBraceKeepsTheDefault(@TempDir Path dir) throws IOException {
        VoicePrompts defaults = VoicePrompts.defaults();
        Path file = write(dir, """
                preview=减免{discont}元
                full-price=请付{amount元
                voided=退还{refund}元，本周还剩{remainingWeek}次
                paid=谢谢{}
                paid-full-price=谢谢惠顾
                unknown-key=随便
                """);
        VoicePrompts loaded = VoicePrompts.load(file);
        assertEquals(defaults.template(Prompt.PREVIEW), loaded.template(Prompt.PREVIEW), "a misspelt placeholder");
        assertEquals(defaults.template(Prompt.FULL_PRICE), loaded.template(Prompt.FULL_PRICE), "an unclosed brace");
        assertEquals(defaults.template(Prompt.VOIDED), loaded.template(Prompt.VOIDED), "a placeholder of another prompt");
        assertEquals(defaults.template(Prompt.PAID), loaded.template(Prompt.PAID), "an empty placeholder");
        assertEquals("谢谢惠顾", loaded.template(Prompt.PAID_FULL_PRICE), "the good line of the same file is taken");
    }

    @Test
    void noFileOrAnUnreadableOneSpeaksTheDefaults(@TempDir Path dir) throws IOException {
        VoicePrompts defaults = VoicePrompts.defaults();
        VoicePrompts none = VoicePrompts.load(dir.resolve("absent.properties"));
        Path broken = write(dir, "preview=\\uZZZZ 减免\n"); // a malformed \\u escape: Properties refuses the file
        VoicePrompts unreadable = VoicePrompts.load(broken);
        VoicePrompts aDirectory = VoicePrompts.load(dir);
        for (Prompt p : Prompt.values()) {
            assertEquals(defaults.template(p), none.template(p));
            assertEquals(defaults.template(p), unreadable.template(p));
            assertEquals(defaults.template(p), aDirectory.template(p));
        }
    }

    @Test
    void theJarsPromptsNameNoReason() {
        VoicePrompts defaults = VoicePrompts.defaults();
        for (Prompt p : Prompt.values()) {
            assertNotNull(defaults.template(p));
            for (ReasonCode reason : ReasonCode.values()) {
                assertFalse(defaults.template(p).contains(reason.labelZh()), p + " names " + reason);
            }
        }
    }

    /** Nothing on the public display that says why: the reason's words, the central's refusal text, eligibility. */
    private static void assertNoReasonIn(Display d, MealPreview refused) {
        String everything = String.join(" ", texts(d));
        List<String> forbidden = Stream.concat(
                Stream.of("已故", "低保", "不符合", "用完", "不享受", "户籍", "机构", "本周", refused.refusalMessage(),
                        refused.senior().eligibilityZh()),
                refused.reasons().stream().map(RefusalReason::message)).toList();
        for (String word : forbidden) {
            assertFalse(everything.contains(word), () -> "the public display says \"" + word + "\": " + everything);
        }
    }

    private static List<String> texts(Display d) {
        return Stream.of(d.headline(), d.detail(), d.speak(), d.amount(), d.note())
                .filter(Objects::nonNull).toList();
    }

    private static MealPreview subsidised(long priceFen, long discountFen, int remainingWeek) {
        Money price = Money.ofFen(priceFen);
        Money discount = Money.ofFen(discountFen);
        return new MealPreview(ELIGIBLE, "CARD", false, LUNCH, MONDAY, "2026-W48", true, price, discount,
                price.minus(discount), 0, remainingWeek, "tianjin-2024", "减免3元，本周还剩" + remainingWeek + "次", null,
                null, List.of());
    }

    private static MealPreview refused(long priceFen, ReasonCode reason) {
        Money price = Money.ofFen(priceFen);
        return new MealPreview(NOT_ELIGIBLE, "CARD", false, LUNCH, MONDAY, "2026-W48", false, price, Money.ZERO, price,
                0, 5, "tianjin-2024", "本餐不享受补贴：" + reason.labelZh(), reason.name(),
                "本餐不享受补贴：" + reason.labelZh(), List.of(new RefusalReason(reason.name(), reason.labelZh(), null)));
    }

    private static MealAuthorisation sale(long priceFen, long discountFen, int remainingWeek, String status,
                                          MealAuthorisation.SeniorView senior) {
        Money price = Money.ofFen(priceFen);
        Money discount = Money.ofFen(discountFen);
        return new MealAuthorisation(UUID.randomUUID(), status, senior, "BD-HB-01", "BD-HB-01-T1", LUNCH, MONDAY,
                "2026-W48", price, discount, price.minus(discount), Money.ZERO, 0, remainingWeek, "tianjin-2024",
                "减免3元，本周还剩" + remainingWeek + "次", Instant.EPOCH, false);
    }

    private static Path write(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve("voice-prompts.properties"), text, StandardCharsets.UTF_8);
    }
}
