package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.settlement.error.ApiException;

/**
 * The ledger's stable error codes, with the Chinese message a cashier reads and what to do next.
 * Every one of them is raised before anything is written, or rolls the transaction back. How each is
 * answered over HTTP is the REST edge's business: {@link cn.laorenjia.settlement.error.ErrorCatalogue}.
 */
public enum LedgerError {
    UNKNOWN_CARD("未找到该卡，请确认老人已登记助餐服务，或改用身份证号查询"),
    PRINTED_QR_NOT_SIGNED("纸质二维码须扫描卡面上的签名二维码，不能按编号识别；请重新扫码，或改用身份证号查询"),
    CARD_NOT_ACTIVE("该卡已挂失或注销，请改用身份证号查询并联系街镇补办"),
    /** A card presented before its issue date. */
    CARD_NOT_YET_VALID("该卡尚未生效（未到发卡日期），请改用身份证号查询"),
    UNKNOWN_SENIOR("登记册中没有该身份证号，请确认号码或联系街镇办理登记"),
    INVALID_ID_NUMBER("身份证号码无效，请核对后重新输入"),
    UNKNOWN_MEAL_SET("本食堂菜单中没有该套餐，请刷新菜单后重新选择"),
    PRICE_CHANGED("套餐价格已变化，请刷新菜单后重试"),
    TERMINAL_NOT_OF_THIS_CANTEEN("本终端不属于该食堂，不能办理此业务"),
    DUPLICATE_ID_DIFFERENT_BODY("该单号已用于另一笔不同的交易，请重新下单"),
    TIMESTAMP_OUT_OF_RANGE("终端时间与服务器相差过大，请校准终端时钟后重试"),
    UNKNOWN_SALE("未找到要撤销的交易"),
    SALE_ALREADY_VOIDED("该笔交易已撤销，无需重复撤销"),
    VOID_NOT_SAME_DAY("只能撤销当天的交易，跨日更正请联系财务人员"),
    NOT_ENROLLED("老人未登记或助餐资格未生效，本餐按原价收费"),
    NOT_ELIGIBLE("老人不符合助餐补贴条件，本餐按原价收费"),
    BELOW_STANDARD_PRICE("所选套餐低于标准套餐价格，不享受补贴，按原价收费"),
    QUOTA_USED_TODAY("今日补贴次数已用完，本餐按原价收费"),
    QUOTA_USED_THIS_WEEK("本周补贴次数已用完，本餐按原价收费"),
    MEAL_NOT_COVERED("该餐次或日期不享受补贴，本餐按原价收费");

    private final String messageZh;

    LedgerError(String messageZh) {
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
