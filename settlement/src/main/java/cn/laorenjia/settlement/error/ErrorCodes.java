package cn.laorenjia.settlement.error;

/**
 * The error codes of any endpoint and of the register and security APIs. Codes are a contract: never
 * renamed, never reused. Other features (the meal ledger, settlement) name their own codes beside their
 * code, in the same style; {@link ErrorCatalogue} lists them all with their HTTP status.
 */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    // any endpoint
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    public static final String REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE";
    public static final String LENGTH_REQUIRED = "LENGTH_REQUIRED";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** The database failed or stalled (availability.DatabaseFailures): 503 with Retry-After, try again later. */
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    /** A state-changing request without the proof that it comes from this service's own pages (BrowserDefences). */
    public static final String CROSS_SITE_REQUEST_REFUSED = "CROSS_SITE_REQUEST_REFUSED";

    // the register
    public static final String INVALID_ID_NUMBER = "INVALID_ID_NUMBER";
    public static final String DUPLICATE_ID_NUMBER = "DUPLICATE_ID_NUMBER";
    public static final String DUPLICATE_CARD = "DUPLICATE_CARD";
    public static final String DUPLICATE_CANTEEN = "DUPLICATE_CANTEEN";
    public static final String DUPLICATE_TERMINAL = "DUPLICATE_TERMINAL";
    public static final String DUPLICATE_MEAL_SET = "DUPLICATE_MEAL_SET";
    public static final String CONTRADICTORY_FACTS = "CONTRADICTORY_FACTS";
    public static final String FACT_ALREADY_ENDED = "FACT_ALREADY_ENDED";
    public static final String CARD_NOT_ACTIVE = "CARD_NOT_ACTIVE";
    public static final String UNKNOWN_CANTEEN = "UNKNOWN_CANTEEN";
    public static final String UNKNOWN_TERMINAL = "UNKNOWN_TERMINAL";
    public static final String UNKNOWN_SENIOR = "UNKNOWN_SENIOR";
    public static final String UNKNOWN_FACT = "UNKNOWN_FACT";
    public static final String UNKNOWN_CARD = "UNKNOWN_CARD";
    /** A 街镇 not (or no longer) on its district's list: 400 naming the field. */
    public static final String UNKNOWN_SUBDISTRICT = "UNKNOWN_SUBDISTRICT";
    public static final String DUPLICATE_SUBDISTRICT = "DUPLICATE_SUBDISTRICT";
    /** No 街镇 of that id (the list's administration API, 404). */
    public static final String SUBDISTRICT_NOT_FOUND = "SUBDISTRICT_NOT_FOUND";
    /** A canteen's standard set price outside the range of the policy version in force: 400 naming the range. */
    public static final String STANDARD_PRICE_OUT_OF_RANGE = "STANDARD_PRICE_OUT_OF_RANGE";

    // applications (经自愿申请) and the 街道 clerks' scope (issue 18)
    /** A 街道 clerk entering a senior or an application of another 街镇 (one they name themselves: nothing revealed). */
    public static final String OUTSIDE_SUBDISTRICT = "OUTSIDE_SUBDISTRICT";
    public static final String UNKNOWN_APPLICATION = "UNKNOWN_APPLICATION";
    /** The step is not possible from the application's state (e.g. approving a refused one). */
    public static final String APPLICATION_STATE_CONFLICT = "APPLICATION_STATE_CONFLICT";
    /** Another application of the same ID number is still open (submitted or under review). */
    public static final String APPLICATION_ALREADY_OPEN = "APPLICATION_ALREADY_OPEN";
    /** Approval refused: with the facts recorded, the core does not find the senior eligible on the approval date. */
    public static final String NOT_ELIGIBLE_ON_REVIEW = "NOT_ELIGIBLE_ON_REVIEW";
    /** The applicant is registered in a 街镇 outside the reviewer's scope: a district administrator decides. */
    public static final String SENIOR_OF_ANOTHER_SUBDISTRICT = "SENIOR_OF_ANOTHER_SUBDISTRICT";
    /** No policy can be chosen for the senior's 街镇 on that date (no canteen there, or none in force). */
    public static final String NO_POLICY_FOR_SUBDISTRICT = "NO_POLICY_FOR_SUBDISTRICT";

    // the form of what is typed into the register or sent by a counter (the core's InvalidEntryException.Code)
    public static final String INVALID_CODE = "INVALID_CODE";
    public static final String INVALID_CARD_IDENTIFIER = "INVALID_CARD_IDENTIFIER";
    public static final String INVALID_PHONE_NUMBER = "INVALID_PHONE_NUMBER";
    public static final String INVALID_NAME = "INVALID_NAME";

    // people and terminals
    public static final String DUPLICATE_USERNAME = "DUPLICATE_USERNAME";
    public static final String UNKNOWN_PERSON = "UNKNOWN_PERSON";
    public static final String NOT_A_TERMINAL = "NOT_A_TERMINAL";
    public static final String TERMINAL_NOT_OF_THIS_CANTEEN = "TERMINAL_NOT_OF_THIS_CANTEEN";
    /** Too many failed sign-ins for the account or the address: 429 with Retry-After. */
    public static final String SIGN_IN_LOCKED = "SIGN_IN_LOCKED";
    /** bcrypt reads only a password's first 72 bytes: a longer one is refused, never silently cut. */
    public static final String PASSWORD_TOO_LONG = "PASSWORD_TOO_LONG";

    // cashiers: the register of cashiers (administrators) and signing in at the counter
    public static final String CASHIER_NOT_FOUND = "CASHIER_NOT_FOUND";
    public static final String DUPLICATE_CASHIER = "DUPLICATE_CASHIER";
    /** A PIN of one repeated digit or a run of digits (0000, 123456). */
    public static final String PIN_TOO_WEAK = "PIN_TOO_WEAK";
    /** The same answer for an unknown number, a wrong PIN and an inactive cashier. */
    public static final String CASHIER_SIGN_IN_FAILED = "CASHIER_SIGN_IN_FAILED";
    /** A sale or void names a cashier who is not an active cashier of the terminal's canteen: nothing recorded. */
    public static final String CASHIER_UNKNOWN = "CASHIER_UNKNOWN";

    // personal data and the audit
    /** Reading a senior's record in full needs a reason, recorded in the audit. */
    public static final String REASON_REQUIRED = "REASON_REQUIRED";
}
