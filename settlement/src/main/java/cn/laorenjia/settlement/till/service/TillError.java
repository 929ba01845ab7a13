package cn.laorenjia.settlement.till.service;

import cn.laorenjia.settlement.error.ApiException;

/**
 * The till records' own error codes, with the Chinese message for the cashier or the finance officer. Each is raised
 * before anything is written. The till also answers with codes of others, meaning the same thing there:
 * CASHIER_UNKNOWN, UNKNOWN_MEAL_SET, UNKNOWN_SALE, SALE_ALREADY_VOIDED, DUPLICATE_ID_DIFFERENT_BODY,
 * TIMESTAMP_OUT_OF_RANGE, INVALID_REQUEST and the core's {@code TillRefusal} codes (TENDERED_TOO_LITTLE, ...).
 */
public enum TillError {
    TILL_SHIFT_UNKNOWN("未找到该班次，请先上传开班记录"),
    TILL_SHIFT_NOT_OF_THIS_TERMINAL("该班次不是本终端开的班，不能在本终端记录"),
    TILL_SHIFT_CLOSED("该班次已交班结账，不能再记录销售或撤销"),
    TILL_SHIFT_NOT_CLOSED("该班次尚未交班，还没有Z报表"),
    TILL_AMOUNTS_DO_NOT_ADD_UP("金额对不上：应收须为价格减优惠，找零须为收款减应收，原价销售没有优惠"),
    TILL_PRICE_NOT_ON_MENU("套餐价格与本食堂菜单不符，未记录"),
    TILL_LEDGER_MISMATCH("该笔销售与补贴台账中的记录不符（终端、套餐、价格、优惠或实收），未记录"),
    TILL_VOID_NOT_THE_SALE("撤销须按原支付方式退还该笔销售的应收金额"),
    TILL_VOID_OTHER_SHIFT("只能在销售所在的班次内撤销该笔销售");

    private final String messageZh;

    TillError(String messageZh) {
        this.messageZh = messageZh;
    }

    public String messageZh() {
        return messageZh;
    }

    public ApiException exception() {
        return new ApiException(name(), messageZh);
    }

    public ApiException exception(String specificMessageZh) {
        return new ApiException(name(), specificMessageZh);
    }
}
