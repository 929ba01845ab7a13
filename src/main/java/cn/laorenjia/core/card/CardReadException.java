package cn.laorenjia.core.card;

import cn.laorenjia.core.refusal.RefusalCode;
import cn.laorenjia.core.refusal.RefusedInput;

/** A card answer that was refused, with a stable code for programs and a Chinese message for the cashier. */
public final class CardReadException extends RefusedInput {

    public enum Code implements RefusalCode {
        RESPONSE_TOO_SHORT("读卡不完整，请将卡片放稳后重新刷卡"),
        UID_NOT_SUPPORTED("读卡器无法读取该卡的卡号，请改用助餐卡或身份证号"),
        CARD_ERROR("卡片返回错误，请重新刷卡；仍不行请改用身份证号"),
        BAD_UID_LENGTH("卡号长度异常，不是本系统的助餐卡"),
        RANDOM_UID("该卡每次刷卡卡号都会变化（随机卡号），不能用于助餐，请使用登记的助餐卡"),
        NOT_SOCIAL_SECURITY_CARD("不是社会保障卡，或卡片不支持读取，请改用助餐卡或身份证号"),
        RECORD_NOT_FOUND("社保卡中没有所需信息，请改用身份证号查询"),
        SECURITY_NOT_SATISFIED("该社保卡需要专用安全模块才能读取，请改用助餐卡或身份证号"),
        WRONG_TAG("社保卡数据格式异常，请重新刷卡"),
        LENGTH_MISMATCH("社保卡数据长度异常，请重新刷卡"),
        BAD_CARD_NUMBER("社保卡卡号格式不正确，请改用身份证号查询"),
        BAD_ID_NUMBER("社保卡中的社会保障号码无效，请改用身份证号查询"),
        BAD_NAME("社保卡中的姓名无法识别，请改用身份证号查询");

        private final String messageZh;

        Code(String messageZh) {
            this.messageZh = messageZh;
        }

        @Override
        public String messageZh() {
            return messageZh;
        }
    }

    public CardReadException(Code code, String detail) {
        super(code, detail);
    }

    public Code code() {
        return (Code) reason();
    }
}
