package cn.laorenjia.terminal.sale;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.terminal.cashier.CashierSession;
import cn.laorenjia.terminal.offline.OfflineCounter;

import java.util.Objects;

/**
 * Everything the cashier page and the senior display show, as one snapshot: pushed to both pages after every
 * change, so neither keeps state of its own.
 *
 * @param seq          increases with every change; the display speaks a new announcement once
 * @param menu         the settlement service's menu answer, or null until it could be read
 * @param selectedSet  the code of the chosen set
 * @param presented    how the senior identified: CARD_UID, SOCIAL_SECURITY_CARD, PRINTED_QR, PHONE_QR or MANUAL
 * @param preview      the decision preview for the senior and set, or null
 * @param lastSale     the last confirmed sale (its authorisation; status OFFLINE_PENDING or OFFLINE_FULL_PRICE when
 *                     decided offline), or null
 * @param lastVoid     the answer to voiding the last sale, or null
 * @param message      what the cashier should read now (success or what to do next), or null
 * @param error        a refusal or failure: code and Chinese message, or null
 * @param pendingSaleId the id of a sale sent but not yet answered; a retry sends the same id
 * @param display      what the senior display shows and says
 * @param connection   whether the central is reachable, how many sales wait in the journal, offline conflicts
 * @param cashier      the cashier signed in at this counter, or null (then nothing is sold or voided)
 */
public record CounterState(long seq, String terminalCode, CounterMenu menu, String selectedSet, String presented,
                           MealPreview preview, MealAuthorisation lastSale, MealVoid lastVoid, String message, Problem error,
                           String pendingSaleId, Display display, OfflineCounter.Status connection,
                           CashierSession.SignedIn cashier) {

    public record Problem(String code, String messageZh) {
    }

    /**
     * What the public senior display shows and says. Everyone in the queue can read it, so it never says why a meal
     * is not subsidised (that is on the cashier's screen only); {@code cn.laorenjia.terminal.display.SeniorDisplay}
     * composes every one of them.
     *
     * @param tone       one of {@link Tone}'s names: the display's colour
     * @param headline   the line in very large type, e.g. "减免3元 本周还剩2次" or "本餐按原价"; phrases separated by spaces
     * @param detail     a smaller line: the name (masked), or what the cashier is doing while the senior waits
     * @param speak      what the voice prompt says, or null for silence
     * @param amount     the money line, always there when a meal is previewed or paid ("应付 12.00 元"), or when a sale
     *                   is voided ("退还 12.00 元"); null otherwise
     * @param note       an optional small, kind line ("如有疑问请问收银员"), or null
     */
    public record Display(String tone, String headline, String detail, String speak, String amount, String note) {

        /** The display's states, each with its own colour. */
        public enum Tone {
            /** Waiting for the next senior. */
            WELCOME,
            /** A senior identified, the meal subsidised, not yet paid. */
            PREVIEW,
            /** A senior identified, the meal at full price (whatever the reason: the display does not say). */
            FULL_PRICE,
            /** The sale is recorded. */
            PAID,
            /** The sale was voided: the money is given back. */
            VOIDED,
            /** Something needs the cashier: please wait. */
            PROBLEM
        }

        public Display {
            Objects.requireNonNull(tone, "tone");
            Tone.valueOf(tone); // a tone the page has a colour for, nothing else
            Objects.requireNonNull(headline, "headline");
        }

        /** The display before anything happened (also {@code SeniorDisplay.welcome()}). */
        public static Display welcome() {
            return new Display(Tone.WELCOME.name(), "欢迎光临", "请刷卡或出示二维码", null, null, null);
        }
    }
}
