package cn.laorenjia.terminal.identify;

import java.time.Instant;
import java.util.Objects;

/**
 * A senior presented something at this counter: a card on the reader, or a code to the scanner. Fired as a
 * CDI event by the card reader thread and the QR scanner; the sale flow observes it. It names the senior's
 * credential, not the senior: the central register (or, offline, the cached copy) decides who it is.
 *
 * @param kind  what was presented
 * @param value the card UID in upper-case hex, the social-security card's card number (卡号, what the register's
 *              card identifier holds), or the scanned QR text
 * @param at    when it was read
 */
public record SeniorPresented(Kind kind, String value, Instant at) {

    public enum Kind {
        /** A contactless card identified by its UID (profile a): an identifier, not a proof. */
        CARD_UID,
        /** A social-security-style CPU card read by SELECT/READ RECORD (profile b). */
        SOCIAL_SECURITY_CARD,
        /** The static QR printed on the senior's card: an identifier that asks the cashier for a second check. */
        PRINTED_QR,
        /** A short-lived signed code shown on the senior's (or a relative's) phone. */
        PHONE_QR
    }

    public SeniorPresented {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("value must not be blank");
        }
    }
}
