package cn.laorenjia.contract.meal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the cashier identified the senior, as the counter sends it: a card ({@code CARD}: cardKind UID,
 * SOCIAL_SECURITY or PRINTED_QR, and its identifier), a signed QR code ({@code QR}: the text the scanner read,
 * starting with {@code LRJ:}), or a lookup by ID number ({@code MANUAL}: idNumber and a reason: CARD_FORGOTTEN,
 * CARD_DAMAGED, CARD_LOST, READER_FAULT or OTHER). The central checks it strictly; fields that do not belong to
 * the method are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentificationRequest(String method, String cardKind, String identifier, String idNumber,
                                    String reason, String token) {

    public static final String CARD = "CARD";
    public static final String QR = "QR";
    public static final String MANUAL = "MANUAL";

    public static IdentificationRequest card(String cardKind, String identifier) {
        return new IdentificationRequest(CARD, cardKind, identifier, null, null, null);
    }

    public static IdentificationRequest qr(String token) {
        return new IdentificationRequest(QR, null, null, null, null, token);
    }

    public static IdentificationRequest manual(String idNumber, String reason) {
        return new IdentificationRequest(MANUAL, null, null, idNumber, reason, null);
    }
}
