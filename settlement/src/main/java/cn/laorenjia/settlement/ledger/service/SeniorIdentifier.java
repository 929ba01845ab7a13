package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.SignedQrToken;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.InvalidIdNumberException;
import cn.laorenjia.settlement.qr.QrCodes;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.Senior;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.jpa.HibernateHints;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the registered senior behind what was presented at a counter. Shared by the ledger (authorise,
 * quota) and by read-only counter views, so that every path refuses the same inputs with the same codes.
 * Runs inside the caller's transaction.
 */
@ApplicationScoped
public class SeniorIdentifier {

    private final EntityManager em;
    private final QrCodes qrCodes;
    private final Clock clock;

    public SeniorIdentifier(EntityManager em, QrCodes qrCodes, Clock clock) {
        this.em = em;
        this.qrCodes = qrCodes;
        this.clock = clock;
    }

    /**
     * Whether the credential only identifies and the cashier must check a second factor (the senior's ID
     * card or photo) before confirming: a printed QR code, signed or not, can be photocopied.
     */
    public static boolean secondCheckRequired(Identification identification) {
        if (identification instanceof Identification.ByCard card) {
            return card.kind() == Card.Kind.PRINTED_QR;
        }
        if (identification instanceof Identification.ByQrToken qr) {
            try {
                return SignedQrToken.parse(qr.token()).token().kind() == QrTokenKind.PRINTED;
            } catch (QrTokenException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * A printed code presented by its bare identifier (card kind PRINTED_QR) rather than as the signed text printed on
     * the card: refused on every path ({@code PRINTED_QR_NOT_SIGNED}), because the identifier alone proves nothing —
     * every terminal's offline copy held it.
     */
    public static boolean isBarePrintedCode(Identification.ByCard card) {
        return card.kind() == Card.Kind.PRINTED_QR;
    }

    /** The cards behind many presented cards, in one query; a card not on the register is absent from the map. */
    public Map<Identification.ByCard, Card> cards(Collection<Identification.ByCard> presented) {
        if (presented.isEmpty()) {
            return Map.of();
        }
        Set<Card.Kind> kinds = EnumSet.noneOf(Card.Kind.class);
        Set<String> identifiers = new HashSet<>();
        presented.forEach(c -> {
            kinds.add(c.kind());
            identifiers.add(c.identifier());
        });
        Set<Identification.ByCard> wanted = new HashSet<>(presented);
        Map<Identification.ByCard, Card> found = new HashMap<>();
        // Both columns of the unique key (kind, identifier), so its index serves the look-up: by the identifier
        // alone PostgreSQL read every card of the register per sale. The exact pairs are matched here. The senior's
        // facts come in the same query, read-only: a sale changes none of them, so the flush need not check them.
        for (Card card : em.createQuery("""
                        select c from Card c join fetch c.senior s left join fetch s.facts
                        where c.kind in :kinds and c.identifier in :identifiers""", Card.class)
                .setParameter("kinds", kinds).setParameter("identifiers", identifiers)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList()) {
            Identification.ByCard key = new Identification.ByCard(card.kind, card.identifier);
            if (wanted.contains(key)) {
                found.put(key, card);
            }
        }
        return found;
    }

    /**
     * One presented card with its senior and the senior's facts, read-only; null when not on the register. Its
     * parameters are single values, so Hibernate translates the query once; the list parameters of {@link #cards}
     * make it translate the query again on every call, which cost a live sale more than all its SQL.
     */
    Card card(Identification.ByCard presented) {
        return em.createQuery("""
                        select c from Card c join fetch c.senior s left join fetch s.facts
                        where c.kind = :kind and c.identifier = :identifier""", Card.class)
                .setParameter("kind", presented.kind()).setParameter("identifier", presented.identifier())
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList().stream().findFirst().orElse(null);
    }

    /**
     * The holder of a card presented on {@code day} (Asia/Shanghai): refused as UNKNOWN_CARD when it is not on the
     * register, CARD_NOT_ACTIVE when lost or revoked, CARD_NOT_YET_VALID before its issue date (a card is valid
     * from the day it is issued).
     */
    public static Senior holder(Card card, LocalDate day) {
        if (card == null) {
            throw LedgerError.UNKNOWN_CARD.exception();
        }
        if (card.status != Card.Status.ACTIVE) {
            throw LedgerError.CARD_NOT_ACTIVE.exception();
        }
        if (card.issuedOn.isAfter(day)) {
            throw LedgerError.CARD_NOT_YET_VALID.exception(
                    "该卡自" + card.issuedOn + "起生效，今日尚不能使用，请改用身份证号查询");
        }
        return card.senior;
    }

    /** The senior, for a read-only look-up: a phone code is checked but not used up. */
    public Senior identify(Identification identification) {
        return identify(identification, null);
    }

    /** The senior for a sale: a phone code is used up by this sale id (a retry of the same sale passes). */
    public Senior identify(Identification identification, UUID saleId) {
        return identify(identification, saleId, null);
    }

    /**
     * The senior for a sale made offline at {@code presentedAt}: a QR code is judged valid or expired at that
     * moment (the counter verified it then), not when the sale reaches this service.
     */
    public Senior identify(Identification identification, UUID saleId, Instant presentedAt) {
        if (identification instanceof Identification.ByQrToken qr) {
            return (presentedAt == null ? qrCodes.resolve(qr.token(), saleId)
                    : qrCodes.resolve(qr.token(), saleId, presentedAt)).senior();
        }
        if (identification instanceof Identification.ByCard card) {
            // refused before the register is asked: the answer must not tell whether such a card exists
            if (isBarePrintedCode(card)) {
                throw LedgerError.PRINTED_QR_NOT_SIGNED.exception();
            }
            return holder(card(card), ChinaCalendar.mealDate(presentedAt == null ? clock.instant() : presentedAt));
        }
        Identification.Manual manual = (Identification.Manual) identification;
        IdNumber id;
        try {
            id = IdNumber.parse(manual.idNumber());
        } catch (InvalidIdNumberException e) {
            throw LedgerError.INVALID_ID_NUMBER.exception(e.messageZh());
        }
        return Senior.<Senior>find("idNumber", id.value()).firstResultOptional()
                .orElseThrow(LedgerError.UNKNOWN_SENIOR::exception);
    }
}
