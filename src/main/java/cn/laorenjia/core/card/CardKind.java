package cn.laorenjia.core.card;

/** How a senior is identified by a card: the form of its identifier is {@link CardIdentifier}'s business. */
public enum CardKind {
    /** A contactless card's UID, as the reader gives it ({@link CardUid}). */
    UID,
    /** A 社会保障卡 by its card number ({@link SocialSecurityCard#cardNumber}). */
    SOCIAL_SECURITY,
    /** A printed QR card by its register identifier. */
    PRINTED_QR
}
