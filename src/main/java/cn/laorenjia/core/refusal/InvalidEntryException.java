package cn.laorenjia.core.refusal;

import java.util.Objects;

/**
 * A value typed or sent into the register or at a counter (a code, a card identifier, a phone number, a name) that
 * does not have its form. {@link #code()} is the stable code for programs, {@link #subject()} names what was refused
 * ({@code canteenCode}, {@code cardIdentifier}, ...), {@link #messageZh()} says in Chinese what the form is. Neither
 * message repeats the value refused: it may be markup, or a phone number.
 */
public final class InvalidEntryException extends RefusedInput {

    public enum Code implements RefusalCode {
        INVALID_CODE("编码格式不正确"),
        INVALID_CARD_IDENTIFIER("卡号格式不正确"),
        INVALID_PHONE_NUMBER("电话号码格式不正确"),
        INVALID_NAME("名称格式不正确");

        private final String messageZh;

        Code(String messageZh) {
            this.messageZh = messageZh;
        }

        @Override
        public String messageZh() {
            return messageZh;
        }
    }

    private final String subject;
    private final String messageZh;

    public InvalidEntryException(Code code, String subject, String messageZh) {
        super(code, subject);
        this.subject = Objects.requireNonNull(subject, "subject");
        this.messageZh = Objects.requireNonNull(messageZh, "messageZh");
    }

    public Code code() {
        return (Code) reason();
    }

    /** What was refused, in the API's words (e.g. {@code terminalCode}); never the value itself. */
    public String subject() {
        return subject;
    }

    /** What the value should look like, for the person who typed it. */
    @Override
    public String messageZh() {
        return messageZh;
    }
}
