package cn.laorenjia.settlement.ledger.service;

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

import java.util.List;
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

    public SeniorIdentifier(EntityManager em, QrCodes qrCodes) {
        this.em = em;
        this.qrCodes = qrCodes;
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

    /** The senior, for a read-only look-up: a phone code is checked but not used up. */
    public Senior identify(Identification identification) {
        return identify(identification, null);
    }

    /** The senior for a sale: a phone code is used up by this sale id (a retry of the same sale passes). */
    public Senior identify(Identification identification, UUID saleId) {
        if (identification instanceof Identification.ByQrToken qr) {
            return qrCodes.resolve(qr.token(), saleId).senior();
        }
        if (identification instanceof Identification.ByCard card) {
            List<Card> cards = em.createQuery(
                            "from Card c join fetch c.senior where c.kind = :kind and c.identifier = :identifier", Card.class)
                    .setParameter("kind", card.kind()).setParameter("identifier", card.identifier()).getResultList();
            if (cards.isEmpty()) {
                throw LedgerError.UNKNOWN_CARD.exception();
            }
            if (cards.get(0).status != Card.Status.ACTIVE) {
                throw LedgerError.CARD_NOT_ACTIVE.exception();
            }
            return cards.get(0).senior;
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
