package cn.laorenjia.settlement.error;

import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.core.refusal.InvalidEntryException;
import cn.laorenjia.core.till.TillRefusal;
import cn.laorenjia.settlement.ledger.service.LedgerError;
import cn.laorenjia.settlement.settling.service.SettlementError;
import cn.laorenjia.settlement.till.service.TillError;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one catalogue knows every code the service can raise, each with the status README.md documents. */
class ErrorCatalogueTest {

    @Test
    void everyCodeOfEveryFeatureIsCatalogued() throws Exception {
        List<String> raised = new ArrayList<>();
        for (Field f : ErrorCodes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                raised.add((String) f.get(null));
            }
        }
        Stream.of(LedgerError.values()).map(Enum::name).forEach(raised::add);
        Stream.of(SettlementError.values()).map(Enum::name).forEach(raised::add);
        Stream.of(QrTokenException.Code.values()).map(c -> "QR_" + c.name()).forEach(raised::add);
        Stream.of(InvalidEntryException.Code.values()).map(Enum::name).forEach(raised::add);
        Stream.of(TillError.values()).map(Enum::name).forEach(raised::add);
        Stream.of(cn.laorenjia.settlement.register.importing.ImportError.values()).map(Enum::name).forEach(raised::add);
        Stream.of(TillRefusal.Code.values()).map(Enum::name).forEach(raised::add);
        Stream.of(cn.laorenjia.settlement.supervision.service.SupervisionError.values()).map(Enum::name)
                .forEach(raised::add);
        Stream.of(cn.laorenjia.settlement.phone.service.PhoneError.values()).map(Enum::name).forEach(raised::add);
        Stream.of(cn.laorenjia.settlement.replay.draft.DraftError.values()).map(Enum::name).forEach(raised::add);
        Stream.of(cn.laorenjia.settlement.replay.service.ReplayError.values()).map(Enum::name).forEach(raised::add);
        TreeSet<String> missing = new TreeSet<>(raised);
        missing.removeAll(ErrorCatalogue.codes().keySet());
        assertTrue(missing.isEmpty(), "not in the catalogue: " + missing);
        // and nothing catalogued that no feature raises
        TreeSet<String> unknown = new TreeSet<>(ErrorCatalogue.codes().keySet());
        unknown.removeAll(raised);
        assertTrue(unknown.isEmpty(), "catalogued but raised nowhere: " + unknown);
    }

    @Test
    void statusesAreThoseOfTheReadme() {
        assertEquals(400, status("INVALID_REQUEST"));
        assertEquals(400, status("MALFORMED_REQUEST"));
        assertEquals(500, status("INTERNAL_ERROR"));
        assertEquals(400, status("TIMESTAMP_OUT_OF_RANGE"));
        assertEquals(404, status("UNKNOWN_MEAL_SET"));
        assertEquals(409, status("DUPLICATE_ID_DIFFERENT_BODY"));
        for (String notSubsidised : Arrays.asList("NOT_ENROLLED", "NOT_ELIGIBLE", "BELOW_STANDARD_PRICE",
                "QUOTA_USED_TODAY", "QUOTA_USED_THIS_WEEK", "MEAL_NOT_COVERED")) {
            assertEquals(422, status(notSubsidised), notSubsidised);
        }
        assertEquals(400, status("QR_MALFORMED"));
        assertEquals(400, status("QR_TRUNCATED"));
        assertEquals(403, status("QR_REPLAYED"));
        assertEquals(409, status("CONTRADICTORY_FACTS"));
        assertEquals(404, status("UNKNOWN_STATEMENT"));
        assertEquals(503, status("PDF_FONT_MISSING"));
        assertEquals(503, status("DATABASE_UNAVAILABLE"));
        for (InvalidEntryException.Code entry : InvalidEntryException.Code.values()) {
            assertEquals(400, status(entry.name()), entry.name());
        }
    }

    @Test
    void aCardNotActiveIsForbiddenAtTheCounterAndAConflictInTheRegister() {
        assertEquals(OptionalInt.of(403), ErrorCatalogue.status("CARD_NOT_ACTIVE", "/api/meals/quota"));
        assertEquals(OptionalInt.of(403), ErrorCatalogue.status("CARD_NOT_ACTIVE", "/api/counter/preview"));
        assertEquals(OptionalInt.of(409), ErrorCatalogue.status("CARD_NOT_ACTIVE", "/api/register/seniors/1/cards/2/revoke"));
        // every other code answers the same everywhere
        assertEquals(OptionalInt.of(404), ErrorCatalogue.status("UNKNOWN_CARD", "/api/register/seniors/1/cards/2/revoke"));
    }

    @Test
    void anUncataloguedCodeHasNoStatus() {
        assertTrue(ErrorCatalogue.status("NO_SUCH_CODE").isEmpty());
    }

    private static int status(String code) {
        return ErrorCatalogue.status(code).orElseThrow();
    }
}
