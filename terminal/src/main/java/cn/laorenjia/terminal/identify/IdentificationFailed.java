package cn.laorenjia.terminal.identify;

import java.time.Instant;
import java.util.Objects;

/**
 * A card or code could not be read or was refused before reaching the register (card pulled mid-read,
 * random UID, forged or expired code, ...). Fired as a CDI event so the cashier page can say what to do.
 *
 * @param code      stable code for programs, e.g. CARD_REMOVED, RANDOM_UID, QR_EXPIRED
 * @param messageZh what the cashier reads: what happened and what to do next
 */
public record IdentificationFailed(String code, String messageZh, Instant at) {

    public IdentificationFailed {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageZh, "messageZh");
        Objects.requireNonNull(at, "at");
    }
}
