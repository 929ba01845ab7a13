package cn.laorenjia.settlement.qr;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.SignedQrToken;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.register.service.RegisterService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues the senior's signed QR codes and resolves a scanned one to the senior. A phone code names the
 * senior and is good for one sale; a printed code names the senior's PRINTED_QR card (so revoking the card
 * revokes the code) and, being static, only identifies: the cashier checks a second factor.
 */
@ApplicationScoped
public class QrCodes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final QrKeys keys;
    private final QrConfig config;
    private final EntityManager em;
    private final Clock clock;
    private final AreaScopes scopes;
    private final AuditLog audit;

    public QrCodes(QrKeys keys, QrConfig config, EntityManager em, Clock clock, AreaScopes scopes, AuditLog audit) {
        this.audit = audit;
        this.keys = keys;
        this.config = config;
        this.em = em;
        this.clock = clock;
        this.scopes = scopes;
    }

    /** A code as issued. */
    public record IssuedCode(String token, String kind, long holderId, Instant issuedAt, Instant expiresAt) {
    }

    /** Who a scanned code names, and whether the cashier must check a second factor. */
    public record Resolved(Senior senior, QrTokenKind kind, boolean secondCheckRequired) {
    }

    @Transactional
    public IssuedCode issuePhoneCode(long seniorId) {
        Senior senior = senior(seniorId);
        return issue(QrTokenKind.PHONE, senior.id, config.phoneCodeValidity());
    }

    /**
     * A phone code for a senior the caller has already authorised by other means than a register scope: a bound phone
     * of that very senior (phone.service.SeniorPhones checks the device and the enrolment).
     */
    public IssuedCode issuePhoneCodeFor(Senior senior) {
        return issue(QrTokenKind.PHONE, senior.id, config.phoneCodeValidity());
    }

    /** Signs a code for the senior's active printed card, issuing that card first if there is none. */
    @Transactional
    public IssuedCode issuePrintedCode(long seniorId) {
        Senior senior = senior(seniorId);
        List<Card> active = em.createQuery("from Card c where c.senior = :senior and c.kind = :kind and c.status = :status "
                        + "order by c.id", Card.class)
                .setParameter("senior", senior).setParameter("kind", Card.Kind.PRINTED_QR)
                .setParameter("status", Card.Status.ACTIVE).getResultList();
        Card card;
        if (active.isEmpty()) {
            card = new Card();
            card.senior = senior;
            card.kind = Card.Kind.PRINTED_QR;
            card.identifier = freshPrintedIdentifier();
            card.issuedOn = ChinaCalendar.mealDate(clock.instant());
            card.recordedBy = audit.currentActor().name();
            em.persist(card);
            em.flush();
            // a new card is a change of the register, whichever path printed it (an approval, the QR API, the print page)
            audit.record(AuditAction.CARD_ISSUED, Subject.of("senior", seniorId), null, Map.of("card", card.id,
                    "kind", card.kind.name(), "identifier", RegisterService.maskTail(card.identifier),
                    "issuedOn", card.issuedOn.toString()));
        } else {
            card = active.get(0);
        }
        return issue(QrTokenKind.PRINTED, card.id, config.printedCodeValidity());
    }

    /**
     * The senior a code names. With a sale id a phone code is used up by that sale (a retry of the same sale
     * passes, another sale is refused as a replay); without one (a read-only look-up) nothing is used up.
     * Runs in the caller's transaction.
     */
    public Resolved resolve(String text, UUID saleId) {
        return resolve(text, saleId, clock.instant());
    }

    /**
     * As {@link #resolve(String, UUID)}, with the code's validity judged at {@code presentedAt}: a counter that was
     * offline checked the code when it was shown and syncs the sale later, when a phone code has long expired. The
     * caller bounds {@code presentedAt}; a phone code still buys only one sale.
     */
    public Resolved resolve(String text, UUID saleId, Instant presentedAt) {
        QrToken token;
        try {
            token = keys.verifier().checkSignatureAndTime(SignedQrToken.parse(text), presentedAt);
        } catch (QrTokenException e) {
            throw QrError.of(e);
        }
        if (token.kind() == QrTokenKind.PRINTED) {
            Card card = em.find(Card.class, token.holderId());
            if (card == null || card.kind != Card.Kind.PRINTED_QR) {
                throw QrError.unknownCard();
            }
            if (card.status != Card.Status.ACTIVE) {
                throw QrError.cardNotActive();
            }
            return new Resolved(card.senior, token.kind(), true);
        }
        Senior senior = em.find(Senior.class, token.holderId());
        if (senior == null) {
            throw QrError.unknownSenior();
        }
        if (saleId != null) {
            useOnce(token, saleId);
        }
        return new Resolved(senior, token.kind(), false);
    }

    private void useOnce(QrToken token, UUID saleId) {
        // A concurrent retry of the same sale waits here on the first one's row, then sees its sale id.
        int inserted = em.createNativeQuery("insert into qr_phone_code_use "
                        + "(key_id, holder_id, issued_at, nonce, sale_id, used_at, expires_at) values (?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict do nothing")
                .setParameter(1, (short) token.keyId()).setParameter(2, token.holderId())
                .setParameter(3, Timestamp.from(token.issuedAt())).setParameter(4, token.nonce())
                .setParameter(5, saleId).setParameter(6, Timestamp.from(clock.instant()))
                .setParameter(7, Timestamp.from(token.expiresAt().plus(config.clockTolerance())))
                .executeUpdate();
        if (inserted == 1) {
            return;
        }
        Object usedBy = em.createNativeQuery("select sale_id from qr_phone_code_use "
                        + "where key_id = ? and holder_id = ? and issued_at = ? and nonce = ?")
                .setParameter(1, (short) token.keyId()).setParameter(2, token.holderId())
                .setParameter(3, Timestamp.from(token.issuedAt())).setParameter(4, token.nonce())
                .getSingleResult();
        if (!saleId.equals(usedBy)) {
            throw QrError.of(new QrTokenException(QrTokenException.Code.REPLAYED, "used by another sale"));
        }
    }

    private IssuedCode issue(QrTokenKind kind, long holderId, java.time.Duration validFor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        QrToken token = new QrToken(keys.keyId(), kind, holderId, now, validFor, RANDOM.nextInt());
        return new IssuedCode(keys.signer().sign(token), kind.name(), holderId, now, token.expiresAt());
    }

    private Senior senior(long id) {
        Senior senior = em.find(Senior.class, id);
        // a 街道 clerk issues codes only for the seniors of their 街镇; others are answered as unknown
        if (senior == null || !scopes.current().covers(senior.district, senior.subdistrict)) {
            throw QrError.unknownSenior();
        }
        return senior;
    }

    /** The register's printed-code format ("BDQR" + 12 Crockford base-32 characters), unused so far. */
    private String freshPrintedIdentifier() {
        for (int attempt = 0; attempt < 20; attempt++) {
            StringBuilder sb = new StringBuilder("BDQR");
            for (int i = 0; i < 12; i++) {
                sb.append(CROCKFORD[RANDOM.nextInt(CROCKFORD.length)]);
            }
            Long taken = em.createQuery("select count(c) from Card c where c.kind = :kind and c.identifier = :identifier", Long.class)
                    .setParameter("kind", Card.Kind.PRINTED_QR).setParameter("identifier", sb.toString()).getSingleResult();
            if (taken == 0) {
                return sb.toString();
            }
        }
        throw new IllegalStateException("cannot find a free printed-code identifier");
    }
}
