package cn.laorenjia.core.qr;

import cn.laorenjia.core.refusal.RefusalCode;
import cn.laorenjia.core.refusal.RefusedInput;

/** A code that was refused, with a stable code for programs and a Chinese message for the cashier. */
public final class QrTokenException extends RefusedInput {

    public enum Code implements RefusalCode {
        MALFORMED("二维码无法识别，不是本系统的助餐码，请老人出示助餐卡或助餐码"),
        TRUNCATED("二维码内容不完整，请重新扫描"),
        UNKNOWN_KEY("二维码的签发密钥未知，请联网更新终端后重试，或改用助餐卡"),
        FORGED("二维码签名无效，可能是伪造的，请改用助餐卡或身份证号"),
        EXPIRED("手机助餐码已过期，请老人刷新手机上的二维码后重新扫描"),
        NOT_YET_VALID("二维码尚未生效，请检查终端时间是否正确"),
        REPLAYED("该手机助餐码已使用过，请老人刷新手机上的二维码后重新扫描");

        private final String messageZh;

        Code(String messageZh) {
            this.messageZh = messageZh;
        }

        @Override
        public String messageZh() {
            return messageZh;
        }
    }

    public QrTokenException(Code code, String detail) {
        super(code, detail);
    }

    public Code code() {
        return (Code) reason();
    }
}
