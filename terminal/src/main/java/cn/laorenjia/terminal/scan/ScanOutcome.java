package cn.laorenjia.terminal.scan;

import java.util.Map;

/**
 * The answer to a scan, also fired as an event. When accepted, {@code identification} is exactly the
 * {@code identification} object to send in the meal API (POST /api/meals, or GET /api/meals/quota).
 *
 * @param accepted            the code is ours and valid here
 * @param kind                PHONE_QR or PRINTED_QR (the SeniorPresented kind), null when refused
 * @param value               the code text (signed codes only: an unsigned printed identifier is refused)
 * @param secondCheckRequired a printed code: the cashier checks the senior's ID card or photo before confirming
 * @param identification      what to send to the central service for this senior
 * @param code                refusal code (QR_FORGED, QR_EXPIRED, ..., QR_NOT_FOUND, PRINTED_QR_NOT_SIGNED), null when accepted
 * @param messageZh           what the cashier reads
 */
public record ScanOutcome(boolean accepted, String kind, String value, boolean secondCheckRequired,
                          Map<String, String> identification, String code, String messageZh) {

    public static final String SECOND_CHECK_ZH = "纸质二维码仅用于识别，请核对老人身份证或照片后再确认";

    static ScanOutcome refused(String code, String messageZh) {
        return new ScanOutcome(false, null, null, false, null, code, messageZh);
    }
}
