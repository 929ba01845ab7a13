package cn.laorenjia.settlement.qr;

import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.settlement.error.ApiException;

/**
 * A refused QR code as an API error: code {@code QR_<reason>}, the core's Chinese message; and the refusals of
 * a well-signed code whose holder is not (or no longer) on the register, with the codes and words the ledger
 * gives for the same holder presented by card or ID number (UNKNOWN_CARD, CARD_NOT_ACTIVE, UNKNOWN_SENIOR), so
 * a cashier reads the same whatever was presented. Kept here so that the QR codes do not depend on the ledger
 * that uses them.
 */
final class QrError {

    private QrError() {
    }

    static ApiException of(QrTokenException e) {
        return new ApiException("QR_" + e.code().name(), e.messageZh());
    }

    static ApiException unknownCard() {
        return new ApiException("UNKNOWN_CARD", "未找到该卡，请确认老人已登记助餐服务，或改用身份证号查询");
    }

    static ApiException cardNotActive() {
        return new ApiException("CARD_NOT_ACTIVE", "该卡已挂失或注销，请改用身份证号查询并联系街镇补办");
    }

    static ApiException unknownSenior() {
        return new ApiException("UNKNOWN_SENIOR", "登记册中没有该身份证号，请确认号码或联系街镇办理登记");
    }
}
