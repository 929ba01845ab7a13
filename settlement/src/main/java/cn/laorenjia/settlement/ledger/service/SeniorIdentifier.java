package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.InvalidIdNumberException;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.Senior;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * Finds the registered senior behind what was presented at a counter. Shared by the ledger (authorise,
 * quota) and by read-only counter views, so that every path refuses the same inputs with the same codes.
 * Runs inside the caller's transaction.
 */
@ApplicationScoped
public class SeniorIdentifier {

    private final EntityManager em;

    public SeniorIdentifier(EntityManager em) {
        this.em = em;
    }

    public Senior identify(Identification identification) {
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
