package cn.laorenjia.settlement.cashier.service;

import cn.laorenjia.core.register.GuessablePins;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;

import java.util.Map;

/**
 * A cashier's new PIN, as an administrator sets it: 4 to 8 digits, neither one digit repeated (0000) nor a run up or
 * down (123456, 9876, 7890), the PINs tried first by anyone at an unattended counter. Only checked here and hashed;
 * never stored or logged in clear.
 */
public final class CashierPin {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 8;

    private final String digits;

    private CashierPin(String digits) {
        this.digits = digits;
    }

    /** Refuses a malformed PIN (INVALID_REQUEST) or a guessable one (PIN_TOO_WEAK). */
    public static CashierPin of(String pin) {
        if (pin == null || pin.isEmpty()) {
            throw InvalidRequest.missing("pin");
        }
        if (!pin.matches("[0-9]{" + MIN_LENGTH + "," + MAX_LENGTH + "}")) {
            throw InvalidRequest.of("pin", "请求内容无效：密码 pin 须为 " + MIN_LENGTH + " 至 " + MAX_LENGTH + " 位数字");
        }
        if (GuessablePins.isGuessable(pin)) {
            throw new ApiException(ErrorCodes.PIN_TOO_WEAK, "密码过于简单：不能全部是同一个数字，也不能是连续的数字（如 123456、9876），请另设一个",
                    Map.of("field", "pin"));
        }
        return new CashierPin(pin);
    }

    String digits() {
        return digits;
    }

    @Override
    public String toString() {
        return "CashierPin[***]";
    }
}
