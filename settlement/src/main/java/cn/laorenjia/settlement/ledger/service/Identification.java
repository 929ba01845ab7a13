package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.core.card.CardIdentifier;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.entity.Card;

import java.util.Objects;

/** How the cashier identified the senior. A card is an identifier, not a proof; a manual lookup needs a reason. */
public sealed interface Identification {

    /** Stable text for hashing the request: two requests are the same only if these match. */
    String canonical();

    /**
     * A card by its identifier, which must have its kind's form ({@link CardIdentifier}): anything else is refused
     * ({@code INVALID_CARD_IDENTIFIER}) before the register is asked. Kept in the form the register stores.
     */
    record ByCard(Card.Kind kind, String identifier) implements Identification {
        public ByCard {
            Objects.requireNonNull(kind, "card kind");
            identifier = CardIdentifier.of(kind.form(), identifier).value();
        }

        @Override
        public String canonical() {
            return "CARD|" + kind + "|" + identifier;
        }
    }

    /**
     * A signed QR code (the text the scanner read), verified here with the service's key. A phone code is good
     * for one sale; a printed code only identifies and asks the cashier for a second check.
     */
    record ByQrToken(String token) implements Identification {
        public ByQrToken {
            if (token == null || token.isBlank() || token.length() > 512) {
                throw InvalidRequest.of("token", "请求内容无效：二维码内容 token 须为 1 至 512 个字符");
            }
        }

        @Override
        public String canonical() {
            return "QR|" + token;
        }
    }

    /** Looked up by ID number at the counter, e.g. the card was forgotten; the reason is recorded. */
    record Manual(String idNumber, ManualReason reason) implements Identification {
        public Manual {
            Objects.requireNonNull(idNumber, "idNumber");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String canonical() {
            return "MANUAL|" + idNumber + "|" + reason;
        }
    }

    enum ManualReason {
        CARD_FORGOTTEN("忘带卡"),
        CARD_DAMAGED("卡片损坏"),
        CARD_LOST("卡片丢失"),
        READER_FAULT("读卡器故障"),
        OTHER("其他");

        private final String labelZh;

        ManualReason(String labelZh) {
            this.labelZh = labelZh;
        }

        public String labelZh() {
            return labelZh;
        }
    }
}
