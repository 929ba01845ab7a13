package cn.laorenjia.core.senior;

/**
 * A resident identity number (居民身份证号码) that was refused, with the first reason found.
 * {@link #code()} is stable (for APIs and logs); {@link #messageZh()} is for the cashier's screen.
 * The message never contains the full number.
 */
public final class InvalidIdNumberException extends RuntimeException {

    /** Why the number was refused, in the order the checks are made. */
    public enum Code {
        LENGTH("身份证号码应为18位"),
        CHARACTERS("身份证号码前17位应为数字，末位应为数字或X"),
        REGION("身份证号码的地区码无效"),
        BIRTH_DATE("身份证号码中的出生日期无效"),
        CHECK_DIGIT("身份证号码校验位不正确"),
        /** The number is well formed but its birth date is after the day it is entered on (see IdNumber#requireBornBy). */
        BIRTH_DATE_IN_FUTURE("身份证号码中的出生日期晚于今天，请核对号码");

        private final String messageZh;

        Code(String messageZh) {
            this.messageZh = messageZh;
        }

        public String messageZh() {
            return messageZh;
        }
    }

    private final Code code;

    public InvalidIdNumberException(Code code) {
        super(code.name() + ": " + code.messageZh());
        this.code = code;
    }

    public Code code() {
        return code;
    }

    public String messageZh() {
        return code.messageZh();
    }
}
