package cn.laorenjia.settlement.cashier.service;

import cn.laorenjia.core.register.DisplayName;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.cashier.entity.Cashier;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.security.CanteenDirectory;
import cn.laorenjia.settlement.security.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The register of each canteen's cashiers, kept by administrators: add one with a PIN, change the PIN, deactivate
 * and activate. Every change is audited in its own transaction. The ledger asks here whether a sale's cashier may
 * sign for it.
 */
@ApplicationScoped
public class CashierRegister {

    /** A cashier as the register shows them: never the PIN's hash. */
    public record RegisteredCashier(String canteen, String number, String name, boolean active, Instant createdAt,
                                    Instant changedAt) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final CanteenDirectory canteens;
    private final AuditLog audit;

    public CashierRegister(EntityManager em, Clock clock, PasswordHasher hasher, CanteenDirectory canteens,
                           AuditLog audit) {
        this.em = em;
        this.clock = clock;
        this.hasher = hasher;
        this.canteens = canteens;
        this.audit = audit;
    }

    @Transactional
    public List<RegisteredCashier> list(String canteenCode) {
        long canteenId = canteenId(canteenCode);
        return em.createQuery("from Cashier c where c.canteenId = :canteen order by c.number", Cashier.class)
                .setParameter("canteen", canteenId).getResultList().stream()
                .map(c -> view(canteenCode, c)).toList();
    }

    /** The register code of a canteen, for the audit's subject (its id if it is gone). */
    @Transactional
    public String canteenCode(long canteenId) {
        return canteens.codeOf(canteenId).orElse(Long.toString(canteenId));
    }

    /** Whether any canteen has a cashier (the sample loader adds its cashiers only to a register without). */
    @Transactional
    public boolean any() {
        return !em.createQuery("select c.id from Cashier c", Long.class).setMaxResults(1).getResultList().isEmpty();
    }

    @Transactional
    public RegisteredCashier add(String canteenCode, String number, String name, String pin) {
        long canteenId = canteenId(canteenCode);
        requireNumber(number);
        String trimmed = DisplayName.of(DisplayName.Kind.CASHIER_NAME, name).value();
        CashierPin checked = CashierPin.of(pin);
        if (find(canteenId, number) != null) {
            throw new ApiException(ErrorCodes.DUPLICATE_CASHIER, "本食堂已有工号为 " + number + " 的收银员");
        }
        Cashier cashier = new Cashier();
        cashier.canteenId = canteenId;
        cashier.number = number;
        cashier.name = trimmed;
        cashier.pinHash = hasher.hash(checked.digits());
        cashier.createdAt = clock.instant();
        cashier.changedAt = cashier.createdAt;
        cashier.persist();
        em.flush();
        audit.record(AuditAction.CASHIER_REGISTERED, subject(canteenCode, number), null, Map.of("name", trimmed));
        return view(canteenCode, cashier);
    }

    @Transactional
    public RegisteredCashier changePin(String canteenCode, String number, String pin) {
        Cashier cashier = require(canteenCode, number);
        cashier.pinHash = hasher.hash(CashierPin.of(pin).digits());
        cashier.changedAt = clock.instant();
        audit.record(AuditAction.CASHIER_PIN_CHANGED, subject(canteenCode, number), null, Map.of());
        return view(canteenCode, cashier);
    }

    @Transactional
    public RegisteredCashier setActive(String canteenCode, String number, boolean active) {
        Cashier cashier = require(canteenCode, number);
        boolean before = cashier.active;
        cashier.active = active;
        cashier.changedAt = clock.instant();
        audit.record(active ? AuditAction.CASHIER_ACTIVATED : AuditAction.CASHIER_DEACTIVATED,
                subject(canteenCode, number), null, Map.of("wasActive", before));
        return view(canteenCode, cashier);
    }

    /**
     * Refuses (CASHIER_UNKNOWN) a live sale or void signed by someone who is not an active cashier of the terminal's
     * canteen; a null cashier (an API client, an older counter) is let through and recorded as null.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireActive(long canteenId, String number) {
        if (number != null) {
            requireActive(number, wellFormed(number) ? find(canteenId, number) : null);
        }
    }

    /**
     * As {@link #requireActive(long, String)}, for a caller that read the canteen's cashier with this number itself
     * (null when there is none), in the query that read the rest of the sale's place.
     */
    public static void requireActive(String number, Cashier registered) {
        if (number == null) {
            return;
        }
        if (!wellFormed(number) || registered == null || !registered.active || !number.equals(registered.number)) {
            throw unknown(number);
        }
    }

    /**
     * Refuses (CASHIER_UNKNOWN) offline sales signed by a number that is no cashier of the canteen. A cashier
     * deactivated since is accepted: the sale was made while they were signed in, and refusing it would stop the
     * counter's sync for good.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireRegistered(long canteenId, Collection<String> numbers) {
        Set<String> wanted = new HashSet<>();
        for (String number : numbers) {
            if (number != null) {
                if (!wellFormed(number)) {
                    throw unknown(number);
                }
                wanted.add(number);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<String> known = em.createQuery(
                        "select c.number from Cashier c where c.canteenId = :canteen and c.number in :numbers", String.class)
                .setParameter("canteen", canteenId).setParameter("numbers", wanted).getResultList();
        wanted.removeAll(known);
        if (!wanted.isEmpty()) {
            throw unknown(wanted.iterator().next());
        }
    }

    /** The cashier with this number in the canteen, active or not; null if there is none. */
    public Cashier find(long canteenId, String number) {
        return em.createQuery("from Cashier c where c.canteenId = :canteen and c.number = :number", Cashier.class)
                .setParameter("canteen", canteenId).setParameter("number", number)
                .getResultStream().findFirst().orElse(null);
    }

    static boolean wellFormed(String number) {
        return number != null && number.matches("[0-9]{1,8}");
    }

    private static void requireNumber(String number) {
        if (number == null || number.isEmpty()) {
            throw InvalidRequest.missing("number");
        }
        if (!wellFormed(number)) {
            throw InvalidRequest.of("number", "请求内容无效：工号 number 须为 1 至 8 位数字");
        }
    }

    private static ApiException unknown(String number) {
        return new ApiException(ErrorCodes.CASHIER_UNKNOWN,
                "收银员工号 " + (wellFormed(number) ? number : "") + " 不是本食堂在岗的收银员，本笔业务未记录；请收银员重新登录");
    }

    private Cashier require(String canteenCode, String number) {
        long canteenId = canteenId(canteenCode);
        Cashier cashier = wellFormed(number) ? find(canteenId, number) : null;
        if (cashier == null) {
            throw new ApiException(ErrorCodes.CASHIER_NOT_FOUND, "本食堂没有该工号的收银员");
        }
        return cashier;
    }

    private long canteenId(String canteenCode) {
        return canteens.idOf(canteenCode)
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_CANTEEN, "未找到该食堂"));
    }

    private static Subject subject(String canteenCode, String number) {
        return Subject.of("cashier", canteenCode + "/" + number);
    }

    private static RegisteredCashier view(String canteenCode, Cashier c) {
        return new RegisteredCashier(canteenCode, c.number, c.name, c.active, c.createdAt, c.changedAt);
    }
}
