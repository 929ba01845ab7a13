package cn.laorenjia.terminal.receipt;

import java.time.LocalDateTime;

/** What a counter receipt says, in the order it prints. Amounts as the service wrote them ("12.00"). */
public record Receipt(String saleId, String canteenName, String canteenCode, String terminalCode,
                      LocalDateTime time, String setName, String price, String discount, String amountToPay,
                      String seniorNameMasked, String idNumberMasked, int remainingThisWeek, String ruleVersion,
                      boolean voided) {

    public Receipt asVoided() {
        return new Receipt(saleId, canteenName, canteenCode, terminalCode, time, setName, price, discount, amountToPay,
                seniorNameMasked, idNumberMasked, remainingThisWeek, ruleVersion, true);
    }
}
