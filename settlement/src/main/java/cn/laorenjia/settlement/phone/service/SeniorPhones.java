package cn.laorenjia.settlement.phone.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.settlement.audit.Actor;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.ledger.service.QuotaCounters;
import cn.laorenjia.settlement.qr.QrCodes;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.register.service.SeniorEligibility;
import cn.laorenjia.settlement.security.SignInLocked;
import cn.laorenjia.settlement.security.SignInThrottle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binding a senior's phone without a password (issue 21). A clerk issues a one-time activation code (12 digits: a
 * family member types it on a phone's number pad; 10^12 codes, each live for a day, with failed tries throttled per
 * address); the phone that redeems it gets a device credential, a 256-bit random secret the browser keeps. Only
 * SHA-256 hashes of both are stored. A bound, unrevoked device of an enrolled, living senior gets that senior's
 * one-sale phone codes; a clerk or any of the senior's phones revokes a device in one step. Every binding and
 * revocation is audited (a phone acts as "device N of senior X").
 */
@ApplicationScoped
public class SeniorPhones {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int ACTIVATION_DIGITS = 12;
    public static final int MAX_DEVICE_NAME = 20;
    /** What the throttle counts failed redemptions by: the client address. */
    static final String THROTTLE_KIND = "phone-activation";

    private final EntityManager em;
    private final Clock clock;
    private final AuditLog audit;
    private final PhoneConfig config;
    private final RegisterService register;
    private final SignInThrottle throttle;
    private final QrCodes codes;
    private final QuotaCounters quota;
    private final PolicyCatalog policies;
    private final SeniorEligibility eligibility;

    public SeniorPhones(EntityManager em, Clock clock, AuditLog audit, PhoneConfig config, RegisterService register,
                        SignInThrottle throttle, QrCodes codes, QuotaCounters quota, PolicyCatalog policies,
                        SeniorEligibility eligibility) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.config = config;
        this.register = register;
        this.throttle = throttle;
        this.codes = codes;
        this.quota = quota;
        this.policies = policies;
        this.eligibility = eligibility;
    }

    /** An activation code as the clerk shows or prints it; the code itself is never stored. */
    public record Activation(long id, long seniorId, String code, Instant expiresAt) {

        /** 1234 5678 9012: easier to read out and to type. */
        public String grouped() {
            return code.substring(0, 4) + " " + code.substring(4, 8) + " " + code.substring(8);
        }
    }

    /** A device as the register page and the phone page list it. */
    public record Device(long id, long seniorId, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
                         String revokedBy) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** The phone that sent a request, from its credential. */
    public record BoundDevice(long deviceId, long seniorId) {

        Actor actor(String address) {
            return new Actor("device " + deviceId + " of senior " + seniorId, Actor.Kind.DEVICE, address);
        }
    }

    /** A phone just bound: the secret goes into its cookie once and is never shown again. */
    public record Binding(BoundDevice device, String secret) {
    }

    /** What the phone page shows about the senior: nothing a bystander should not read. */
    public record Standing(String maskedName, boolean codesAllowed, Integer remainingThisWeek, Integer remainingToday,
                           int weeklyCap) {
    }

    // ------------------------------------------------------------------ the clerk's side

    /** A new activation code for a senior of the caller's scope (else UNKNOWN_SENIOR). */
    @Transactional
    public Activation issueActivation(long seniorId) {
        Senior senior = register.findSenior(seniorId);
        Instant now = clock.instant();
        Instant expires = now.plus(config.activationValidity());
        for (int attempt = 0; attempt < 10; attempt++) {
            String code = newActivationCode();
            Number id = (Number) em.createNativeQuery("""
                            insert into senior_phone_activation (senior_id, code_hash, created_at, created_by, expires_at)
                            values (?1, ?2, ?3, ?4, ?5) on conflict (code_hash) do nothing returning id""")
                    .setParameter(1, senior.id).setParameter(2, sha256(code)).setParameter(3, utc(now))
                    .setParameter(4, audit.currentActor().name()).setParameter(5, utc(expires))
                    .getResultStream().findFirst().orElse(null);
            if (id != null) {
                audit.record(AuditAction.PHONE_ACTIVATION_ISSUED, Subject.of("senior", senior.id), null,
                        Map.of("activation", id.longValue(), "expiresAt", expires.toString()));
                return new Activation(id.longValue(), senior.id, code, expires);
            }
        }
        throw new IllegalStateException("cannot find an unused activation code");
    }

    /** The senior's devices, newest first (revoked ones too), for a senior of the caller's scope. */
    @Transactional
    public List<Device> devicesForClerk(long seniorId) {
        return devices(register.findSenior(seniorId).id);
    }

    /** A clerk revokes one of the senior's devices (lost, stolen, no longer the family's). Revoking twice is a no-op. */
    @Transactional
    public Device revokeByClerk(long seniorId, long deviceId) {
        Senior senior = register.findSenior(seniorId);
        return revoke(senior.id, deviceId, audit.currentActor());
    }

    // ------------------------------------------------------------------ the phone's side

    /**
     * Redeems an activation code once and binds this browser as a new device of the code's senior. Failed tries
     * (an unknown, expired or used code) count against the client's address; past the throttle's limit every try is
     * refused unchecked for a while.
     */
    public Binding redeem(String typedCode, String deviceName) {
        Actor caller = audit.currentActor();
        SignInThrottle.Key key = new SignInThrottle.Key(THROTTLE_KIND,
                caller.address() == null ? "local" : caller.address());
        try {
            throttle.check(List.of(key));
        } catch (SignInLocked locked) {
            throw PhoneError.PHONE_ACTIVATION_THROTTLED.exception(Map.of("retryAfterSeconds", locked.retryAfterSeconds()));
        }
        String code = typedCode == null ? "" : typedCode.replaceAll("[\\s-]", "");
        String name = deviceName(deviceName);
        try {
            if (!code.matches("[0-9]{" + ACTIVATION_DIGITS + "}")) {
                throw PhoneError.PHONE_ACTIVATION_INVALID.exception();
            }
            // a success does not clear the address's failures: a guesser holding one good code gains nothing by it
            return QuarkusTransaction.requiringNew().call(() -> bind(code, name, caller.address()));
        } catch (ApiException refused) {
            throttle.failed(List.of(key));
            audit.recordAlone(caller, AuditAction.PHONE_ACTIVATION_REFUSED, null, Map.of("code", refused.code()));
            throw refused;
        }
    }

    private Binding bind(String code, String name, String address) {
        Instant now = clock.instant();
        byte[] hash = sha256(code);
        // one statement: of two phones redeeming the same code at once, exactly one gets the row
        Object[] used = (Object[]) em.createNativeQuery("""
                        update senior_phone_activation set used_at = ?1
                        where code_hash = ?2 and used_at is null and expires_at > ?1
                        returning id, senior_id""")
                .setParameter(1, utc(now)).setParameter(2, hash)
                .getResultStream().findFirst().orElse(null);
        if (used == null) {
            List<?> found = em.createNativeQuery("select used_at is not null from senior_phone_activation "
                    + "where code_hash = ?1").setParameter(1, hash).getResultList();
            if (found.isEmpty()) {
                throw PhoneError.PHONE_ACTIVATION_INVALID.exception();
            }
            throw (Boolean) found.get(0) ? PhoneError.PHONE_ACTIVATION_USED.exception()
                    : PhoneError.PHONE_ACTIVATION_EXPIRED.exception();
        }
        long activationId = ((Number) used[0]).longValue();
        long seniorId = ((Number) used[1]).longValue();
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        long deviceId = ((Number) em.createNativeQuery("""
                        insert into senior_phone_device (senior_id, name, secret_hash, activation_id, created_at)
                        values (?1, ?2, ?3, ?4, ?5) returning id""")
                .setParameter(1, seniorId).setParameter(2, name).setParameter(3, sha256(secret))
                .setParameter(4, activationId).setParameter(5, utc(now)).getSingleResult()).longValue();
        BoundDevice device = new BoundDevice(deviceId, seniorId);
        audit.record(device.actor(address), AuditAction.PHONE_DEVICE_BOUND, Subject.of("senior", seniorId), null,
                Map.of("device", deviceId, "name", name, "activation", activationId));
        return new Binding(device, secret);
    }

    /** The device a browser's credential names: PHONE_NOT_BOUND for none or an unknown one, or PHONE_DEVICE_REVOKED. */
    @Transactional
    public BoundDevice authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 100) {
            throw PhoneError.PHONE_NOT_BOUND.exception();
        }
        Object[] row = (Object[]) em.createNativeQuery("select id, senior_id, revoked_at is not null "
                        + "from senior_phone_device where secret_hash = ?1")
                .setParameter(1, sha256(secret)).getResultStream().findFirst().orElse(null);
        if (row == null) {
            throw PhoneError.PHONE_NOT_BOUND.exception();
        }
        if ((Boolean) row[2]) {
            throw PhoneError.PHONE_DEVICE_REVOKED.exception();
        }
        return new BoundDevice(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /**
     * A fresh one-sale phone code for the device's senior, while the register has them enrolled and alive; the device's
     * last use is noted.
     */
    @Transactional
    public QrCodes.IssuedCode issueCode(BoundDevice device) {
        Senior senior = em.find(Senior.class, device.seniorId());
        if (!codesAllowed(senior.toFacts(), today())) {
            throw PhoneError.PHONE_SENIOR_NOT_ENROLLED.exception();
        }
        // a revocation committed since authenticate() wins: the update finds no live row
        int touched = em.createNativeQuery("update senior_phone_device set last_used_at = ?1 "
                        + "where id = ?2 and revoked_at is null")
                .setParameter(1, utc(clock.instant())).setParameter(2, device.deviceId()).executeUpdate();
        if (touched == 0) {
            throw PhoneError.PHONE_DEVICE_REVOKED.exception();
        }
        return codes.issuePhoneCodeFor(senior);
    }

    /** The devices of the phone's own senior. */
    @Transactional
    public List<Device> devicesForPhone(BoundDevice device) {
        return devices(device.seniorId());
    }

    /** A phone revokes one of its senior's devices, itself included; another senior's device is PHONE_DEVICE_UNKNOWN. */
    @Transactional
    public Device revokeByPhone(BoundDevice device, long deviceId, String address) {
        return revoke(device.seniorId(), deviceId, device.actor(address));
    }

    /**
     * The masked name and the subsidised meals left today and this week: the caps of the policy version in force for
     * the senior's 街镇 (as the ledger answers after a void) against the quota counters, when the core finds the senior
     * eligible today; none left otherwise.
     */
    @Transactional
    public Standing standing(BoundDevice device) {
        Senior senior = em.find(Senior.class, device.seniorId());
        LocalDate today = today();
        SeniorFacts facts = senior.toFacts();
        Optional<PolicyVersion> policy = eligibility.jurisdictionOf(senior.district, senior.subdistrict)
                .flatMap(j -> policies.inForce(j, today));
        boolean allowed = codesAllowed(facts, today);
        if (policy.isEmpty()) {
            return new Standing(PersonName.masked(senior.name), allowed, null, null, 0);
        }
        PolicyVersion version = policy.get();
        if (!EligibilityRules.assess(facts, today, version).isEligible()) {
            return new Standing(PersonName.masked(senior.name), allowed, 0, 0, version.maxSubsidisedMealsPerWeek());
        }
        QuotaCounters.Used used = quota.used(senior.id, today, ChinaCalendar.weekOf(today).monday());
        int week = Math.max(0, version.maxSubsidisedMealsPerWeek() - used.thisWeek());
        int day = Math.min(week, Math.max(0, version.maxSubsidisedMealsPerDay() - used.today()));
        return new Standing(PersonName.masked(senior.name), allowed, week, day, version.maxSubsidisedMealsPerWeek());
    }

    /** The 区 and 街镇 the senior lives in, for the nearby canteens. */
    @Transactional
    public String[] area(BoundDevice device) {
        Senior senior = em.find(Senior.class, device.seniorId());
        return new String[] {senior.district, senior.subdistrict};
    }

    // ------------------------------------------------------------------

    private Device revoke(long seniorId, long deviceId, Actor by) {
        Device device = devices(seniorId).stream().filter(d -> d.id() == deviceId).findFirst()
                .orElseThrow(PhoneError.PHONE_DEVICE_UNKNOWN::exception);
        if (!device.active()) {
            return device;
        }
        Instant now = clock.instant();
        em.createNativeQuery("update senior_phone_device set revoked_at = ?1, revoked_by = ?2 "
                        + "where id = ?3 and revoked_at is null")
                .setParameter(1, utc(now)).setParameter(2, by.name()).setParameter(3, deviceId).executeUpdate();
        Map<String, Object> details = new HashMap<>();
        details.put("device", deviceId);
        details.put("name", device.name());
        audit.record(by, AuditAction.PHONE_DEVICE_REVOKED, Subject.of("senior", seniorId), null, details);
        return new Device(device.id(), seniorId, device.name(), device.createdAt(), device.lastUsedAt(), now, by.name());
    }

    private List<Device> devices(long seniorId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name, created_at, last_used_at, revoked_at, revoked_by "
                + "from senior_phone_device where senior_id = ?1 order by id desc").setParameter(1, seniorId).getResultList();
        return rows.stream().map(r -> new Device(((Number) r[0]).longValue(), seniorId, (String) r[1], instant(r[2]),
                instant(r[3]), instant(r[4]), (String) r[5])).toList();
    }

    /** Codes only while the register has the senior's enrolment approved and no death recorded. */
    private static boolean codesAllowed(SeniorFacts facts, LocalDate today) {
        return facts.enrolmentOn(today).filter(s -> s == EnrolmentState.APPROVED).isPresent()
                && !facts.isDeceasedOn(today);
    }

    private LocalDate today() {
        return ChinaCalendar.mealDate(clock.instant());
    }

    /** As the family typed it, trimmed and cut; "我的手机" when left empty. */
    static String deviceName(String typed) {
        String name = typed == null ? "" : typed.strip().replaceAll("\\p{Cntrl}", "");
        if (name.isEmpty()) {
            return "我的手机";
        }
        int[] cp = name.codePoints().limit(MAX_DEVICE_NAME).toArray();
        return new String(cp, 0, cp.length);
    }

    private static String newActivationCode() {
        StringBuilder b = new StringBuilder(ACTIVATION_DIGITS);
        for (int i = 0; i < ACTIVATION_DIGITS; i++) {
            b.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return b.toString();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
