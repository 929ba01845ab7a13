package cn.laorenjia.settlement.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The one catalogue of the API's error codes and the HTTP status each is answered with. Services throw
 * {@link ApiException}s that name a code and never a status; the exception mappers ask here. The sections
 * follow README.md's error list. Codes are a contract: once published, a code is never renamed or reused,
 * and its status does not change.
 *
 * <p>The codes themselves are named where they are raised: {@link ErrorCodes} (any endpoint, the register,
 * people and terminals), {@code LedgerError} (meals), {@code SettlementError} (settlement and statements), {@code TillError} and the core's {@code TillRefusal.Code}
 * (the till's records) and
 * the core's {@code QrTokenException.Code} as {@code QR_<code>}. A test checks that every one of them is
 * catalogued here.
 */
public final class ErrorCatalogue {

    private ErrorCatalogue() {
    }

    private static final Map<String, Integer> STATUS = new LinkedHashMap<>();

    /**
     * The one code published with two statuses: a card that is lost or revoked is a refusal at the counter
     * (403), and in the register, asked to revoke it again, a conflict with its state (409).
     */
    private static final Map<String, Integer> REGISTER_STATUS = Map.of(ErrorCodes.CARD_NOT_ACTIVE, 409);

    /** Where {@link #REGISTER_STATUS} applies: the register API. */
    private static final String REGISTER_PATH = "/api/register/";

    static {
        // any endpoint
        put(400, ErrorCodes.MALFORMED_REQUEST, ErrorCodes.INVALID_REQUEST);
        put(411, ErrorCodes.LENGTH_REQUIRED);
        put(413, ErrorCodes.REQUEST_TOO_LARGE);
        put(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE);
        put(406, ErrorCodes.NOT_ACCEPTABLE);
        put(405, ErrorCodes.METHOD_NOT_ALLOWED);
        put(404, ErrorCodes.NOT_FOUND);
        put(401, ErrorCodes.UNAUTHENTICATED);
        put(403, ErrorCodes.FORBIDDEN, ErrorCodes.CROSS_SITE_REQUEST_REFUSED);
        put(409, ErrorCodes.DUPLICATE);
        put(500, ErrorCodes.INTERNAL_ERROR);
        put(503, ErrorCodes.DATABASE_UNAVAILABLE);

        // meals (/api/meals, /api/counter)
        put(400, ErrorCodes.INVALID_ID_NUMBER, "TIMESTAMP_OUT_OF_RANGE");
        put(403, ErrorCodes.CARD_NOT_ACTIVE, ErrorCodes.TERMINAL_NOT_OF_THIS_CANTEEN, ErrorCodes.NOT_A_TERMINAL,
                "PRINTED_QR_NOT_SIGNED", "CARD_NOT_YET_VALID");
        put(404, ErrorCodes.UNKNOWN_CARD, ErrorCodes.UNKNOWN_SENIOR, "UNKNOWN_MEAL_SET", "UNKNOWN_SALE");
        put(409, "PRICE_CHANGED", "DUPLICATE_ID_DIFFERENT_BODY", "SALE_ALREADY_VOIDED", "VOID_NOT_SAME_DAY");
        // not subsidised, nothing recorded
        put(422, "NOT_ENROLLED", "NOT_ELIGIBLE", "BELOW_STANDARD_PRICE", "QUOTA_USED_TODAY", "QUOTA_USED_THIS_WEEK",
                "MEAL_NOT_COVERED");

        // QR codes
        put(400, "QR_MALFORMED", "QR_TRUNCATED");
        put(403, "QR_UNKNOWN_KEY", "QR_FORGED", "QR_EXPIRED", "QR_NOT_YET_VALID", "QR_REPLAYED");

        // register, people and terminals (CARD_NOT_ACTIVE: see REGISTER_STATUS)
        put(404, ErrorCodes.UNKNOWN_CANTEEN, ErrorCodes.UNKNOWN_TERMINAL, ErrorCodes.UNKNOWN_FACT,
                ErrorCodes.UNKNOWN_PERSON);
        put(409, ErrorCodes.DUPLICATE_ID_NUMBER, ErrorCodes.DUPLICATE_CARD, ErrorCodes.DUPLICATE_CANTEEN,
                ErrorCodes.DUPLICATE_TERMINAL, ErrorCodes.DUPLICATE_MEAL_SET, ErrorCodes.DUPLICATE_USERNAME,
                ErrorCodes.CONTRADICTORY_FACTS, ErrorCodes.FACT_ALREADY_ENDED, ErrorCodes.DUPLICATE_SUBDISTRICT);
        put(400, ErrorCodes.UNKNOWN_SUBDISTRICT, ErrorCodes.STANDARD_PRICE_OUT_OF_RANGE);
        put(404, ErrorCodes.SUBDISTRICT_NOT_FOUND);

        // applications and the 街道 clerks' scope (an out-of-scope senior is UNKNOWN_SENIOR, 404, as if absent)
        put(403, ErrorCodes.OUTSIDE_SUBDISTRICT);
        put(404, ErrorCodes.UNKNOWN_APPLICATION);
        put(409, ErrorCodes.APPLICATION_STATE_CONFLICT, ErrorCodes.APPLICATION_ALREADY_OPEN,
                ErrorCodes.NOT_ELIGIBLE_ON_REVIEW, ErrorCodes.SENIOR_OF_ANOTHER_SUBDISTRICT,
                ErrorCodes.NO_POLICY_FOR_SUBDISTRICT);

        // cashiers (register and counter sign-in)
        put(404, ErrorCodes.CASHIER_NOT_FOUND);
        put(409, ErrorCodes.DUPLICATE_CASHIER);
        put(400, ErrorCodes.PIN_TOO_WEAK);
        put(403, ErrorCodes.CASHIER_SIGN_IN_FAILED, ErrorCodes.CASHIER_UNKNOWN);
        // the form of codes, card identifiers, phone numbers and names, in the register and at the counter
        put(400, ErrorCodes.INVALID_CODE, ErrorCodes.INVALID_CARD_IDENTIFIER, ErrorCodes.INVALID_PHONE_NUMBER,
                ErrorCodes.INVALID_NAME);

        // sign-in throttling, personal data
        put(429, ErrorCodes.SIGN_IN_LOCKED);
        put(400, ErrorCodes.PASSWORD_TOO_LONG);
        put(400, ErrorCodes.REASON_REQUIRED);

        // the till's records (/api/counter/till, /api/settlement/till): TillError and the core's TillRefusal
        put(400, "TILL_AMOUNTS_DO_NOT_ADD_UP", "TENDERED_TOO_LITTLE", "TENDERED_TOO_MUCH", "TENDER_NOT_EXACT",
                "INVALID_AMOUNT");
        put(403, "TILL_SHIFT_NOT_OF_THIS_TERMINAL");
        put(404, "TILL_SHIFT_UNKNOWN");
        put(409, "TILL_SHIFT_CLOSED", "TILL_SHIFT_NOT_CLOSED", "TILL_PRICE_NOT_ON_MENU", "TILL_LEDGER_MISMATCH",
                "TILL_VOID_NOT_THE_SALE", "TILL_VOID_OTHER_SHIFT");

        // bulk import of the register (register.importing.ImportError)
        put(400, "IMPORT_FILE_EMPTY", "IMPORT_FILE_UNREADABLE", "IMPORT_WRONG_HEADERS", "IMPORT_TOO_MANY_ROWS",
                "IMPORT_UNKNOWN_KIND", "IMPORT_UNKNOWN_CHARSET");
        put(404, "UNKNOWN_IMPORT");
        put(409, "IMPORT_HAS_PROBLEMS", "IMPORT_NOT_A_DRY_RUN");

        // settlement and statements
        put(400, "INVALID_MONTH", "INVALID_STATEMENT_QUERY", "SETTLEMENT_RANGE_INVALID", "SETTLEMENT_RANGE_TOO_LONG", "SETTLEMENT_DAY_NOT_OVER");
        put(404, "UNKNOWN_STATEMENT");
        put(409, "SETTLEMENT_RUNNING", "STATEMENT_CONFIRMED", "STATEMENT_NOT_RECONCILED");
        put(503, "PDF_FONT_MISSING");

        // the senior's own phone (phone.service.PhoneError)
        put(400, "PHONE_ACTIVATION_INVALID");
        put(410, "PHONE_ACTIVATION_EXPIRED");
        put(409, "PHONE_ACTIVATION_USED");
        put(429, "PHONE_ACTIVATION_THROTTLED");
        put(401, "PHONE_NOT_BOUND", "PHONE_DEVICE_REVOKED");
        put(403, "PHONE_SENIOR_NOT_ENROLLED");
        put(404, "PHONE_DEVICE_UNKNOWN");

        // supervision: anomaly cases (supervision.service.SupervisionError)
        put(404, "UNKNOWN_CASE");
        put(409, "CASE_STATE_CONFLICT");
        put(400, "CASE_NOTE_REQUIRED");

        // proposed policies (drafts) and their replays (replay.draft.DraftError)
        put(400, "POLICY_DRAFT_INVALID", "POLICY_DRAFT_TOO_LARGE", "POLICY_DRAFT_UNKNOWN_JURISDICTION",
                "POLICY_DRAFT_ID_CHANGED", "REPLAY_PERIOD_INVALID");
        put(404, "UNKNOWN_POLICY_DRAFT", "UNKNOWN_POLICY_VERSION", "UNKNOWN_REPLAY_RUN");
        put(409, "POLICY_DRAFT_ID_IN_CATALOGUE", "POLICY_DRAFT_EXISTS", "POLICY_DRAFT_WITHDRAWN");
        // policy replay (replay.service.ReplayError)
        put(400, "REPLAY_UNKNOWN_JURISDICTION", "REPLAY_PERIOD_NOT_OVER");
        put(503, "REPLAY_DATABASE_UNREADABLE");
    }

    private static void put(int status, String... codes) {
        for (String code : codes) {
            Integer before = STATUS.putIfAbsent(code, status);
            if (before != null && before != status) {
                throw new IllegalStateException(code + " catalogued with two statuses: " + before + ", " + status);
            }
        }
    }

    /** The status of a code, or empty if the code is not in the catalogue (a bug: every code thrown is). */
    public static OptionalInt status(String code) {
        Integer status = STATUS.get(code);
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /**
     * The status of a code as answered on a path of the API ({@code /api/register/...}, {@code /api/meals}):
     * the same everywhere but for the one code of {@link #REGISTER_STATUS}.
     */
    public static OptionalInt status(String code, String path) {
        if (path != null && (path.startsWith(REGISTER_PATH) || ("/" + path).startsWith(REGISTER_PATH))) {
            Integer status = REGISTER_STATUS.get(code);
            if (status != null) {
                return OptionalInt.of(status);
            }
        }
        return status(code);
    }

    /** Every catalogued code with its status (outside the register), in README.md's order. */
    public static Map<String, Integer> codes() {
        return Collections.unmodifiableMap(STATUS);
    }
}
