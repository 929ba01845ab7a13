package cn.laorenjia.core.refusal;

import java.util.Objects;

/**
 * Input from outside (a card's answer, a scanned code) that was refused, with its reason. The exception
 * message carries a technical detail for logs; {@link #messageZh()} is for the cashier. (Java forbids
 * generic exceptions, so subclasses add a typed {@code code()}.)
 */
public abstract class RefusedInput extends RuntimeException {

    private final RefusalCode reason;

    protected RefusedInput(RefusalCode reason, String detail) {
        super(Objects.requireNonNull(reason, "reason").name() + ": " + detail);
        this.reason = reason;
    }

    public RefusalCode reason() {
        return reason;
    }

    public String messageZh() {
        return reason.messageZh();
    }
}
