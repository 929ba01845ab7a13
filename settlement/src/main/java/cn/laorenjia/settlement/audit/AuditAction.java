package cn.laorenjia.settlement.audit;

/**
 * The stable codes of audited actions, as stored in {@code audit_event.action} and queried by administrators.
 * Codes are a contract like error codes: add new ones, never rename or reuse one.
 */
public final class AuditAction {

    private AuditAction() {
    }

    // reading personal data in full (always with a reason)
    public static final String SENIOR_READ_UNMASKED = "SENIOR_READ_UNMASKED";
    public static final String SENIOR_SEARCH_UNMASKED = "SENIOR_SEARCH_UNMASKED";
    public static final String SENIOR_SEARCH_BY_ID_NUMBER = "SENIOR_SEARCH_BY_ID_NUMBER";
    public static final String SENIOR_SEARCH_BY_PHONE = "SENIOR_SEARCH_BY_PHONE";

    // register changes
    public static final String SENIOR_ENROLLED = "SENIOR_ENROLLED";
    public static final String FACT_ADDED = "FACT_ADDED";
    public static final String FACT_ENDED = "FACT_ENDED";
    public static final String ENROLMENT_CHANGED = "ENROLMENT_CHANGED";
    public static final String CARD_ISSUED = "CARD_ISSUED";
    public static final String CARD_REVOKED = "CARD_REVOKED";
    public static final String CANTEEN_REGISTERED = "CANTEEN_REGISTERED";
    public static final String MENU_REGISTERED = "MENU_REGISTERED";
    public static final String TERMINAL_REGISTERED = "TERMINAL_REGISTERED";
    public static final String TERMINAL_ACTIVATED = "TERMINAL_ACTIVATED";
    public static final String TERMINAL_DEACTIVATED = "TERMINAL_DEACTIVATED";
    public static final String TERMINAL_SECRET_ISSUED = "TERMINAL_SECRET_ISSUED";
    /** A set added to a canteen's menu, changed (name, slot, price), taken off or put back. */
    public static final String MEAL_SET_CHANGED = "MEAL_SET_CHANGED";
    public static final String REGISTER_LOADED = "REGISTER_LOADED";
    /** A file of the register or a 民政 change list checked (dry run): one record per file, with its counts. */
    public static final String REGISTER_IMPORT_CHECKED = "REGISTER_IMPORT_CHECKED";
    /** A checked file written into the register: one record per file, with what was written. */
    public static final String REGISTER_IMPORTED = "REGISTER_IMPORTED";

    // applications for the meal subsidy (经自愿申请), subject application:<id>
    public static final String APPLICATION_SUBMITTED = "APPLICATION_SUBMITTED";
    public static final String APPLICATION_REVIEW_STARTED = "APPLICATION_REVIEW_STARTED";
    public static final String APPLICATION_APPROVED = "APPLICATION_APPROVED";
    public static final String APPLICATION_REFUSED = "APPLICATION_REFUSED";
    public static final String APPLICATION_WITHDRAWN = "APPLICATION_WITHDRAWN";
    /** An application read with the applicant's ID number, name and phone in full (always with a reason). */
    public static final String APPLICATION_READ_UNMASKED = "APPLICATION_READ_UNMASKED";
    /** A mistaken fact corrected on its first day (kept, marked corrected; it never held). */
    public static final String FACT_CORRECTED = "FACT_CORRECTED";
    /** The 街镇 list of a district: one added, deactivated or activated again, or the sample list loaded. */
    public static final String SUBDISTRICT_ADDED = "SUBDISTRICT_ADDED";
    public static final String SUBDISTRICT_DEACTIVATED = "SUBDISTRICT_DEACTIVATED";
    public static final String SUBDISTRICT_ACTIVATED = "SUBDISTRICT_ACTIVATED";
    /** A canteen's opening hours or public telephone (信息公开, V28) set or cleared; details before and after. */
    public static final String CANTEEN_PUBLIC_CONTACT_CHANGED = "CANTEEN_PUBLIC_CONTACT_CHANGED";
    /** A 街镇's public contact telephone (its 民政 office, V28) set or cleared. */
    public static final String SUBDISTRICT_CONTACT_CHANGED = "SUBDISTRICT_CONTACT_CHANGED";

    // people and roles
    public static final String PERSON_CREATED = "PERSON_CREATED";
    public static final String PERSON_PASSWORD_RESET = "PERSON_PASSWORD_RESET";
    public static final String PERSON_ACTIVATED = "PERSON_ACTIVATED";
    public static final String PERSON_DEACTIVATED = "PERSON_DEACTIVATED";

    // sign-in
    public static final String SIGN_IN_FAILED = "SIGN_IN_FAILED";
    public static final String SIGN_IN_REFUSED_LOCKED = "SIGN_IN_REFUSED_LOCKED";
    public static final String TERMINAL_SIGN_IN_FAILED = "TERMINAL_SIGN_IN_FAILED";
    public static final String TERMINAL_SIGN_IN_REFUSED_LOCKED = "TERMINAL_SIGN_IN_REFUSED_LOCKED";

    // the counter
    public static final String COUNTER_MANUAL_LOOKUP = "COUNTER_MANUAL_LOOKUP";

    // cashiers
    public static final String CASHIER_REGISTERED = "CASHIER_REGISTERED";
    public static final String CASHIER_PIN_CHANGED = "CASHIER_PIN_CHANGED";
    public static final String CASHIER_ACTIVATED = "CASHIER_ACTIVATED";
    public static final String CASHIER_DEACTIVATED = "CASHIER_DEACTIVATED";
    public static final String CASHIER_SIGN_IN_FAILED = "CASHIER_SIGN_IN_FAILED";
    public static final String CASHIER_SIGN_IN_REFUSED_LOCKED = "CASHIER_SIGN_IN_REFUSED_LOCKED";
    /** A counter was given its canteen's cashiers with their PIN hashes, for offline sign-in. */
    public static final String CASHIER_ROSTER_ISSUED = "CASHIER_ROSTER_ISSUED";

    // anomaly flags (supervision), subject case:<id>; the scan: subject month:<YYYY-MM>
    public static final String ANOMALY_SCAN = "ANOMALY_SCAN";
    public static final String ANOMALY_CASE_REVIEW_STARTED = "ANOMALY_CASE_REVIEW_STARTED";
    public static final String ANOMALY_CASE_CLEARED = "ANOMALY_CASE_CLEARED";
    public static final String ANOMALY_CASE_CONFIRMED = "ANOMALY_CASE_CONFIRMED";

    // the senior's own phone (issue 21): a clerk issues an activation code, a phone redeems it, a device is revoked
    public static final String PHONE_ACTIVATION_ISSUED = "PHONE_ACTIVATION_ISSUED";
    public static final String PHONE_DEVICE_BOUND = "PHONE_DEVICE_BOUND";
    public static final String PHONE_DEVICE_REVOKED = "PHONE_DEVICE_REVOKED";
    /** A wrong, expired or used activation code (in a transaction of its own: the refused request changes nothing). */
    public static final String PHONE_ACTIVATION_REFUSED = "PHONE_ACTIVATION_REFUSED";

    // proposed policies (drafts), subject policy-draft:<version id>; replays, subject policy-replay:<run id>
    public static final String POLICY_DRAFT_UPLOADED = "POLICY_DRAFT_UPLOADED";
    public static final String POLICY_DRAFT_EDITED = "POLICY_DRAFT_EDITED";
    public static final String POLICY_DRAFT_WITHDRAWN = "POLICY_DRAFT_WITHDRAWN";
    public static final String POLICY_REPLAY_RUN = "POLICY_REPLAY_RUN";
}
