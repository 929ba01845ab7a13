package cn.laorenjia.settlement.cashier.service;

import cn.laorenjia.contract.counter.CashierRoster;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.cashier.entity.Cashier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The roster a counter keeps for offline sign-in: the active cashiers of its canteen with the bcrypt hash of each
 * PIN (the central never has the PIN after it was set, so its hash is what it can give; the counter keeps it only
 * sealed under its terminal secret). Versioned by an ETag over who is listed and their PIN hashes (a PIN change
 * or a deactivation changes it; the tag goes only to the terminals that get the hashes anyway): a counter that holds the current roster gets a 304, and only a roster
 * actually handed out is audited (CASHIER_ROSTER_ISSUED), so the counters' refresh every few minutes does not fill
 * the audit log.
 */
@ApplicationScoped
public class CashierRosters {

    /** What the counter gets: the roster and its version, or only the version when it holds it already. */
    public sealed interface Served permits Roster, NotModified {
        String etag();
    }

    public record Roster(CashierRoster roster, String etag) implements Served {
    }

    public record NotModified(String etag) implements Served {
    }

    private final EntityManager em;
    private final Clock clock;
    private final CashierRegister register;
    private final AuditLog audit;

    public CashierRosters(EntityManager em, Clock clock, CashierRegister register, AuditLog audit) {
        this.em = em;
        this.clock = clock;
        this.register = register;
        this.audit = audit;
    }

    /**
     * The active cashiers of the canteen {@code canteenId}, never another canteen's; {@link NotModified} when
     * {@code ifNoneMatch} names the current version.
     */
    @Transactional
    public Served serve(long canteenId, String ifNoneMatch) {
        List<Cashier> active = em.createQuery(
                        "from Cashier c where c.canteenId = :canteen and c.active = true order by c.number", Cashier.class)
                .setParameter("canteen", canteenId).getResultList();
        String etag = etagOf(canteenId, active);
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim).anyMatch(etag::equals)) {
            return new NotModified(etag);
        }
        audit.record(AuditAction.CASHIER_ROSTER_ISSUED, Subject.of("canteen", register.canteenCode(canteenId)), null,
                Map.of("cashiers", active.size()));
        return new Roster(new CashierRoster(clock.instant(), active.stream()
                .map(c -> new CashierRoster.Entry(c.number, c.name, c.pinHash)).toList()), etag);
    }

    /**
     * A strong ETag over number, name and PIN hash of each listed cashier: not over changedAt, which two changes in
     * the same clock tick would share.
     */
    private static String etagOf(long canteenId, List<Cashier> active) {
        StringBuilder b = new StringBuilder("roster v1\n").append(canteenId).append('\n');
        for (Cashier c : active) {
            b.append(c.number).append('\t').append(c.name).append('\t').append(c.pinHash).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
