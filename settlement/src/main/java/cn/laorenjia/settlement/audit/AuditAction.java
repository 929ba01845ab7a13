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
}
