package cn.laorenjia.core.offline;

/** What becomes of a sale a counter subsidised offline, once the central has it. */
public enum OfflineOutcome {
    /** Within the rules as the central sees them: recorded like a live sale, discount and operating subsidy paid. */
    CONFIRMED,
    /**
     * Refused only for a fact the counter could not know offline (the quota used meanwhile elsewhere, eligibility
     * changed after its copy was made): recorded, the district reimburses the discount, no operating subsidy.
     */
    CONFLICT,
    /** Not reimbursed: the canteen bears the discount its counter gave. */
    REJECTED
}
