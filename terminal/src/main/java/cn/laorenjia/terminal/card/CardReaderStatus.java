package cn.laorenjia.terminal.card;

import java.time.Instant;

/**
 * What the cashier page shows about the card reader.
 *
 * @param state         READY, NO_READER, NO_SERVICE (pcscd not running), NO_PCSC (no PC/SC library), RESTART_NEEDED
 *                      (pcscd restarted and the JVM may not renew its context), DISABLED or STARTING
 * @param readerPresent a reader is connected and being watched
 * @param readerName    its PC/SC name, when present
 * @param cardPresent   a card is on the reader (after a read the reader waits for it to leave)
 * @param profile       UID or SOCIAL_SECURITY
 * @param stateZh       the state in words for the cashier
 * @param lastError     the last refused or failed read (null until one happens)
 * @param lastReadAt    when a card was last read successfully
 */
public record CardReaderStatus(String state, boolean readerPresent, String readerName, boolean cardPresent, String profile, String stateZh,
                               LastError lastError, Instant lastReadAt) {

    public record LastError(String code, String messageZh, Instant at) {
    }
}
