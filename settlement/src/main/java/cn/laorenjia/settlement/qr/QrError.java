package cn.laorenjia.settlement.qr;

import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.settlement.error.ApiException;

/** A refused QR code as an API error: code {@code QR_<reason>}, the core's Chinese message. */
final class QrError {

    private QrError() {
    }

    static ApiException of(QrTokenException e) {
        return new ApiException("QR_" + e.code().name(), e.messageZh());
    }
}
