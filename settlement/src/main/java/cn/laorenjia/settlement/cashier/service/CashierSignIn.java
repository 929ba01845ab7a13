package cn.laorenjia.settlement.cashier.service;

import cn.laorenjia.contract.counter.CashierView;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.cashier.entity.Cashier;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.security.PasswordHasher;
import cn.laorenjia.settlement.security.SignInLocked;
import cn.laorenjia.settlement.security.SignInThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cashier signs in at a counter of their canteen with number and PIN. An unknown number, a wrong PIN, an inactive
 * cashier and a cashier of another canteen get the one answer CASHIER_SIGN_IN_FAILED, after as much bcrypt work
 * each, so the answer tells nothing about which numbers exist. Wrong PINs are counted per terminal and number (the
 * people's {@link SignInThrottle}: a back-off, then a lock) and every failure is audited.
 */
@ApplicationScoped
public class CashierSignIn {

    static final String FAILED_ZH = "工号或密码不正确，请重新输入";

    private final CashierRegister register;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final AuditLog audit;

    public CashierSignIn(CashierRegister register, PasswordHasher hasher, SignInThrottle throttle, AuditLog audit) {
        this.register = register;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** The counter asking: its code (for the throttle and audit) and its canteen. */
    public record Counter(String terminalCode, long canteenId) {
    }

    /** Not in a transaction of its own: a failure's audit row must stay although the answer is an error. */
    public CashierView signIn(Counter counter, String number, String pin) {
        String shownNumber = CashierRegister.wellFormed(number) ? number : "?";
        List<SignInThrottle.Key> keys = List.of(new SignInThrottle.Key("cashier", counter.terminalCode() + "/" + shownNumber));
        Subject subject = Subject.of("cashier", register.canteenCode(counter.canteenId()) + "/" + shownNumber);
        try {
            throttle.check(keys);
        } catch (SignInLocked locked) {
            audit.recordAlone(audit.currentActor(), AuditAction.CASHIER_SIGN_IN_REFUSED_LOCKED, subject,
                    Map.of("retryAfterSeconds", locked.retryAfterSeconds()));
            throw locked;
        }
        Optional<CashierView> cashier = verify(counter.canteenId(), number, pin);
        if (cashier.isEmpty()) {
            Optional<Duration> refused = throttle.failed(keys);
            audit.recordAlone(audit.currentActor(), AuditAction.CASHIER_SIGN_IN_FAILED, subject,
                    refused.<Map<String, Object>>map(d -> Map.of("refusedForSeconds", d.toSeconds())).orElse(Map.of()));
            throw new ApiException(ErrorCodes.CASHIER_SIGN_IN_FAILED, FAILED_ZH);
        }
        throttle.succeeded(keys.get(0));
        return cashier.get();
    }

    @Transactional
    Optional<CashierView> verify(long canteenId, String number, String pin) {
        Cashier cashier = CashierRegister.wellFormed(number) ? register.find(canteenId, number) : null;
        // the decoy hash when there is no cashier: an unknown number costs as much as a wrong PIN
        boolean pinMatches = hasher.matches(pin == null ? "" : pin, cashier == null ? null : cashier.pinHash);
        if (cashier == null || !pinMatches || !cashier.active) {
            return Optional.empty();
        }
        return Optional.of(new CashierView(cashier.number, cashier.name));
    }
}
