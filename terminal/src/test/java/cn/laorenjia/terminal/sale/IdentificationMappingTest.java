package cn.laorenjia.terminal.sale;

import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.terminal.identify.SeniorPresented;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each kind of credential becomes the identification the settlement's meal API expects. */
class IdentificationMappingTest {

    private static IdentificationRequest of(SeniorPresented.Kind kind, String value) {
        return SaleFlow.identificationOf(new SeniorPresented(kind, value, Instant.EPOCH));
    }

    @Test
    void cardsAreCardIdentifiers() {
        assertEquals(IdentificationRequest.card("UID", "04A1B2C3D4E5F6"),
                of(SeniorPresented.Kind.CARD_UID, "04A1B2C3D4E5F6"));
        assertEquals(IdentificationRequest.card("SOCIAL_SECURITY", "TJ2024001"),
                of(SeniorPresented.Kind.SOCIAL_SECURITY_CARD, "TJ2024001"));
    }

    @Test
    void aPrintedCodeIsNeverSentAsABareCardIdentifier() {
        // whatever it reads, it goes as the text scanned: the central honours only a signed one
        assertEquals(IdentificationRequest.qr("BDQR7K3M9P2Q4R6T"), of(SeniorPresented.Kind.PRINTED_QR, "BDQR7K3M9P2Q4R6T"));
    }

    @Test
    void aPhoneCodeIsSentAsAToken() {
        assertEquals(IdentificationRequest.qr("LRJ:abc"), of(SeniorPresented.Kind.PHONE_QR, "LRJ:abc"));
        // a signed printed code goes to the central verifier like a phone code
        assertEquals(IdentificationRequest.qr("LRJ:abc"), of(SeniorPresented.Kind.PRINTED_QR, "LRJ:abc"));
    }
}
