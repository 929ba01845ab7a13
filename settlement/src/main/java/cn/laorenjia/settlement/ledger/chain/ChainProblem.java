package cn.laorenjia.settlement.ledger.chain;

import java.util.UUID;

/**
 * One place where the ledger no longer leads to its chain. {@code position} is the link's (null for an entry
 * that is on no link); {@code entryId} the entry's; {@code reference} names a run or statement whose recorded
 * head is not on the chain.
 */
public record ChainProblem(Kind kind, Long position, UUID entryId, String reference, String messageZh,
                           String messageEn) {

    public enum Kind {
        /** A position is missing or out of order. */
        LINK_MISSING,
        /** A link does not name its predecessor's hash. */
        LINK_BROKEN,
        /** The linked entry no longer exists. */
        ENTRY_DELETED,
        /** The linked entry's content differs from what was sealed. */
        ENTRY_CHANGED,
        /** An entry older than the sealing horizon is on no link (inserted behind the service's back). */
        ENTRY_UNLINKED,
        /** A link was sealed with an encoding this version does not know. */
        ENCODING_UNKNOWN,
        /** A settlement run or confirmed statement recorded a head that is not on the chain. */
        HEAD_NOT_ON_CHAIN,
        /** A confirmed statement's totals differ from its confirmation. */
        STATEMENT_CHANGED
    }

    /** Chinese first, then English, on one line. */
    public String describe() {
        return messageZh + " / " + messageEn;
    }
}
