package cn.laorenjia.terminal.sale;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.terminal.cashier.CashierSession;
import cn.laorenjia.terminal.offline.OfflineCounter;

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
     * @param tone       WELCOME (waiting), SUBSIDISED, FULL_PRICE (identified, no subsidy), DONE (sale recorded)
     * @param headline   the line in very large type, e.g. "减免3元 本周还剩2次"
     * @param detail     a smaller line: the name (masked) and amount to pay
     * @param speak      what the voice prompt says, or null for silence
     */
    public record Display(String tone, String headline, String detail, String speak) {

        public static Display welcome() {
            return new Display("WELCOME", "欢迎光临 请刷卡或出示二维码", "", null);
        }
    }
}
